import { spawn } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createBackend } from '../../electron/backend';
import { LOCK_FILE } from '../../electron/storage/lock';
import { useBundledFixture } from './support/bundle';
import { tempDir } from './support/temp';
import { validateWorkspace, walk } from './support/validate-workspace';

/**
 * kill -9 loop (issue 8, "Faults"): a child process writes notes, design drafts and
 * checklist ticks through the real backend and is SIGKILLed at a random moment, 100
 * times on ONE workspace, so data (and journal compactions every 500 lines) accumulate.
 * After every kill a fresh backend takes over the dead child's lock, every file
 * validates, nothing is quarantined, and every write the child acknowledged is there.
 */

const KILLS = 100;
const MAX_DELAY_MS = 220;
/**
 * A run is killed after a random number of acknowledged writes (up to this many), then a
 * random delay: so the loop writes enough to cross compactions however slow the machine
 * (about 1,000 lines on average over 100 kills), and the kill still lands anywhere.
 */
const MAX_WRITES_BEFORE_KILL = 20;

const bundle = useBundledFixture('test/fixtures/kill9/writer.ts');

/** Deterministic delays, printed, so a failing run can be replayed. */
const seeded = (seed: number) => () => {
  seed = (seed * 1103515245 + 12345) % 2 ** 31;
  return seed / 2 ** 31;
};

interface Run {
  pid: number;
  lines: string[];
  stderr: string;
  signal: NodeJS.Signals | null;
}

/** Runs the writer and kills it `delayMs` after it printed "ready" and `afterWrites` acknowledgement lines. */
const runAndKill = (args: string[], afterWrites: number, delayMs: number): Promise<Run> =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bundle.file, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let stderr = '';
    let timer: NodeJS.Timeout | undefined;
    // A child that never gets ready (it crashed) must not hang the test.
    const guard = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      out += chunk;
      const printed = out.split('\n').length - 1;
      if (!timer && out.startsWith('ready\n') && printed >= 1 + afterWrites) timer = setTimeout(() => child.kill('SIGKILL'), delayMs);
    });
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (_code, signal) => {
      clearTimeout(guard);
      clearTimeout(timer);
      // Only complete lines: a line is printed in one write, but be strict anyway.
      const lines = out.split('\n').slice(0, -1);
      resolve({ pid: child.pid!, lines, stderr, signal });
    });
  });

describe('kill -9 while writing', () => {
  it(`${KILLS} kills at random moments: every acknowledged write survives, every file validates`, async () => {
    const dir = await tempDir('ls-kill9-');
    const seed = Number(process.env.KILL9_SEED ?? Date.now() % 100_000);
    const random = seeded(seed);
    const started = performance.now();

    // Seed through the real channels.
    const setup = await createBackend({ workspaceDir: dir });
    const group = await setup.service.createGroup({
      name: 'Kill loop', schools: [], subject: 'Math', gradeBand: '4', researchTheme: '', norms: [],
      members: [{ id: setup.context.newId(), name: 'Observer', role: 'observer' }],
    });
    const design = await setup.service.createDesign({ groupId: group.id, title: 'Draft -' });
    const cycle = await setup.service.createCycle({ groupId: group.id, title: 'Cycle under fire', researchQuestion: '' });
    const item = cycle.checklists.plan[0];
    expect(item).toBeDefined();
    await setup.close();

    const acked = new Map<string, string>();
    let lastDraft = -1;
    let lastTick = -1;
    const stampValue = (stamp: string) => {
      const [run, k] = stamp.split('.').map(Number);
      return run * 1_000_000 + k;
    };
    const figures = { kills: 0, acknowledged: 0, drafts: 0, ticks: 0, killedMidCompaction: 0, tempFilesFound: 0, tornTails: 0, compactions: 0 };
    let lastThrough = 0;

    for (let run = 0; run < KILLS; run++) {
      const afterWrites = Math.floor(random() * (MAX_WRITES_BEFORE_KILL + 1));
      const delay = Math.floor(random() * MAX_DELAY_MS);
      const result = await runAndKill(
        ['write', dir, cycle.id, group.members[0].id, design.id, item.id, String(run)],
        afterWrites,
        delay,
      );
      expect(result.signal, `run ${run} (seed ${seed}) ended without being killed: ${result.stderr}`).toBe('SIGKILL');
      expect(result.lines[0], `run ${run}: ${result.stderr}`).toBe('ready');
      figures.kills++;
      for (const line of result.lines.slice(1)) {
        const [type, a, ...textParts] = line.split(' ');
        if (type === 'o') acked.set(a, textParts.join(' '));
        else if (type === 'd') lastDraft = stampValue(a);
        else if (type === 'c') lastTick = stampValue(a);
        if (type === 'd') figures.drafts++;
        if (type === 'c') figures.ticks++;
      }

      // What the kill left behind, before anything repairs it.
      const obsDir = path.join(dir, 'observations', cycle.id);
      const names = await readdir(obsDir).catch(() => [] as string[]);
      const snapshot = names.includes('snapshot.json')
        ? (JSON.parse(await readFile(path.join(obsDir, 'snapshot.json'), 'utf8')) as { includesJournalsThrough: number })
        : { includesJournalsThrough: 0 };
      const journals = names.map((n) => /^journal-(\d+)\.jsonl$/.exec(n)?.[1]).filter(Boolean).map(Number);
      const leftovers = (await walk(dir)).filter((rel) => rel.includes('.tmp-'));
      figures.tempFilesFound += leftovers.length;
      if (journals.some((g) => g <= snapshot.includesJournalsThrough) || leftovers.some((rel) => rel.includes('snapshot.json'))) {
        figures.killedMidCompaction++;
      }
      for (const g of journals) {
        const bytes = await readFile(path.join(obsDir, `journal-${g}.jsonl`));
        if (bytes.length > 0 && bytes[bytes.length - 1] !== 0x0a) figures.tornTails++;
      }
      const lock = JSON.parse(await readFile(path.join(dir, LOCK_FILE), 'utf8')) as { pid: number };
      expect(lock.pid).toBe(result.pid);

      // A fresh backend takes over the dead child's lock and sees every acknowledged write.
      const backend = await createBackend({ workspaceDir: dir });
      try {
        const session = await backend.service.getObservationSession({ cycleId: cycle.id });
        const onDisk = new Map(session.observations.map((o) => [o.id, o.text]));
        const missing = [...acked].filter(([id, text]) => onDisk.get(id) !== text);
        expect(missing, `run ${run} (seed ${seed}, kill after ${delay} ms)`).toEqual([]);
        const reread = await backend.service.getDesign({ designId: design.id });
        if (lastDraft >= 0) expect(stampValue(reread.draft!.content.title.slice('Draft '.length))).toBeGreaterThanOrEqual(lastDraft);
        const rereadCycle = await backend.service.getCycle({ cycleId: cycle.id });
        const tick = rereadCycle.checklists.plan.find((i) => i.id === item.id)!;
        if (lastTick >= 0) expect(stampValue(tick.doneBy!.slice(1))).toBeGreaterThanOrEqual(lastTick);
        expect(await backend.service.listNotices({})).toEqual([]);
      } finally {
        await backend.close();
      }
      expect(await validateWorkspace(dir, { backups: false }), `run ${run} (seed ${seed})`).toEqual([]);
      const through = (JSON.parse(await readFile(path.join(obsDir, 'snapshot.json'), 'utf8').catch(() => '{"includesJournalsThrough":0}')) as { includesJournalsThrough: number }).includesJournalsThrough;
      if (through > lastThrough) figures.compactions += through - lastThrough;
      lastThrough = through;
    }
    // Backups are written once and never changed: decoding them once, now, finds any a kill damaged.
    expect(await validateWorkspace(dir), `backups (seed ${seed})`).toEqual([]);
    figures.acknowledged = acked.size;
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.log(`kill -9 loop (seed ${seed}): ${JSON.stringify(figures)} in ${seconds} s`);
    expect(figures.kills).toBe(KILLS);
    // The loop must actually have crossed compactions, or it proved less than it claims.
    expect(figures.compactions).toBeGreaterThan(0);
  }, 240_000);
});

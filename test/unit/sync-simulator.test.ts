import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { diffDocument } from '../../electron/storage/sync/diff';
import { readFolderFiles } from '../../electron/storage/sync/folder';
import { createClock } from '../../electron/storage/sync/hlc';
import { docKey, mergeOps, type MergedState } from '../../electron/storage/sync/merge';
import { canonicalJson, encodeOpLines, unescapeKey, type Op } from '../../electron/storage/sync/ops';

/**
 * Three laptops share a folder through a simulated sync tool that delivers each device's
 * op logs to the others late, out of order, twice, half-written, under temporary names and
 * as each tool's conflict copies. Every laptop edits real-shaped documents through the
 * diff → ops path. After everything is delivered, every laptop must show the same state,
 * hold every op, and show every write that nobody replaced — or list it in a conflict.
 */

const DEVICES = ['aaaaaaaaaaaaaaaa', 'bbbbbbbbbbbbbbbb', 'cccccccccccccccc'];
const T0 = Date.UTC(2026, 10, 2, 8);
const ROLL_AFTER = 12; // ops per log file, so logs roll over and several generations travel

type Json = Record<string, unknown>;
type Row = Json & { id: string };

interface Laptop {
  id: string;
  clock: ReturnType<typeof createClock>;
  /** This laptop's own logs: file name → every version it has had, oldest first. */
  logs: Map<string, string[]>;
  opsInLog: number;
  generation: number;
  /** Other devices' files as the sync tool has placed them here: relative path → text. */
  received: Map<string, string>;
  written: number;
}

const ownFiles = (l: Laptop): Array<[string, string]> =>
  [...l.logs].map(([name, versions]) => [`devices/${l.id}/${name}`, versions[versions.length - 1]]);
/** How often the runs met what they are meant to meet (a half-arrived line, a conflict), so a run that never did is seen. */
const seen = { pending: 0, conflicts: 0 };
const stateOf = (l: Laptop): MergedState => {
  const read = readFolderFiles([...ownFiles(l), ...l.received]);
  seen.pending += read.pending.length;
  return mergeOps(read.ops);
};

const initial = (): Array<{ kind: string; id: string; value: Json }> => [
  {
    kind: 'group',
    id: 'g1',
    value: {
      name: 'Grade 4 maths',
      norms: ['Evidence, not judgement'],
      members: [
        { id: 'm1', name: 'Ana', role: 'facilitator' },
        { id: 'm2', name: 'Ben', role: 'teacher' },
      ],
    },
  },
  {
    kind: 'design',
    id: 'd1',
    value: {
      groupId: 'g1',
      draft: {
        content: {
          title: 'Comparing fractions',
          goals: { lesson: 'Justify which is larger', unit: 'Fractions' },
          steps: [1, 2, 3, 4].map((n) => ({ id: `s${n}`, title: `Step ${n}`, activities: `Key question ${n}`, minutes: 5, pointsToNotice: [{ id: `p${n}`, text: 'Look for' }] })),
        },
      },
    },
  },
  { kind: 'cycle', id: 'c1', value: { designId: 'd1', phase: 'plan', plannedDate: '2026-12-01', focusStudentIds: ['st1'] } },
  { kind: 'observation', id: 'n0', value: { cycleId: 'c1', stepId: 's1', text: 'Student A folds the strip', codes: ['strategy'] } },
];

/** One random edit of one document, in the shapes the app saves. `tag` makes every written value unique. */
const edit = (kind: string, doc: Json, pick: number, tag: string): Json | null => {
  const d = structuredClone(doc);
  const choose = <T>(xs: T[]): T | undefined => xs[pick % Math.max(xs.length, 1)];
  switch (kind) {
    case 'group': {
      const members = (d.members ?? []) as Row[];
      switch (pick % 5) {
        case 0: return { ...d, name: `Group ${tag}` };
        case 1: return { ...d, members: [...members, { id: `m-${tag}`, name: `Member ${tag}`, role: 'observer' }] };
        case 2: return { ...d, members: members.filter((m) => m.id !== choose(members)?.id) };
        case 3: return { ...d, members: members.map((m) => (m.id === choose(members)?.id ? { ...m, role: `role ${tag}` } : m)) };
        default: return { ...d, norms: [...((d.norms ?? []) as string[]), `Norm ${tag}`] };
      }
    }
    case 'design': {
      const content = ((d.draft as Json | undefined)?.content ?? {}) as Json;
      const steps = (content.steps ?? []) as Row[];
      const target = choose(steps);
      const put = (next: Json) => ({ ...d, draft: { ...(d.draft as Json), content: { ...content, ...next } } });
      switch (pick % 6) {
        case 0: return put({ title: `Title ${tag}` });
        case 1: return put({ goals: { ...(content.goals as Json), lesson: `Goal ${tag}` } });
        case 2: return put({ steps: steps.map((s) => (s.id === target?.id ? { ...s, [pick % 2 ? 'title' : 'activities']: `Step text ${tag}` } : s)) });
        case 3: {
          const next = [...steps];
          next.splice(pick % (steps.length + 1), 0, { id: `s-${tag}`, title: `New step ${tag}`, activities: '', minutes: 3, pointsToNotice: [] });
          return put({ steps: next });
        }
        case 4: return put({ steps: steps.filter((s) => s.id !== target?.id) });
        default: return put({ steps: target ? [...steps.filter((s) => s.id !== target.id), target] : steps });
      }
    }
    case 'cycle':
      return pick % 2 ? { ...d, phase: `phase ${tag}` } : { ...d, plannedDate: `2026-12-${tag}` };
    default:
      if (pick % 4 === 0) return null; // the note is deleted
      return { ...d, text: `Note ${tag}` };
  }
};

const save = (l: Laptop, state: MergedState, kind: string, id: string, before: Json | null, after: Json | null): void => {
  const ops = diffDocument({ kind, id }, before, after, state.docs.get(docKey(kind, id)) ?? null, l.clock.next);
  if (ops.length === 0) return;
  if (l.opsInLog >= ROLL_AFTER) {
    l.generation += 1;
    l.opsInLog = 0;
  }
  const name = `ops-${l.generation}.jsonl`;
  const versions = l.logs.get(name) ?? [''];
  l.logs.set(name, [...versions, versions[versions.length - 1] + encodeOpLines(ops)]);
  l.opsInLog += ops.length;
  l.written += ops.length;
};

const conflictName = (name: string, tool: number, n: number): string => {
  const stem = name.replace(/\.jsonl$/, '');
  return [
    `${stem} (Ana's conflicted copy 2026-11-0${(n % 9) + 1}).jsonl`,
    `${stem} (conflicted copy 2026-11-02 10153${n % 10}).jsonl`,
    `${stem}-LAPTOP-${n}.jsonl`,
    `${stem} (${n + 1}).jsonl`,
    `${stem}.sync-conflict-20261102-101530-ABCDEF${n % 10}.jsonl`,
  ][tool % 5];
};

const Action = fc.oneof(
  fc.record({ t: fc.constant('edit' as const), device: fc.nat(2), doc: fc.nat(5), pick: fc.nat(1000) }),
  fc.record({
    t: fc.constant('deliver' as const),
    from: fc.nat(2),
    to: fc.nat(2),
    file: fc.nat(20),
    version: fc.nat(1000),
    how: fc.constantFrom('whole', 'whole', 'partial', 'temporary', 'conflict-copy', 'again'),
    cut: fc.nat(10_000),
    tool: fc.nat(4),
  }),
);

/** The value at an op's path in a merged document, or undefined. */
const at = (doc: unknown, path: string[]): unknown => {
  let node = doc;
  for (const segment of path) {
    if (segment.startsWith('#')) node = Array.isArray(node) ? node.find((item) => (item as Row)?.id === segment.slice(1)) : undefined;
    else node = node !== null && typeof node === 'object' ? (node as Json)[unescapeKey(segment)] : undefined;
  }
  return node;
};

const view = (state: MergedState) => ({
  docs: [...state.docs].map(([key, doc]) => [key, doc.value]),
  conflicts: state.conflicts,
  ops: state.ops.map((op) => op.hlc),
});

describe('three laptops on one synced folder', () => {
  it('property: after full delivery every laptop shows the same state and every write is kept or listed as a conflict', () => {
    fc.assert(
      fc.property(fc.array(Action, { minLength: 5, maxLength: 45 }), fc.array(fc.nat(2), { minLength: 0, maxLength: 3 }), (actions, clockSkews) => {
        const laptops: Laptop[] = DEVICES.map((id, i) => {
          let ms = T0 + (clockSkews[i] ?? 0) * 45_000; // clocks that disagree by up to 1.5 minutes
          const clock = createClock(id, () => (ms += 1000));
          return { id, clock, logs: new Map(), opsInLog: 0, generation: 1, received: new Map(), written: 0 };
        });
        // Ana sets up the group's documents; everyone has them before going offline.
        const ana = laptops[0];
        for (const doc of initial()) save(ana, stateOf(ana), doc.kind, doc.id, null, doc.value);
        for (const l of laptops.slice(1)) for (const [file, text] of ownFiles(ana)) l.received.set(file, text);

        let notes = 0;
        let copies = 0;
        for (const action of actions) {
          if (action.t === 'edit') {
            const l = laptops[action.device];
            const state = stateOf(l);
            const docs = [...state.docs.values()].filter((d) => d.value !== null);
            const tag = `${action.device}-${l.written}`;
            if (action.doc === 5 || docs.length === 0) {
              save(l, state, 'observation', `n-${tag}-${notes++}`, null, { cycleId: 'c1', stepId: 's2', text: `Note ${tag}`, codes: [] });
              continue;
            }
            const target = docs[action.doc % docs.length];
            save(l, state, target.kind, target.id, target.value, edit(target.kind, target.value as Json, action.pick, tag));
          } else {
            const from = laptops[action.from];
            const to = laptops[(action.from + 1 + (action.to % 2)) % 3];
            const names = [...from.logs.keys()];
            if (names.length === 0) continue;
            const name = names[action.file % names.length];
            const versions = from.logs.get(name) as string[];
            const text = versions[action.version % versions.length];
            const file = `devices/${from.id}/${name}`;
            if (action.how === 'whole') to.received.set(file, text);
            else if (action.how === 'partial') to.received.set(file, text.slice(0, action.cut % (text.length + 1)));
            else if (action.how === 'temporary') to.received.set(`devices/${from.id}/.syncthing.${name}.tmp`, text.slice(0, action.cut % (text.length + 1)));
            else if (action.how === 'conflict-copy') to.received.set(`devices/${from.id}/${conflictName(name, action.tool, copies++)}`, text);
            else if (to.received.has(file)) to.received.set(file, to.received.get(file) as string);
          }
        }
        // The sync tool catches up: every log's newest version reaches every other laptop.
        for (const l of laptops) for (const other of laptops) if (other !== l) for (const [file, text] of ownFiles(other)) l.received.set(file, text);

        const states = laptops.map(stateOf);
        expect(view(states[1])).toEqual(view(states[0]));
        expect(view(states[2])).toEqual(view(states[0]));

        // Every op written anywhere is held by every laptop.
        const written = laptops.flatMap((l) => readFolderFiles(ownFiles(l)).ops);
        expect(written.length).toBe(laptops.reduce((sum, l) => sum + l.written, 0));
        expect(new Set(states[0].ops.map((op) => op.hlc))).toEqual(new Set(written.map((op) => op.hlc)));

        // Every value written and replaced by nobody is shown, or its place (or a place above it) is a listed conflict.
        const replaced = new Set(written.flatMap((op) => op.base));
        for (const op of written.filter((o: Op) => o.op === 'set' && !replaced.has(o.hlc))) {
          const doc = states[0].docs.get(docKey(op.kind, op.doc));
          const shown = canonicalJson(at(doc?.value, op.path)) === canonicalJson(op.value);
          const listed = (doc?.conflicts ?? []).some(
            (c) =>
              op.path.slice(0, c.path.length).join('/') === c.path.join('/') &&
              (c.path.length < op.path.length || c.candidates.some((x) => canonicalJson(x.value) === canonicalJson(op.value))),
          );
          expect(shown || listed, `${op.kind} ${op.doc} ${op.path.join('/')}`).toBe(true);
        }
        for (const c of states[0].conflicts) expect(c.candidates.length).toBeGreaterThanOrEqual(2);
        seen.conflicts += states[0].conflicts.length;
      }),
      // SYNC_SIM_RUNS=1000 for a longer search than the default run.
      { numRuns: Number(process.env.SYNC_SIM_RUNS ?? 60) },
    );
    expect(seen.pending).toBeGreaterThan(0);
    expect(seen.conflicts).toBeGreaterThan(0);
  });
});

import Conf from 'conf';
import * as nodeFs from 'node:fs';
import { appendFile, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { createBackend, type Backend } from '../../electron/backend';
import { compactNow } from '../../electron/backend/observations';
import { corruptSettingsName, createSettings, defaultPreferences, openSettingsStore } from '../../electron/settings';
import type { Observation } from '../../shared/domain/observation';
import { stampObservation } from '../../shared/observe/stamp';
import { tempDir } from './support/temp';

/**
 * The corrupt-file matrix (issue 8, "Faults") for every file kind other than groups
 * (groups: storage-corrupt.test.ts), each file written through the real channels:
 * quarantined as `<name>.corrupt-<time>` (never overwritten), the newest valid backup
 * restored, a notice naming the file; a newer schema refused and left untouched; a BOM
 * accepted; a stale temp file swept. Then the observation journal's own promise, and
 * the settings file (electron-store / conf).
 */

type Damage = (original: string) => string | Buffer;
const damage: Record<string, Damage> = {
  empty: () => '',
  truncated: (original) => original.slice(0, Math.floor(original.length / 2)),
  'NUL-filled': (original) => Buffer.alloc(original.length, 0),
  'invalid JSON': () => '{ "schemaVersion": 1, oops',
  'not a document': () => '"just a string"',
  '50 MB': () => Buffer.alloc(50 * 1024 * 1024, 0x20),
};

interface KindCase {
  /** The file, relative to the workspace. */
  rel: string;
  /** Break the body's shape while keeping valid JSON. */
  schemaInvalid: (doc: Record<string, Record<string, unknown>>) => void;
  /** What the app shows of it after reopening. */
  read: (backend: Backend) => Promise<unknown>;
}

let now = Date.parse('2026-05-01T09:00:00Z');
const clock = () => new Date((now += 1000));

/** Write each kind through the channels, twice, so backups exist; return how to read each. */
const seedWorkspace = async () => {
  const dir = await tempDir();
  const backend = await createBackend({ workspaceDir: dir, clock, backupIntervalMs: 0 });
  const { service, context } = backend;
  const group = await service.createGroup({
    name: 'Matrix', schools: [], subject: 'Math', gradeBand: '4', researchTheme: '', norms: [],
    members: [{ id: context.newId(), name: 'Observer', role: 'observer' }],
  });
  const design = await service.createDesign({ groupId: group.id, title: 'First title' });
  await service.saveDraft({ designId: design.id, content: { ...design.draft!.content, title: 'Newest valid title' }, changeNotes: [] });
  const cycle = await service.createCycle({ groupId: group.id, title: 'First cycle title', researchQuestion: '' });
  await service.updateCycleInfo({ cycleId: cycle.id, title: 'Newest valid cycle', researchQuestion: '' });
  await service.createFinding({ cycleId: cycle.id, fields: { statement: 'First finding', impliesRevision: false, stepId: null } });
  await service.createFinding({ cycleId: cycle.id, fields: { statement: 'Newest finding', impliesRevision: false, stepId: null } });
  let noteClock = 0;
  const note = (text: string): Observation =>
    stampObservation(
      { text, target: { kind: 'class' }, codeIds: [], photos: [] },
      { id: context.newId(), cycleId: cycle.id, observerId: group.members[0].id, clockMs: (noteClock += 1000), now: clock() },
    );
  await service.saveObservation({ observation: note('first note') });
  await compactNow(context, cycle.id);
  await service.saveObservation({ observation: note('second note') });
  await compactNow(context, cycle.id);
  await backend.close();

  const kinds: Record<string, KindCase> = {
    design: {
      rel: `designs/${design.id}.json`,
      schemaInvalid: (doc) => void (doc.design.versions = 42),
      read: async (b) => (await b.service.getDesign({ designId: design.id })).draft!.content.title,
    },
    cycle: {
      rel: `cycles/${cycle.id}.json`,
      schemaInvalid: (doc) => void (doc.cycle.phase = 'daydreaming'),
      read: async (b) => (await b.service.getCycle({ cycleId: cycle.id })).title,
    },
    analysis: {
      rel: `analysis/${cycle.id}.json`,
      schemaInvalid: (doc) => void (doc.analysis.findings = 'none'),
      read: async (b) => (await b.service.getAnalysis({ cycleId: cycle.id })).findings.map((f) => f.statement),
    },
    'observation snapshot': {
      rel: `observations/${cycle.id}/snapshot.json`,
      schemaInvalid: (doc) => void ((doc as Record<string, unknown>).observations = { not: 'a list' }),
      read: async (b) => (await b.service.getObservationSession({ cycleId: cycle.id })).observations.map((o) => o.text),
    },
  };
  const expected: Record<string, unknown> = {
    design: 'Newest valid title',
    cycle: 'Newest valid cycle',
    analysis: ['First finding', 'Newest finding'],
    'observation snapshot': ['first note', 'second note'],
  };
  return { dir, kinds, expected, cycleId: cycle.id, note };
};

const asideOf = async (dir: string, rel: string) =>
  (await readdir(path.join(dir, path.dirname(rel)))).filter((n) => n.startsWith(`${path.basename(rel)}.corrupt-`));

const kindNames = ['design', 'cycle', 'analysis', 'observation snapshot'] as const;

describe.each(kindNames)('corrupt %s file', (kindName) => {
  const matrix: Record<string, Damage | 'schema-invalid'> = { ...damage, 'schema-invalid': 'schema-invalid' };
  for (const [label, corrupt] of Object.entries(matrix)) {
    it(`${label}: quarantined and never overwritten, the newest valid backup restored, a notice names the file`, async () => {
      const { dir, kinds, expected } = await seedWorkspace();
      const kind = kinds[kindName];
      const file = path.join(dir, kind.rel);
      const original = await readFile(file, 'utf8');
      let damaged: string | Buffer;
      if (corrupt === 'schema-invalid') {
        const doc = JSON.parse(original) as Record<string, Record<string, unknown>>;
        kind.schemaInvalid(doc);
        damaged = JSON.stringify(doc);
      } else damaged = corrupt(original);
      await writeFile(file, damaged);

      const backend = await createBackend({ workspaceDir: dir, clock });
      expect(await kind.read(backend)).toEqual(expected[kindName]);
      const aside = await asideOf(dir, kind.rel);
      expect(aside).toHaveLength(1);
      expect((await readFile(path.join(path.dirname(file), aside[0]))).equals(Buffer.from(damaged))).toBe(true);
      const notices = (await backend.service.listNotices({})).filter((n) => n.file === kind.rel);
      expect(notices).toHaveLength(1);
      expect(notices[0]).toMatchObject({ kind: 'restored-from-backup', quarantinedAs: aside[0] });
      // Named by its title where it has one (the notice's `file` keeps the path).
      expect(notices[0].message).toMatch(/^(The group “|The lesson design “|The cycle “|"analysis\/|"observations\/).+ was damaged \(/);
      await backend.close();
      // The restored file is a valid copy of the newest content.
      expect(await readFile(file, 'utf8')).toBe(original);
    });
  }

  it('without any backup: moved aside (not deleted, not reset) and the user is told', async () => {
    const { dir, kinds } = await seedWorkspace();
    const kind = kinds[kindName];
    await rm(path.join(dir, '.backups'), { recursive: true });
    await writeFile(path.join(dir, kind.rel), '{"schemaVersion":1,');
    const backend = await createBackend({ workspaceDir: dir, clock });
    await kind.read(backend).catch(() => undefined);
    const [notice] = (await backend.service.listNotices({})).filter((n) => n.file === kind.rel);
    expect(notice.kind).toBe('quarantined');
    expect(notice.message).toMatch(/no valid copy of it exists/);
    expect(await asideOf(dir, kind.rel)).toHaveLength(1);
    await backend.close();
  });

  it('newer schema: refused with "newer-schema" and left untouched', async () => {
    const { dir, kinds } = await seedWorkspace();
    const kind = kinds[kindName];
    const file = path.join(dir, kind.rel);
    const newer = (await readFile(file, 'utf8')).replace(/"schemaVersion": \d+/, '"schemaVersion": 99');
    await writeFile(file, newer);
    const backend = await createBackend({ workspaceDir: dir, clock });
    await expect(kind.read(backend)).rejects.toMatchObject({ code: 'newer-schema', message: expect.stringContaining(kind.rel) });
    await backend.close();
    expect(await readFile(file, 'utf8')).toBe(newer);
    expect(await asideOf(dir, kind.rel)).toEqual([]);
  });

  it('BOM: a file saved with a byte-order mark is read as it is', async () => {
    const { dir, kinds, expected } = await seedWorkspace();
    const kind = kinds[kindName];
    const file = path.join(dir, kind.rel);
    await writeFile(file, `\uFEFF${await readFile(file, 'utf8')}`);
    const backend = await createBackend({ workspaceDir: dir, clock });
    expect(await kind.read(backend)).toEqual(expected[kindName]);
    expect(await backend.service.listNotices({})).toEqual([]);
    await backend.close();
    expect(await asideOf(dir, kind.rel)).toEqual([]);
  });

  it('stale temp file of a killed write: ignored and swept, the real file intact', async () => {
    const { dir, kinds, expected } = await seedWorkspace();
    const kind = kinds[kindName];
    const file = path.join(dir, kind.rel);
    const stale = path.join(path.dirname(file), `.${path.basename(file)}.tmp-0123456789ab`);
    await writeFile(stale, '{"schemaVersion":1,"half a wri');
    const old = new Date(Date.now() - 60_000);
    nodeFs.utimesSync(stale, old, old);
    const backend = await createBackend({ workspaceDir: dir, clock });
    expect(await kind.read(backend)).toEqual(expected[kindName]);
    expect(await backend.service.listNotices({})).toEqual([]);
    await backend.close();
    expect(nodeFs.existsSync(stale)).toBe(false);
  });
});

describe('observation journal lines', () => {
  /**
   * What observations-log.ts / journal.ts promise: a torn LAST line (bytes after the last
   * newline) is a write killed before it was acknowledged — cut away silently; a damaged
   * COMPLETE line is damage — the other notes are shown, the journal is copied aside and
   * the user is told. The journal itself is kept (it still holds the good lines).
   */
  const journalOf = async (dir: string, cycleId: string) => {
    const names = (await readdir(path.join(dir, 'observations', cycleId))).filter((n) => /^journal-\d+\.jsonl$/.test(n));
    expect(names).toHaveLength(1);
    return path.join(dir, 'observations', cycleId, names[0]);
  };

  const writeThree = async () => {
    const seeded = await seedWorkspace();
    const backend = await createBackend({ workspaceDir: seeded.dir, clock });
    for (const text of ['third', 'fourth', 'fifth']) await backend.service.saveObservation({ observation: seeded.note(text) });
    await backend.close();
    return { ...seeded, journal: await journalOf(seeded.dir, seeded.cycleId) };
  };

  const middle: Record<string, (line: string) => string> = {
    'NUL-filled': (line) => '\u0000'.repeat(line.length),
    'invalid JSON': (line) => line.slice(0, 40),
    'schema-invalid': (line) => line.replace('"k":"o"', '"k":"x"'),
  };
  for (const [label, breakLine] of Object.entries(middle)) {
    it(`a ${label} line in the middle: the other notes are shown, the journal is copied aside, a notice names it`, async () => {
      const { dir, cycleId, journal } = await writeThree();
      const lines = (await readFile(journal, 'utf8')).split('\n');
      lines[1] = breakLine(lines[1]);
      const damaged = lines.join('\n');
      await writeFile(journal, damaged);

      const backend = await createBackend({ workspaceDir: dir, clock });
      const session = await backend.service.getObservationSession({ cycleId });
      expect(session.observations.map((o) => o.text)).toEqual(['first note', 'second note', 'third', 'fifth']);
      const rel = `observations/${cycleId}/${path.basename(journal)}`;
      const [notice] = (await backend.service.listNotices({})).filter((n) => n.file === rel);
      expect(notice.kind).toBe('quarantined');
      expect(notice.message).toMatch(/1 damaged line/);
      await backend.close();
      expect(await readFile(path.join(path.dirname(journal), notice.quarantinedAs!), 'utf8')).toBe(damaged);
    });
  }

  const torn: Record<string, string | Buffer> = {
    'a half-written last line': '{"k":"o","v":{"id":"3f0c',
    'NUL bytes after the last line': Buffer.alloc(300, 0),
  };
  for (const [label, tail] of Object.entries(torn)) {
    it(`${label} (a kill mid-append): cut away without a notice; every acknowledged note is there`, async () => {
      const { dir, cycleId, journal } = await writeThree();
      const intact = await readFile(journal, 'utf8');
      await appendFile(journal, tail);
      const backend = await createBackend({ workspaceDir: dir, clock });
      const session = await backend.service.getObservationSession({ cycleId });
      expect(session.observations.map((o) => o.text)).toEqual(['first note', 'second note', 'third', 'fourth', 'fifth']);
      expect(await backend.service.listNotices({})).toEqual([]);
      await backend.close();
      expect(await readFile(journal, 'utf8')).toBe(intact);
    });
  }
});

describe('settings file (electron-store / conf)', () => {
  // conf writes config.json exactly as electron-store does; main.ts opens it this way.
  const setUp = async () => {
    const dir = await tempDir();
    const file = path.join(dir, 'config.json');
    const open = () => new Conf<Record<string, unknown>>({ cwd: dir, projectName: 'lesson-study-faults' });
    const at = new Date('2026-05-01T09:00:00.000Z');
    const onProblem = vi.fn();
    const openSettings = () =>
      createSettings(
        openSettingsStore({
          open,
          setAside: () => {
            if (nodeFs.existsSync(file)) nodeFs.renameSync(file, corruptSettingsName(file, at));
          },
          onProblem,
        }),
      );
    return { dir, file, open, openSettings, onProblem, aside: corruptSettingsName(file, at) };
  };

  const unreadable: Record<string, string | Buffer> = {
    // conf and electron-store refuse an empty file too; setting it aside costs nothing.
    empty: '',
    truncated: '{"theme": "dark", "uiLang',
    'NUL-filled': Buffer.alloc(200, 0),
    'invalid JSON': 'theme: dark',
    '50 MB of garbage': Buffer.alloc(50 * 1024 * 1024, 0x7b),
  };
  for (const [label, content] of Object.entries(unreadable)) {
    it(`${label}: set aside (kept), defaults used, a visible warning, and saving works again`, async () => {
      const { file, openSettings, onProblem, aside } = await setUp();
      await writeFile(file, content);
      const settings = openSettings();
      expect(settings.all()).toEqual(defaultPreferences);
      expect(onProblem).toHaveBeenCalledWith(expect.stringMatching(/could not be read; it was set aside and defaults are used/), expect.anything());
      expect((await readFile(aside)).equals(Buffer.from(content))).toBe(true);
      settings.set('theme', 'dark');
      expect(JSON.parse(await readFile(file, 'utf8'))).toMatchObject({ theme: 'dark' });
    });
  }

  it('schema-invalid values (and a value from a newer app): each falls back to its default, valid ones are kept, the file is not rewritten', async () => {
    const { file, openSettings, onProblem } = await setUp();
    const text = JSON.stringify({ theme: 'dark', uiLanguage: 'tlh', windowBounds: { x: 'left' }, recentWorkspaces: 7, futureOption: { v: 2 } });
    await writeFile(file, text);
    const settings = openSettings();
    expect(settings.get('theme')).toBe('dark');
    expect(settings.get('uiLanguage')).toBe('en');
    expect(settings.get('windowBounds')).toBeNull();
    expect(settings.get('recentWorkspaces')).toEqual([]);
    expect(onProblem).not.toHaveBeenCalled();
    expect(await readFile(file, 'utf8')).toBe(text);
  });

  it('BOM: a settings file saved with a byte-order mark is either read or set aside — never a crash', async () => {
    const { file, openSettings, onProblem, aside } = await setUp();
    await writeFile(file, `\uFEFF${JSON.stringify({ theme: 'dark' })}`);
    const settings = openSettings();
    if (onProblem.mock.calls.length === 0) expect(settings.get('theme')).toBe('dark');
    else {
      expect(settings.all()).toEqual(defaultPreferences);
      expect(nodeFs.existsSync(aside)).toBe(true);
    }
  });

  it('a stale temp file next to it is ignored', async () => {
    const { dir, file, openSettings, onProblem } = await setUp();
    await writeFile(file, JSON.stringify({ theme: 'light' }));
    await writeFile(path.join(dir, 'config.json.tmp-1234'), '{"theme": "da');
    expect(openSettings().get('theme')).toBe('light');
    expect(onProblem).not.toHaveBeenCalled();
  });
});

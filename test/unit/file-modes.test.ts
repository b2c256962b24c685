import * as fsp from 'node:fs/promises';
import { readFile, stat } from 'node:fs/promises';
import { homedir, tmpdir } from 'node:os';
import * as path from 'node:path';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { createBackend } from '../../electron/backend';
import { compactNow } from '../../electron/backend/observations';
import { nodeFs, type FsPort } from '../../electron/storage/fs-port';
import { stampObservation } from '../../shared/observe/stamp';
import { tempDir } from './support/temp';
import { describeFlags } from './support/recording-fs';
import { walk } from './support/validate-workspace';

/**
 * Issue 8, "Security audit": data, backup, lock, journal, photo and temp files are 0600
 * and folders 0700 (the workspace may sit in a shared home or on a shared drive; lesson
 * notes about children are for the group only), and an exported report, lesson plan,
 * design file, observation pack or CSV names no absolute path of this machine.
 */

const PNG_1x1 = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

/** A real fs that looks at every file opened for writing while it is still open (temp files in flight). */
const observingFs = () => {
  const opened: Array<{ file: string; flags: string; mode: number }> = [];
  const fs: FsPort = {
    ...nodeFs,
    open: (async (file: string, flags?: string | number, mode?: number) => {
      const handle = await fsp.open(file, flags, mode);
      // Numeric flags too: the journal append and the write probe open with O_NOFOLLOW.
      const described = describeFlags(flags);
      if (/[wa+]/.test(described)) {
        opened.push({ file: String(file), flags: described, mode: (await handle.stat()).mode & 0o777 });
      }
      return handle;
    }) as FsPort['open'],
  };
  return { fs, opened };
};

describe('file modes and exported paths', () => {
  it('every file written by every kind of write is 0600 and every folder 0700; exports name no path of this machine', async () => {
    const dir = await tempDir('ls-modes-');
    const exchange = await tempDir('ls-exports-');
    let savePath: string | null = null;
    const { fs, opened } = observingFs();
    const backend = await createBackend({
      workspaceDir: dir,
      fs,
      backupIntervalMs: 0,
      effects: { chooseSavePath: async () => savePath },
    });
    const { service, context } = backend;

    const group = await service.createGroup({
      name: 'Modes', schools: ['School'], subject: 'Math', gradeBand: '4', researchTheme: 'Reasoning', norms: [],
      members: [{ id: context.newId(), name: 'Aiko', role: 'observer' }],
    });
    await service.updateGroup({ groupId: group.id, fields: { name: 'Modes (renamed)', schools: [], subject: 'Math', gradeBand: '4', researchTheme: '', norms: [], members: group.members } });
    const design = await service.createDesign({ groupId: group.id, title: 'Fractions' });
    await service.saveDraft({
      designId: design.id,
      content: { ...design.draft!.content, steps: [{ id: context.newId(), title: 'Compare', minutes: 20, activities: 'Which is larger?', anticipatedResponses: [], teacherSupport: '', pointsToNotice: [] }] },
      changeNotes: [],
    });
    const versioned = await service.saveVersion({ designId: design.id, summary: 'First', authors: ['Aiko'] });
    const spare = await service.createDesign({ groupId: group.id, title: 'To delete' });
    await service.deleteDesign({ designId: spare.id });
    const cycle = await service.createCycle({ groupId: group.id, title: 'Cycle', researchQuestion: '' });
    await service.chooseVersion({ cycleId: cycle.id, designId: design.id, versionId: versioned.versions[0].id });
    const photo = await service.attachPhotoBytes({ cycleId: cycle.id, name: 'board.png', dataBase64: PNG_1x1.toString('base64') });
    const note = (text: string, photos = [] as (typeof photo)[]) =>
      stampObservation({ text, target: { kind: 'class' }, codeIds: [], photos }, { id: context.newId(), cycleId: cycle.id, observerId: group.members[0].id, clockMs: 1000, now: new Date() });
    await service.saveObservation({ observation: note('Kenji uses the strip', [photo]) });
    await compactNow(context, cycle.id);
    await service.saveObservation({ observation: note('Mia explains to her partner') });
    await service.createFinding({ cycleId: cycle.id, fields: { statement: 'Strips helped', impliesRevision: false, stepId: null } });

    const exports: string[] = [];
    const exportAs = async (name: string, run: () => Promise<unknown>) => {
      savePath = path.join(exchange, name);
      expect(await run()).not.toBeNull();
      exports.push(savePath);
    };
    await exportAs('plan.docx', () => service.exportLessonPlanDocx({ designId: design.id, versionId: versioned.versions[0].id, language: 'en' }));
    await exportAs('design.lessonstudy.json', () => service.exportDesignFile({ designId: design.id }));
    await exportAs('pack.lsobs.json', () => service.exportObservationPack({ cycleId: cycle.id }));
    await exportAs('notes.csv', () => service.exportObservationsCsv({ cycleId: cycle.id }));
    await exportAs('report.docx', () => service.exportCycleReport({ cycleId: cycle.id, anonymize: false, includeAppendix: true, includePhotos: true, language: 'en' }));

    // While open: the lock is the user's only.
    const files = await walk(dir);
    expect(files).toContain('.lesson-study.lock');
    await backend.close();
    const all = [...new Set([...files, ...(await walk(dir))])];

    // Every kind of file is there, so the check below covers them all.
    for (const expected of [/^groups\//, /^designs\//, /^cycles\//, /^analysis\//, /^photos\//, /^observations\/.+\/snapshot\.json$/, /^observations\/.+\/journal-\d+\.jsonl$/, /^\.backups\/groups\//, /^\.backups\/designs\//, /^\.backups\/observations\//]) {
      expect(all.some((rel) => expected.test(rel)), String(expected)).toBe(true);
    }
    const wrongFiles: string[] = [];
    for (const rel of await walk(dir)) {
      const mode = (await stat(path.join(dir, rel))).mode & 0o777;
      if (mode !== 0o600) wrongFiles.push(`${rel}: ${mode.toString(8)}`);
    }
    expect(wrongFiles).toEqual([]);
    const folders = new Set<string>(['']);
    for (const rel of await walk(dir)) for (let d = path.posix.dirname(rel); d !== '.'; d = path.posix.dirname(d)) folders.add(d);
    const wrongFolders: string[] = [];
    for (const rel of folders) {
      const mode = (await stat(path.join(dir, rel))).mode & 0o777;
      if (mode !== 0o700) wrongFolders.push(`${rel || '.'}: ${mode.toString(8)}`);
    }
    expect(wrongFolders).toEqual([]);

    // Files caught while still open for writing: temp files of atomic writes, appends, the lock, exports.
    const temps = opened.filter((o) => o.file.includes('.tmp-'));
    expect(temps.length).toBeGreaterThan(10);
    expect(opened.filter((o) => o.mode !== 0o600).map((o) => `${o.file} (${o.flags}): ${o.mode.toString(8)}`)).toEqual([]);

    // No absolute path of this machine in anything exported.
    const forbidden = [dir, exchange, homedir() + path.sep, tmpdir() + path.sep, '/tmp/', process.cwd()];
    const texts: Array<[string, string]> = [];
    for (const file of exports) {
      const bytes = await readFile(file);
      if (file.endsWith('.docx')) {
        const zip = await JSZip.loadAsync(bytes);
        for (const name of Object.keys(zip.files)) {
          if (!zip.files[name].dir && /\.(xml|rels)$/.test(name)) texts.push([`${path.basename(file)}:${name}`, await zip.files[name].async('string')]);
        }
      } else texts.push([path.basename(file), bytes.toString('utf8')]);
    }
    expect(texts.length).toBeGreaterThan(10);
    const leaks = texts.flatMap(([where, text]) => forbidden.filter((p) => text.includes(p)).map((p) => `${where} contains ${p}`));
    expect(leaks).toEqual([]);
  });
});

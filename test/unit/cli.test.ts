import { execFile } from 'node:child_process';
import { cp, mkdir, readFile, readdir, stat, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { main } from '../../electron/cli/main';
import { defaultSampleDir } from '../../electron/sample';
import { unpackDocx } from '../fixtures/sample/report-helpers';
import { tempDir } from './support/temp';

const run = promisify(execFile);

const cli = async (...argv: string[]) => {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join('\n'), err: err.join('\n') };
};

const sampleCopy = async () => {
  const dir = path.join(await tempDir(), 'workspace');
  await cp(defaultSampleDir(), dir, { recursive: true });
  return dir;
};

const SAMPLE_CYCLE = '9ec7e7a0-b9b1-4f5f-9019-8e2a266a0223';

/** Every file and its bytes, to prove a command changed nothing. */
const snapshot = async (dir: string) => {
  const files = (await readdir(dir, { recursive: true, withFileTypes: true })).filter((e) => e.isFile());
  return Object.fromEntries(await Promise.all(files.map(async (e) => [path.relative(dir, path.join(e.parentPath, e.name)), (await readFile(path.join(e.parentPath, e.name))).toString('base64')])));
};

describe('lesson-study command line', () => {
  it('prints help for the tool and for each command', async () => {
    expect((await cli('--help')).out).toContain('Commands:');
    for (const command of ['report', 'export-csv', 'validate', 'export-design', 'import-design']) {
      const { code, out } = await cli(command, '--help');
      expect(code).toBe(0);
      expect(out).toContain(`Usage: lesson-study ${command}`);
    }
    const unknown = await cli('frobnicate');
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain('Unknown command "frobnicate"');
  });

  it('report --latest writes a Word report of the cycle, anonymised when asked', async () => {
    const dir = await sampleCopy();
    const out = path.join(path.dirname(dir), 'report.docx');
    const result = await cli('report', '--workspace', dir, '--latest', '--out', out, '--anonymize', '--no-appendix');
    expect(result).toMatchObject({ code: 0, err: '' });
    const docx = await unpackDocx(await readFile(out));
    expect(docx.text).toContain('Observation summary');
    expect(docx.text).not.toContain('Appendix: all observations');
    expect(docx.text).not.toMatch(/\b(Leo|Maya|Jonah|Amara)\b/);
  }, 120_000);

  it('export-csv writes every observation of the cycle', async () => {
    const dir = await sampleCopy();
    const out = path.join(path.dirname(dir), 'notes.csv');
    expect((await cli('export-csv', '--workspace', dir, '--cycle', SAMPLE_CYCLE, '--out', out)).code).toBe(0);
    const lines = (await readFile(out, 'utf8')).trim().split('\r\n');
    expect(lines.length).toBeGreaterThan(140);
  });

  it('gives clear errors, without stack traces, for a wrong folder, id or option', async () => {
    const dir = await sampleCopy();
    const missing = await cli('report', '--workspace', path.join(dir, 'nope'), '--latest', '--out', 'x.docx');
    expect(missing).toMatchObject({ code: 2 });
    expect(missing.err).toMatch(/There is no folder/);
    const wrongId = await cli('report', '--workspace', dir, '--cycle', '00000000-0000-4000-8000-000000000000', '--out', 'x.docx');
    expect(wrongId.err).toContain('There is no cycle "00000000-0000-4000-8000-000000000000"');
    expect(wrongId.err).toContain(SAMPLE_CYCLE);
    const noOut = await cli('export-design', '--workspace', dir, '--latest');
    expect(noOut.err).toContain('--out is required');
    const badFlag = await cli('report', '--bogus');
    expect(badFlag.code).toBe(2);
    for (const r of [missing, wrongId, noOut, badFlag]) expect(r.err).not.toMatch(/\n\s+at /);
  });

  it('export-design and import-design round-trip a lesson design', async () => {
    const dir = await sampleCopy();
    const file = path.join(path.dirname(dir), 'design.lessonstudy.json');
    expect((await cli('export-design', '--workspace', dir, '--latest', '--out', file)).code).toBe(0);
    expect(JSON.parse(await readFile(file, 'utf8')).format).toBe('lesson-study-design');
    const imported = await cli('import-design', '--workspace', dir, '--file', file);
    expect(imported.code).toBe(0);
    expect((await readdir(path.join(dir, 'designs'))).filter((n) => n.endsWith('.json'))).toHaveLength(2);
  });

  it('import-design into a workspace with no group: says how, then makes the group or the "Shared with us" library', async () => {
    const dir = await sampleCopy();
    const file = path.join(path.dirname(dir), 'design.lessonstudy.json');
    expect((await cli('export-design', '--workspace', dir, '--latest', '--out', file)).code).toBe(0);
    const empty = path.join(await tempDir(), 'empty-workspace');
    await mkdir(empty);

    const refused = await cli('import-design', '--workspace', empty, '--file', file);
    expect(refused.code).toBe(2);
    expect(refused.err).toContain('This workspace has no group yet. Add --new-group "<name>" to make one for this design, or --shared to keep it in the "Shared with us" library.');

    const shared = await cli('import-design', '--workspace', empty, '--file', file, '--shared');
    expect(shared.code).toBe(0);
    expect(shared.out).toMatch(/^Imported the lesson design as \S+ into the group "Shared with us" \(\S+\)$/);
    // The library is one group, however often it is used.
    expect((await cli('import-design', '--workspace', empty, '--file', file, '--shared')).code).toBe(0);
    const named = await cli('import-design', '--workspace', empty, '--file', file, '--new-group', 'Grade 4 from Oak School');
    expect(named.out).toContain('into the group "Grade 4 from Oak School"');

    const groups = await readdir(path.join(empty, 'groups'));
    const names = await Promise.all(groups.map(async (g) => JSON.parse(await readFile(path.join(empty, 'groups', g), 'utf8')).group.name as string));
    expect(names.sort()).toEqual(['Grade 4 from Oak School', 'Shared with us']);
    expect((await readdir(path.join(empty, 'designs'))).filter((n) => n.endsWith('.json'))).toHaveLength(3);

    const both = await cli('import-design', '--workspace', empty, '--file', file, '--shared', '--new-group', 'X');
    expect([both.code, both.err]).toEqual([2, 'lesson-study import-design: Choose one of --group, --new-group and --shared.']);
  });

  it('validate passes the sample, changes nothing, and fails on a damaged or unknown file', async () => {
    const dir = await sampleCopy();
    const ok = await cli('validate', dir);
    expect(ok.code).toBe(0);
    expect(ok.out).toContain('All 7 files are valid.');

    const cycleFile = path.join(dir, 'cycles', `${SAMPLE_CYCLE}.json`);
    await writeFile(cycleFile, '{"schemaVersion": 1, "cycle": {"id": "broken"}}');
    await writeFile(path.join(dir, 'notes.txt'), 'hello');
    const before = await snapshot(dir);
    const bad = await cli('validate', dir);
    expect(bad.code).toBe(1);
    expect(bad.out).toMatch(/corrupt\s+cycles\/.*\.json: its content does not match the cycle format/);
    expect(bad.out).toContain('unknown    notes.txt: not a file the app writes');
    // Nothing quarantined, restored or migrated.
    expect(await snapshot(dir)).toEqual(before);
  });

  it('runs as the built `lesson-study` command', async () => {
    const bin = path.resolve('dist-cli/lesson-study.mjs');
    if (!(await stat(bin).catch(() => null))) await run(process.execPath, ['electron/build.mjs'], { timeout: 120_000 });
    const dir = await sampleCopy();
    const { stdout } = await run(process.execPath, [bin, 'validate', dir]);
    expect(stdout).toContain('All 7 files are valid.');
    await expect(run(process.execPath, [bin, 'validate', path.join(dir, 'missing')])).rejects.toMatchObject({ code: 2, stderr: expect.stringContaining('There is no folder') });
  }, 120_000);
});

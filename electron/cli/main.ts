import { stat } from 'node:fs/promises';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { SHARED_LIBRARY_NAMES } from '../../shared/contract/designs';
import { LessonStudyError } from '../../shared/result';

const SHARED_LIBRARY = SHARED_LIBRARY_NAMES.en;
import { defaultDeviceLabel, defaultUserDataDir } from '../backend/user-data';
import { createBackend, type Backend } from '../backend/index';
import { buildCycleReport } from '../backend/reports';
import { writeFileDurably } from '../storage/durable-write';
import { nodeFs } from '../storage/fs-port';
import { isProblem, validateWorkspace, verdictLine } from './validate';

/**
 * `lesson-study`: the command line for facilitators and IT staff. It opens a workspace
 * with the same backend the app uses; where the app would show a dialog, the path comes
 * from the command line.
 */

export interface CliIo {
  out: (text: string) => void;
  err: (text: string) => void;
}

const consoleIo: CliIo = { out: (t) => process.stdout.write(`${t}\n`), err: (t) => process.stderr.write(`${t}\n`) };

/** A problem the user can fix: printed as one line, no stack trace. */
class UsageError extends Error {}

const HELP: Record<string, string> = {
  main: `Usage: lesson-study <command> [options]

Commands:
  report         Write the Word report of a cycle
  export-csv     Write a cycle's observations as CSV
  validate       Check every file of a workspace (changes nothing)
  export-design  Write a lesson design as a .lessonstudy.json file
  import-design  Add a lesson design from a .lessonstudy.json file

Run "lesson-study <command> --help" for a command's options.`,
  report: `Usage: lesson-study report --workspace DIR (--cycle ID | --latest) --out FILE [options]

Write the cycle report (.docx): the lesson as taught, the observation summary, the
post-lesson discussion, findings, revisions and the closing reflection.

  --workspace DIR   the workspace folder
  --cycle ID        the cycle to report on
  --latest          the most recently changed cycle instead
  --out FILE        where to write the .docx
  --anonymize       replace student pseudonyms by Student A, B, …
  --no-appendix     leave out the appendix of all observations
  --no-photos       leave out the photos
  --language en|ja  language of the headings (default en)`,
  'export-csv': `Usage: lesson-study export-csv --workspace DIR (--cycle ID | --latest) --out FILE

Write every observation of a cycle as CSV (UTF-8, opens in Excel).`,
  validate: `Usage: lesson-study validate DIR

Check every file of the workspace DIR against the app's formats and list damaged,
unreadable or unknown files, one line each. Files the app keeps for itself (the
catalogue cache, backups, set-aside copies) are notes, not problems. Nothing is
changed, moved or repaired. Exit code 1 when anything is wrong.`,
  'export-design': `Usage: lesson-study export-design --workspace DIR (--design ID | --latest) --out FILE

Write a lesson design with all its versions as a .lessonstudy.json exchange file.`,
  'import-design': `Usage: lesson-study import-design --workspace DIR --file FILE [--group ID | --new-group NAME | --shared]

Add the lesson design in FILE to the workspace as a new design (new ids; nothing is
overwritten). --group is needed when the workspace has more than one group.

  --group ID        into this group
  --new-group NAME  into a new group of this name (or the group already called so)
  --shared          into the "Shared with us" library, a group made for designs
                    from other schools (made the first time)`,
};

const options = {
  help: { type: 'boolean', short: 'h' },
  workspace: { type: 'string' },
  cycle: { type: 'string' },
  design: { type: 'string' },
  group: { type: 'string' },
  'new-group': { type: 'string' },
  shared: { type: 'boolean' },
  latest: { type: 'boolean' },
  out: { type: 'string' },
  file: { type: 'string' },
  anonymize: { type: 'boolean' },
  anonymise: { type: 'boolean' },
  'no-appendix': { type: 'boolean' },
  'no-photos': { type: 'boolean' },
  language: { type: 'string' },
} as const;

type Values = ReturnType<typeof parseArgs<{ options: typeof options; allowPositionals: true }>>['values'];

const need = (value: string | undefined, flag: string, command: string): string => {
  if (!value) throw new UsageError(`${command}: ${flag} is required. See "lesson-study ${command} --help".`);
  return value;
};

const existingFolder = async (dir: string): Promise<string> => {
  const abs = path.resolve(dir);
  const info = await stat(abs).catch(() => null);
  if (!info) throw new UsageError(`There is no folder "${dir}".`);
  if (!info.isDirectory()) throw new UsageError(`"${dir}" is a file, not a workspace folder.`);
  return abs;
};

/** Open the workspace; the dialogs answer with the paths given on the command line. */
const openBackend = async (values: Values, command: string, paths: { save?: string; open?: string } = {}): Promise<Backend> => {
  const dir = await existingFolder(need(values.workspace, '--workspace', command));
  return createBackend({
    workspaceDir: dir,
    // The desktop app's device on this computer: in a shared workspace the command writes
    // as this computer's laptop (and waits its turn behind the app's lock, as before).
    device: { settingsDir: path.join(defaultUserDataDir(), 'device'), label: defaultDeviceLabel() },
    effects: {
      chooseSavePath: async () => (paths.save ? path.resolve(paths.save) : null),
      chooseOpenPaths: async () => (paths.open ? [path.resolve(paths.open)] : []),
    },
  });
};

const allCycles = async (backend: Backend) => {
  const groups = await backend.service.listGroups({});
  return (await Promise.all(groups.map((g) => backend.service.listCycles({ groupId: g.id })))).flat();
};

const pickCycle = async (backend: Backend, values: Values, command: string): Promise<string> => {
  if (values.cycle && values.latest) throw new UsageError(`${command}: give either --cycle or --latest, not both.`);
  const cycles = await allCycles(backend);
  if (values.latest) {
    const latest = [...cycles].sort((a, b) => b.updatedAt.localeCompare(a.updatedAt))[0];
    if (!latest) throw new UsageError('This workspace has no cycles yet.');
    return latest.id;
  }
  const id = need(values.cycle, '--cycle or --latest', command);
  if (!cycles.some((c) => c.id === id)) {
    const known = cycles.map((c) => `  ${c.id}  ${c.title}`).join('\n');
    throw new UsageError(`There is no cycle "${id}" in this workspace.${known ? `\nCycles:\n${known}` : ''}`);
  }
  return id;
};

const pickDesign = async (backend: Backend, values: Values, command: string): Promise<string> => {
  if (values.design && values.latest) throw new UsageError(`${command}: give either --design or --latest, not both.`);
  const groups = await backend.service.listGroups({});
  const designs = (await Promise.all(groups.map((g) => backend.service.listDesigns({ groupId: g.id })))).flat();
  if (values.latest) {
    const latest = [...designs].sort((a, b) => b.updatedAt.localeCompare(a.updatedAt))[0];
    if (!latest) throw new UsageError('This workspace has no lesson designs yet.');
    return latest.id;
  }
  const id = need(values.design, '--design or --latest', command);
  if (!designs.some((d) => d.id === id)) {
    const known = designs.map((d) => `  ${d.id}  ${d.title}`).join('\n');
    throw new UsageError(`There is no lesson design "${id}" in this workspace.${known ? `\nDesigns:\n${known}` : ''}`);
  }
  return id;
};

const withBackend = async <T>(backend: Backend, work: (b: Backend) => Promise<T>): Promise<T> => {
  try {
    return await work(backend);
  } finally {
    await backend.close();
  }
};

const commands: Record<string, (values: Values, positionals: string[], io: CliIo) => Promise<number>> = {
  async report(values, _p, io) {
    const out = need(values.out, '--out', 'report');
    const language = values.language ?? 'en';
    if (language !== 'en' && language !== 'ja') throw new UsageError('report: --language must be "en" or "ja".');
    return withBackend(await openBackend(values, 'report'), async (backend) => {
      const cycleId = await pickCycle(backend, values, 'report');
      const report = await buildCycleReport(backend.context, cycleId, {
        anonymize: Boolean(values.anonymize || values.anonymise),
        includeAppendix: !values['no-appendix'],
        includePhotos: !values['no-photos'],
        language,
      });
      await writeFileDurably(nodeFs, path.resolve(out), report.bytes);
      io.out(`Wrote the report of “${report.title}” to ${out}`);
      return 0;
    });
  },

  async 'export-csv'(values, _p, io) {
    const out = need(values.out, '--out', 'export-csv');
    return withBackend(await openBackend(values, 'export-csv', { save: out }), async (backend) => {
      const cycleId = await pickCycle(backend, values, 'export-csv');
      await backend.service.exportObservationsCsv({ cycleId });
      io.out(`Wrote the observations to ${out}`);
      return 0;
    });
  },

  async validate(_values, positionals, io) {
    const dir = await existingFolder(positionals[0] ?? (() => { throw new UsageError('validate: give the workspace folder, e.g. "lesson-study validate ./my-workspace".'); })());
    const report = await validateWorkspace(dir);
    for (const verdict of report.files) io.out(verdictLine(verdict));
    const total = report.files.length;
    const bad = report.files.filter(isProblem).length;
    const notes = report.files.filter((f) => f.status === 'note').length;
    if (bad) io.out(`${bad} of ${total} files need attention.`);
    else io.out(notes ? `No problems in ${total} files (${notes} ${notes === 1 ? 'note' : 'notes'} above).` : `All ${total} files are valid.`);
    return report.ok ? 0 : 1;
  },

  async 'export-design'(values, _p, io) {
    const out = need(values.out, '--out', 'export-design');
    return withBackend(await openBackend(values, 'export-design', { save: out }), async (backend) => {
      const designId = await pickDesign(backend, values, 'export-design');
      await backend.service.exportDesignFile({ designId });
      io.out(`Wrote the lesson design to ${out}`);
      return 0;
    });
  },

  async 'import-design'(values, _p, io) {
    const file = need(values.file, '--file', 'import-design');
    if (!(await stat(path.resolve(file)).catch(() => null))) throw new UsageError(`There is no file "${file}".`);
    return withBackend(await openBackend(values, 'import-design', { open: file }), async (backend) => {
      const newGroupName = values.shared ? SHARED_LIBRARY : values['new-group']?.trim();
      if ([values.group, values['new-group'], values.shared].filter((v) => v !== undefined).length > 1) {
        throw new UsageError('Choose one of --group, --new-group and --shared.');
      }
      if (newGroupName !== undefined) {
        if (!newGroupName) throw new UsageError('--new-group needs a name.');
        const design = await backend.service.importDesignFile({ newGroupName });
        const group = (await backend.service.listGroups({})).find((g) => g.id === design?.groupId);
        io.out(`Imported the lesson design as ${design?.id} into the group "${group?.name}" (${group?.id})`);
        return 0;
      }
      const groups = await backend.service.listGroups({});
      const groupId = values.group ?? (groups.length === 1 ? groups[0].id : undefined);
      if (!groupId) {
        const known = groups.map((g) => `  ${g.id}  ${g.name}`).join('\n');
        throw new UsageError(
          groups.length
            ? `This workspace has several groups; choose one with --group.\nGroups:\n${known}`
            : `This workspace has no group yet. Add --new-group "<name>" to make one for this design, or --shared to keep it in the "${SHARED_LIBRARY}" library.`,
        );
      }
      if (!groups.some((g) => g.id === groupId)) throw new UsageError(`There is no group "${groupId}" in this workspace.`);
      const design = await backend.service.importDesignFile({ groupId });
      io.out(`Imported the lesson design as ${design?.id}`);
      return 0;
    });
  },
};

/** Run one command line; returns the exit code. Errors are printed, never thrown. */
export const main = async (argv: string[], io: CliIo = consoleIo): Promise<number> => {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === '-h' || command === 'help') {
    io.out(HELP.main);
    return command ? 0 : 2;
  }
  const run = commands[command];
  if (!run) {
    io.err(`Unknown command "${command}".\n\n${HELP.main}`);
    return 2;
  }
  try {
    const { values, positionals } = parseArgs({ args: rest, options, allowPositionals: true, strict: true });
    if (values.help) {
      io.out(HELP[command]);
      return 0;
    }
    return await run(values, positionals, io);
  } catch (error) {
    if (error instanceof UsageError || error instanceof LessonStudyError) {
      io.err(`lesson-study ${command}: ${error.message}`);
      return error instanceof UsageError ? 2 : 1;
    }
    if (error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS')) {
      io.err(`lesson-study ${command}: ${error.message}. See "lesson-study ${command} --help".`);
      return 2;
    }
    io.err(`lesson-study ${command}: ${(error as Error).message ?? String(error)}`);
    return 1;
  }
};

const invokedDirectly = process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (invokedDirectly || process.argv[1]?.endsWith('lesson-study') || process.argv[1]?.endsWith('lesson-study.mjs')) {
  process.exitCode = await main(process.argv.slice(2));
}

import * as path from 'node:path';
import type { RecoverableKind, recoveryChannels } from '../../shared/contract/recovery';
import { currentContent } from '../../shared/domain/design';
import { LessonStudyError } from '../../shared/result';
import { fromFileStamp } from '../storage/backups';
import { decodeDocument, type DocumentKind } from '../storage/document';
import { BACKUP_DIR, LAST_SAVED, TRASH_DIR } from '../storage/workspace-store';
import { analysisKind, analysisPath } from './analysis-store';
import type { BackendContext } from './context';
import { cycleKind, cyclePath } from './cycles-store';
import { designKind, designPath } from './designs';
import { groupKind, groupPath } from './groups';
import { forgetCycleLog, observationSnapshotKind, snapshotPath } from './observations-log';
import type { ServiceFor } from './service-types';

/**
 * The "Backups and recovery" screen: every kept copy of every data file, named by what it
 * holds, and the trash of deletions — each restorable. One entry per kind of file: where
 * it lives, how it is read, and the words that say what a copy holds.
 */
interface Recoverable<T extends object> {
  kind: RecoverableKind;
  folder: string;
  documentKind: DocumentKind<T>;
  /** The file of one record inside its folder. */
  fileOf(id: string): string;
  title(doc: T): string;
  summary(doc: T): string;
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

const kinds = [
  {
    kind: 'group',
    folder: 'groups',
    documentKind: groupKind,
    fileOf: groupPath,
    title: (doc) => doc.group.name,
    summary: (doc) => `group “${doc.group.name}”, ${plural(doc.group.members.length, 'member', 'members')}`,
  } satisfies Recoverable<typeof groupKind extends DocumentKind<infer T> ? T : never>,
  {
    kind: 'design',
    folder: 'designs',
    documentKind: designKind,
    fileOf: designPath,
    title: (doc) => currentContent(doc.design)?.title ?? '',
    summary: (doc) =>
      `lesson design “${currentContent(doc.design)?.title ?? ''}”, ${plural(doc.design.versions.length, 'saved version', 'saved versions')}${doc.design.draft ? ' and a draft' : ''}`,
  } satisfies Recoverable<typeof designKind extends DocumentKind<infer T> ? T : never>,
  {
    kind: 'cycle',
    folder: 'cycles',
    documentKind: cycleKind,
    fileOf: cyclePath,
    title: (doc) => doc.cycle.title,
    summary: (doc) => `cycle “${doc.cycle.title}”, in the ${doc.cycle.phase} phase`,
  } satisfies Recoverable<typeof cycleKind extends DocumentKind<infer T> ? T : never>,
  {
    kind: 'analysis',
    folder: 'analysis',
    documentKind: analysisKind,
    fileOf: analysisPath,
    title: () => '',
    summary: (doc) => `analysis with ${plural(doc.analysis.findings.length, 'finding', 'findings')}`,
  } satisfies Recoverable<typeof analysisKind extends DocumentKind<infer T> ? T : never>,
  {
    kind: 'observations',
    folder: 'observations',
    documentKind: observationSnapshotKind,
    fileOf: snapshotPath,
    title: () => '',
    summary: (doc) => `observation notes: ${plural(doc.observations.length, 'note', 'notes')} (notes written since are in the lesson's journal)`,
  } satisfies Recoverable<typeof observationSnapshotKind extends DocumentKind<infer T> ? T : never>,
] as unknown as Array<Recoverable<object>>;

/**
 * The words a notice uses for a document: "the group “Maple Grove”". For the notes of a
 * lesson and an analysis, which carry no title of their own, null (the path is used).
 */
export const describeDocument = (rel: string, value: object): string | null => {
  const entry = kinds.find((k) => rel.startsWith(`${k.folder}/`));
  if (!entry) return null;
  const title = (() => {
    try {
      return entry.title(value);
    } catch {
      return '';
    }
  })();
  if (!title) return null;
  const noun = { group: 'the group', design: 'the lesson design', cycle: 'the cycle', analysis: 'the analysis of', observations: 'the notes of' }[entry.kind];
  return `${noun} “${title}”`;
};

const recoverableOf = (file: string): { entry: Recoverable<object>; id: string } => {
  const [folder, id] = file.split('/');
  const entry = kinds.find((k) => k.folder === folder);
  if (!entry || !id) throw new LessonStudyError('invalid-request', 'Not a workspace data file.');
  return { entry, id: id.replace(/\.json$/, '') };
};

export const createRecoveryService = (ctx: BackendContext): ServiceFor<typeof recoveryChannels> => {
  const { store } = ctx;
  const fs = store.deps.fs;

  const describe = async (entry: Recoverable<object>, file: string): Promise<{ title: string; summary: string; valid: boolean }> => {
    const text = await fs.readFile(file, 'utf8').catch(() => '');
    const decoded = decodeDocument(entry.documentKind, text);
    if (decoded.status !== 'ok') return { title: '', summary: '', valid: false };
    return { title: entry.title(decoded.value), summary: entry.summary(decoded.value), valid: true };
  };

  /** The titles of cycles (from their live or kept files), to name a cycle's notes and analysis. */
  const cycleTitle = async (cycleId: string, base = store.root): Promise<string> => {
    const cycles = kinds.find((k) => k.kind === 'cycle')!;
    for (const file of [path.join(base, 'cycles', `${cycleId}.json`), path.join(store.localRoot, BACKUP_DIR, 'cycles', `${cycleId}.json`, LAST_SAVED)]) {
      const { title } = await describe(cycles, file);
      if (title) return title;
    }
    return '';
  };

  return {
    async listKeptFiles() {
      const out = [];
      for (const entry of kinds) {
        const folder = path.join(store.localRoot, BACKUP_DIR, entry.folder);
        for (const name of (await fs.readdir(folder).catch(() => [] as string[])).sort()) {
          const file = entry.folder === 'observations' ? `observations/${name}/snapshot.json` : `${entry.folder}/${name}`;
          if (!/^[0-9a-f-]{36}(\.json)?$/.test(name)) continue;
          const stamps = await store.backupStamps(file);
          const hasLast = await fs.stat(store.keptCopyPath(file, 'last-saved')).then(() => true, () => false);
          const copies = stamps.length + (hasLast ? 1 : 0);
          if (copies === 0) continue;
          let { title } = await describe(entry, store.keptCopyPath(file, hasLast ? 'last-saved' : stamps[0]));
          if (!title && (entry.kind === 'observations' || entry.kind === 'analysis')) title = await cycleTitle(name.replace(/\.json$/, ''));
          out.push({ file, kind: entry.kind, title, copies });
        }
      }
      return out;
    },

    async listKeptCopies({ file }) {
      const { entry } = recoverableOf(file);
      const copies = [];
      const last = store.keptCopyPath(file, 'last-saved');
      const lastInfo = await fs.stat(last).catch(() => null);
      if (lastInfo) copies.push({ id: 'last-saved', savedAt: new Date(lastInfo.mtimeMs).toISOString(), ...(await describe(entry, last)) });
      for (const stamp of await store.backupStamps(file)) {
        copies.push({ id: stamp, savedAt: fromFileStamp(stamp), ...(await describe(entry, store.keptCopyPath(file, stamp))) });
      }
      return copies.map(({ title: _title, ...copy }) => copy);
    },

    async restoreKeptCopy({ file, copy }) {
      const { entry, id } = recoverableOf(file);
      const value = await store.restoreKeptCopy(entry.documentKind, file, copy);
      // The notes of a lesson are cached in memory with their journals: read them afresh.
      if (entry.kind === 'observations') forgetCycleLog(ctx, id);
      return { summary: entry.summary(value) };
    },

    async listTrash() {
      const deletions = [];
      for (const stamp of await store.trash.stamps()) {
        const base = path.join(store.localRoot, TRASH_DIR, stamp);
        const items = [];
        for (const entry of kinds) {
          for (const name of (await fs.readdir(path.join(base, entry.folder)).catch(() => [] as string[])).sort()) {
            if (!/^[0-9a-f-]{36}(\.json)?$/.test(name)) continue;
            const id = name.replace(/\.json$/, '');
            const file = entry.folder === 'observations' ? `observations/${id}` : `${entry.folder}/${name}`;
            let { title } = await describe(entry, path.join(base, ...entry.fileOf(id).split('/')));
            if (!title && (entry.kind === 'observations' || entry.kind === 'analysis')) title = await cycleTitle(id, base);
            items.push({ file, kind: entry.kind, title });
          }
        }
        deletions.push({ id: stamp, deletedAt: fromFileStamp(stamp), items });
      }
      return deletions;
    },

    async restoreFromTrash({ id }) {
      const deletion = (await this.listTrash({})).find((d) => d.id === id);
      if (!deletion) throw new LessonStudyError('not-found', 'That deletion is no longer in the trash.');
      const files = deletion.items.map((item) => item.file);
      await store.trash.restore(id, files);
      for (const item of deletion.items) {
        if (item.kind === 'observations') {
          forgetCycleLog(ctx, item.file.split('/')[1]);
          continue;
        }
        const entry = kinds.find((k) => k.kind === item.kind)!;
        // The catalogue (group and cycle lists) learns of the returned files as of any write.
        const value = await store.read(entry.documentKind, item.file);
        for (const listener of store.changeListeners) await listener(item.file, value);
      }
      return { restored: files.length };
    },
  };
};

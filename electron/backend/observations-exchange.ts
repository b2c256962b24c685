import { createHash } from 'node:crypto';
import * as path from 'node:path';
import type { ImportSummary } from '../../shared/contract/observations';
import type { Group } from '../../shared/domain/group';
import {
  OBSERVATION_PACK_FORMAT,
  ObservationPack,
  type Observation,
  type ObservationTarget,
  type PackPhoto,
  type PhotoRef,
} from '../../shared/domain/observation';
import { observationsCsv, observerNameLookup } from '../../shared/observe/csv';
import { joinStudentNames, studentIdsOf } from '../../shared/observe/target-students';
import { LessonStudyError } from '../../shared/result';
import { storageError, writeFileDurably } from '../storage/durable-write';
import type { BackendContext } from './context';
import { cycleLog, mergeIntoLog } from './observations-log';
import { detectImageType, readPhoto, storePhoto } from './observations-photos';

/** Packs and CSV: how observations leave and enter a workspace. */

const MAX_PACK_BYTES = 300 * 1024 * 1024;

const safeFileName = (text: string) => text.replace(/[\\/:*?"<>|\r\n\t]+/g, ' ').trim().slice(0, 80) || 'lesson';

export const targetLabel = (group: Group, target: ObservationTarget): string => {
  if (target.kind === 'class') return 'Whole class';
  if (target.kind === 'group') return target.label;
  // Several students: each pseudonym, so the CSV's student column names every one.
  return joinStudentNames(studentIdsOf(target).map((id) => group.focusStudents.find((s) => s.id === id)?.pseudonym ?? 'Unknown student'));
};

/**
 * A note as a pack carries it. A deleted note travels as a tombstone — its id, times and
 * deletion, so the delete reaches the other laptops — without its text, photos, codes or
 * links: what a teacher deleted (a name written by mistake) must not leave the laptop.
 * Its student target becomes the class, as a student id would say whom it was about.
 */
export const packed = (note: Observation): Observation =>
  note.deletedAt
    ? { ...note, target: { kind: 'class' }, text: '', photos: [], codeIds: [], pointToNoticeIds: [], ...(note.anticipatedResponseIds ? { anticipatedResponseIds: [] } : {}) }
    : note;

export const exportPack = async (
  ctx: BackendContext,
  cycle: { id: string; title: string },
  group: Group,
  observerId: string | undefined,
): Promise<{ fileName: string } | null> => {
  const log = await cycleLog(ctx, cycle.id);
  const observations = [...log.observations.values()].filter((o) => !observerId || o.observerId === observerId).map(packed);
  const classModes = [...log.classModes.values()].filter((m) => !observerId || m.observerId === observerId);
  const observer = group.members.find((m) => m.id === observerId)?.name;
  const target = await ctx.effects.chooseSavePath({
    title: 'Export my observations',
    defaultName: `${safeFileName(cycle.title)}${observer ? ` - ${safeFileName(observer)}` : ''}.lsobs.json`,
    filters: [{ name: 'Observation pack', extensions: ['lsobs.json', 'json'] }],
  });
  if (!target) return null;
  const photos: PackPhoto[] = [];
  const seen = new Set<string>();
  for (const photo of observations.flatMap((o) => o.photos)) {
    if (seen.has(photo.hash)) continue;
    seen.add(photo.hash);
    const stored = await readPhoto(ctx, photo.hash);
    if (stored) photos.push({ hash: photo.hash, ext: stored.ext, dataBase64: stored.bytes.toString('base64') });
  }
  const pack: ObservationPack = {
    format: OBSERVATION_PACK_FORMAT,
    formatVersion: 1,
    cycleId: cycle.id,
    exportedAt: ctx.clock().toISOString(),
    ...(observerId ? { observerId } : {}),
    observations,
    classModes,
    photos,
  };
  await writeFileDurably(ctx.store.deps.fs, target, `${JSON.stringify(pack)}\n`);
  return { fileName: path.basename(target) };
};

interface ReadPack {
  name: string;
  pack: ObservationPack;
}

/** Read and check one pack file; any problem refuses the whole import. */
const readPack = async (ctx: BackendContext, file: string, cycleId: string, cycleTitle: string): Promise<ReadPack> => {
  const name = path.basename(file);
  const refuse = (why: string): never => {
    throw new LessonStudyError('invalid-request', `“${name}” was not imported: ${why} Nothing was changed.`);
  };
  let text: string;
  try {
    const info = await ctx.store.deps.fs.stat(file);
    if (info.size > MAX_PACK_BYTES) refuse('it is far larger than an observation pack can be.');
    text = await ctx.store.deps.fs.readFile(file, 'utf8');
  } catch (error) {
    if (error instanceof LessonStudyError) throw error;
    throw storageError(error, file);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    return refuse('it is damaged (not valid JSON).');
  }
  if (!raw || typeof raw !== 'object' || (raw as { format?: unknown }).format !== OBSERVATION_PACK_FORMAT) {
    refuse('it is not a Lesson Study observation pack.');
  }
  // Parsing and validating a large pack are two long stretches of work: let waiting requests (a note) run between them.
  await new Promise<void>((resolve) => setImmediate(resolve));
  const parsed = ObservationPack.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return refuse(`it is damaged (${issue?.path.join('.') || 'content'}: ${issue?.message}).`);
  }
  const pack = parsed.data;
  if (pack.cycleId !== cycleId || pack.observations.some((o) => o.cycleId !== cycleId) || pack.classModes.some((m) => m.cycleId !== cycleId)) {
    refuse(`it holds observations of another cycle, not of “${cycleTitle}”.`);
  }
  for (const photo of pack.photos) {
    const bytes = Buffer.from(photo.dataBase64, 'base64');
    if (createHash('sha256').update(bytes).digest('hex') !== photo.hash || detectImageType(bytes) !== photo.ext) {
      refuse('a photo in it is damaged.');
    }
  }
  return { name, pack };
};

export const importPacks = async (
  ctx: BackendContext,
  cycle: { id: string; title: string },
): Promise<ImportSummary | null> => {
  const files = await ctx.effects.chooseOpenPaths({
    title: 'Import observation packs',
    filters: [{ name: 'Observation packs', extensions: ['json'] }],
    multiple: true,
  });
  if (files.length === 0) return null;
  ctx.store.assertWritable();
  const packs: ReadPack[] = [];
  for (const file of files) packs.push(await readPack(ctx, file, cycle.id, cycle.title));
  // A photo is stored without its metadata (storePhoto), so one that still carried some
  // (a pack from an older version) is stored under a new hash: its notes follow it.
  const storedAs = new Map<string, PhotoRef>();
  for (const { pack } of packs) {
    for (const photo of pack.photos) storedAs.set(photo.hash, await storePhoto(ctx, Buffer.from(photo.dataBase64, 'base64'), `${photo.hash}.${photo.ext}`));
  }
  const rehomedPhoto = (p: PhotoRef): PhotoRef => {
    const stored = storedAs.get(p.hash);
    return stored ? { ...p, hash: stored.hash, ext: stored.ext, bytes: stored.bytes } : p;
  };
  const rehomed = (o: Observation): Observation =>
    o.photos.some((p) => rehomedPhoto(p).hash !== p.hash) ? { ...o, photos: o.photos.map(rehomedPhoto) } : o;
  const summaries = await mergeIntoLog(
    ctx,
    cycle.id,
    packs.map(({ pack }) => ({ observations: pack.observations.map(rehomed), classModes: pack.classModes })),
  );
  const perFile = packs.map(({ name }, i) => ({ name, ...summaries[i] }));
  return {
    files: perFile,
    added: perFile.reduce((n, f) => n + f.added, 0),
    updated: perFile.reduce((n, f) => n + f.updated, 0),
    unchanged: perFile.reduce((n, f) => n + f.unchanged, 0),
  };
};

export const exportCsv = async (
  ctx: BackendContext,
  cycle: { id: string; title: string; guestObservers?: ReadonlyArray<{ id: string; name: string }> },
  group: Group,
  steps: ReadonlyArray<{ id: string; title: string }>,
  observations: readonly Observation[],
): Promise<{ fileName: string } | null> => {
  const target = await ctx.effects.chooseSavePath({
    title: 'Export observations as CSV',
    defaultName: `${safeFileName(cycle.title)} - observations.csv`,
    filters: [{ name: 'CSV', extensions: ['csv'] }],
  });
  if (!target) return null;
  const stepTitle = new Map(steps.map((s, i) => [s.id, s.title || `Step ${i + 1}`]));
  const csv = observationsCsv(observations, {
    cycleTitle: cycle.title,
    stepTitle: (id) => (id ? (stepTitle.get(id) ?? '') : ''),
    // Guests approved by name during live capture are observers too.
    observerName: observerNameLookup(group.members, cycle.guestObservers),
    targetLabel: (t) => targetLabel(group, t),
    codeLabel: (id) => group.codebook.find((c) => c.id === id)?.label ?? '',
  });
  await writeFileDurably(ctx.store.deps.fs, target, csv);
  return { fileName: path.basename(target) };
};

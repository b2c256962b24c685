import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import i18next, { type TFunction } from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { createBackend } from '../../electron/backend';
import { filterObservations as evidenceFilter } from '../../shared/analysis/filters';
import { predictedVsActual } from '../../shared/analysis/predicted-vs-actual';
import { Group } from '../../shared/domain/group';
import { Observation, ObservationTarget } from '../../shared/domain/observation';
import { filterObservations as captureFilter } from '../../shared/observe/filter';
import { targetOfPicks } from '../../shared/observe/target-students';
import { targetLabel } from '../../electron/backend/observations-exchange';
import { targetText } from '../../renderer/features/observe/labels';
import { tempDir } from './support/temp';

/**
 * A note about several students at once (a pair, a table): which picks make one, how it
 * is named in both languages, and that it counts for each of its students.
 */

const uid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const [MIA, KEN, AYA] = [uid(1), uid(2), uid(3)];
const T = '2026-05-01T08:00:00.000Z';

const group = Group.parse({
  id: uid(10),
  name: 'Grade 5',
  focusStudents: [
    { id: MIA, pseudonym: 'Mia', focus: true },
    { id: KEN, pseudonym: 'Ken', focus: true },
    { id: AYA, pseudonym: 'Aya', focus: true },
  ],
  createdAt: T,
  updatedAt: T,
});

const note = (n: number, target: ObservationTarget) =>
  Observation.parse({ id: uid(100 + n), cycleId: uid(20), observerId: uid(30), clockMs: n * 1000, wallTime: T, target, text: `Note ${n}`, createdAt: T, updatedAt: T });
const pairNote = note(1, { kind: 'students', studentIds: [MIA, KEN] });
const notes = [pairNote, note(2, { kind: 'student', studentId: AYA }), note(3, { kind: 'group', label: 'Table 3' })];

describe('what the picks make', () => {
  it('nothing is the whole class; one student is that student', () => {
    expect(targetOfPicks([])).toEqual({ kind: 'class' });
    expect(targetOfPicks([{ studentId: MIA, name: 'Mia' }])).toEqual({ kind: 'student', studentId: MIA });
  });

  it('two students are those students, in the order picked, each once', () => {
    expect(targetOfPicks([{ studentId: KEN, name: 'Ken' }, { studentId: MIA, name: 'Mia' }])).toEqual({ kind: 'students', studentIds: [KEN, MIA] });
    // The same student as a seat and a chip is still one student.
    expect(targetOfPicks([{ studentId: KEN, name: 'Ken' }, { studentId: KEN, name: 'Ken' }])).toEqual({ kind: 'student', studentId: KEN });
  });

  it('a free-labelled seat among them makes a group named by what was picked', () => {
    expect(targetOfPicks([{ studentId: MIA, name: 'Mia' }, { name: 'Table 3' }])).toEqual({ kind: 'group', label: 'Mia, Table 3' });
    expect(targetOfPicks([{ name: 'Table 3' }])).toEqual({ kind: 'group', label: 'Table 3' });
  });

  it('more than the 40 students a note may name is a group', () => {
    const picks = Array.from({ length: 41 }, (_, i) => ({ studentId: uid(500 + i), name: `S${i}` }));
    expect(targetOfPicks(picks).kind).toBe('group');
    expect(targetOfPicks(picks.slice(0, 40)).kind).toBe('students');
  });

  it('the schema takes two to forty students and old targets still parse', () => {
    expect(ObservationTarget.safeParse({ kind: 'students', studentIds: [MIA] }).success).toBe(false);
    expect(ObservationTarget.safeParse({ kind: 'students', studentIds: [MIA, KEN] }).success).toBe(true);
    expect(ObservationTarget.safeParse({ kind: 'group', label: 'Table 3' }).success).toBe(true);
    expect(ObservationTarget.safeParse({ kind: 'student', studentId: MIA }).success).toBe(true);
  });
});

describe('how a note about several students is named', () => {
  const catalogue = (language: string) => JSON.parse(readFileSync(path.resolve(`renderer/i18n/locales/${language}/observe.json`), 'utf8'));
  const i18n = i18next.createInstance();
  beforeAll(async () => {
    await i18n.init({ resources: { en: { observe: catalogue('en') }, ja: { observe: catalogue('ja') } }, lng: 'en', ns: ['observe'], defaultNS: 'observe', interpolation: { escapeValue: false } });
  });

  it('says "Mia and Ken" in English and 「Mia、Ken」 in Japanese, never "Group: …"', () => {
    const en = i18n.getFixedT('en', 'observe') as TFunction;
    const ja = i18n.getFixedT('ja', 'observe') as TFunction;
    expect(targetText(group, pairNote.target, en)).toBe('Mia and Ken');
    expect(targetText(group, { kind: 'students', studentIds: [MIA, KEN, AYA] }, en)).toBe('Mia, Ken, and Aya');
    expect(targetText(group, pairNote.target, ja)).toBe('Mia、Ken');
    expect(targetText(group, { kind: 'student', studentId: AYA }, en)).toBe('Aya');
  });
});

describe('a note about Mia and Ken counts for both', () => {
  it('is found under Mia and under Ken in the capture and evidence filters, not under Aya', () => {
    expect(captureFilter(notes, { target: `student:${MIA}` }).map((n) => n.text)).toEqual(['Note 1']);
    expect(captureFilter(notes, { target: `student:${KEN}` }).map((n) => n.text)).toEqual(['Note 1']);
    expect(captureFilter(notes, { target: `student:${AYA}` }).map((n) => n.text)).toEqual(['Note 2']);
    expect(evidenceFilter(notes, { targets: [`student:${KEN}`] }).map((n) => n.text)).toEqual(['Note 1']);
    expect(evidenceFilter(notes, { targets: [`student:${AYA}`, 'group:Table 3'] }).map((n) => n.text)).toEqual(['Note 2', 'Note 3']);
  });

  it('is on the predicted-vs-actual sheet of each of them', () => {
    const sheets = predictedVsActual({ steps: [], observationPlan: [], focusStudents: group.focusStudents, observations: notes });
    expect(sheets.map((s) => [s.pseudonym, s.unplacedObservationIds])).toEqual([
      ['Mia', [pairNote.id]],
      ['Ken', [pairNote.id]],
      ['Aya', [uid(102)]],
    ]);
  });
});

describe('the CSV export', () => {
  it('lists each student of a pair in the student column', () => {
    expect(targetLabel(group, pairNote.target)).toBe('Mia, Ken');
    expect(targetLabel(group, { kind: 'students', studentIds: [AYA, uid(99)] })).toBe('Aya, Unknown student');
    expect(targetLabel(group, { kind: 'group', label: 'Table 3' })).toBe('Table 3');
  });
});

describe('saving a note about several students on the laptop', () => {
  it('keeps both students; refuses one off the roster or named twice, and writes nothing', async () => {
    const backend = await createBackend({ workspaceDir: await tempDir(), clock: () => new Date(2026, 5, 10, 9, 0, 0) });
    try {
      const created = await backend.service.createGroup({ name: 'Ours', schools: [], subject: '', gradeBand: '', researchTheme: '', norms: [], members: [{ id: uid(30), name: 'Aiko', role: 'teacher' }] });
      const student = (pseudonym: string) => ({ pseudonym, focus: false, concern: false, concerns: '', supportsNow: '', supportsPlanned: '', retired: false });
      await backend.service.saveFocusStudent({ groupId: created.id, student: student('Mia') });
      const withBoth = await backend.service.saveFocusStudent({ groupId: created.id, student: student('Ken') });
      const [mia, ken] = withBoth.focusStudents.map((s) => s.id);
      const cycle = await backend.service.createCycle({ groupId: created.id, title: 'Cycle 1', researchQuestion: '' });
      const about = (target: ObservationTarget) => ({ ...note(1, target), cycleId: cycle.id });

      await expect(backend.service.saveObservation({ observation: about({ kind: 'students', studentIds: [mia, uid(99)] }) })).rejects.toMatchObject({
        code: 'invalid-request',
        message: 'The note is about a student who is not on this group’s class roster.',
      });
      await expect(backend.service.saveObservation({ observation: about({ kind: 'students', studentIds: [mia, mia] }) })).rejects.toMatchObject({
        code: 'invalid-request',
        message: 'The note names the same student twice.',
      });
      expect((await backend.service.getObservationSession({ cycleId: cycle.id })).observations).toEqual([]);

      await backend.service.saveObservation({ observation: about({ kind: 'students', studentIds: [ken, mia] }) });
      const stored = (await backend.service.getObservationSession({ cycleId: cycle.id })).observations;
      expect(stored.map((n) => n.target)).toEqual([{ kind: 'students', studentIds: [ken, mia] }]);
    } finally {
      await backend.close();
    }
  });
});

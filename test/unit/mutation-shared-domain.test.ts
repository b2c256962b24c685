import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { Cycle } from '../../shared/domain/cycle';
import { currentContent, DesignContent, latestVersion, summarizeDesign, totalMinutes, type Design, type DesignVersion } from '../../shared/domain/design';
import { fail, LessonStudyError } from '../../shared/result';
import { checklistProgress, emptyReflection, setChecklistItem } from '../../shared/workflow/checklists';
import { applyTransition, checkTransition, earlierPhases, nextPhase, nextStep, phaseProgress } from '../../shared/workflow/phases';
import { cycleTimeline } from '../../shared/workflow/timeline';

// Tests written from the mutation report of shared/domain, shared/workflow and
// shared/result (issue 13).

const content = (title: string, minutes: number[] = []) =>
  DesignContent.parse({ title, subject: 'Mathematics', grade: '4', steps: minutes.map((m) => ({ id: randomUUID(), minutes: m })) });

const version = (number: number, title: string, taughtInCycleIds: string[] = []): DesignVersion => ({
  id: randomUUID(),
  number,
  content: content(title),
  summary: '',
  authors: [],
  createdAt: '2025-04-01T00:00:00.000Z',
  changeNotes: [],
  taughtInCycleIds,
});

const design = (versions: DesignVersion[], draftTitle?: string): Design => ({
  id: randomUUID(),
  groupId: randomUUID(),
  createdAt: '2025-04-01T00:00:00.000Z',
  updatedAt: '2025-04-02T00:00:00.000Z',
  draft: draftTitle ? { content: content(draftTitle), changeNotes: [], updatedAt: '2025-04-02T00:00:00.000Z' } : null,
  versions,
});

describe('a design’s versions', () => {
  it('the latest version is the highest number, whatever the order they are stored in', () => {
    const [v1, v2, v3] = [version(1, 'v1'), version(2, 'v2'), version(3, 'v3')];
    expect(latestVersion(design([v2, v3, v1]))).toBe(v3);
    expect(latestVersion(design([v3, v1, v2]))).toBe(v3);
    expect(latestVersion(design([]))).toBeUndefined();
  });

  it('shows the draft when there is one, else the latest version, else nothing', () => {
    const versions = [version(2, 'Second'), version(1, 'First')];
    expect(currentContent(design(versions, 'Draft'))?.title).toBe('Draft');
    expect(currentContent(design(versions))?.title).toBe('Second');
    expect(currentContent(design([]))).toBeNull();
  });

  it('summarises a design for the group’s list', () => {
    const d = design([version(1, 'First'), version(2, 'Second', [randomUUID()])], 'Draft');
    expect(summarizeDesign(d)).toEqual({
      id: d.id,
      groupId: d.groupId,
      title: 'Draft',
      subject: 'Mathematics',
      grade: '4',
      updatedAt: '2025-04-02T00:00:00.000Z',
      versionCount: 2,
      latestVersionNumber: 2,
      hasDraft: true,
      taught: true,
    });
    const blank = design([]);
    expect(summarizeDesign(blank)).toMatchObject({ title: '', subject: '', grade: '', versionCount: 0, latestVersionNumber: null, hasDraft: false, taught: false });
    expect(summarizeDesign(design([version(1, 'Untaught')])).taught).toBe(false);
  });

  it('adds up the steps’ minutes', () => {
    expect(totalMinutes(content('x', [5, 20, 15]))).toBe(40);
    expect(totalMinutes(content('x'))).toBe(0);
  });
});

const cycle = (extra: Record<string, unknown> = {}) =>
  Cycle.parse({
    id: randomUUID(),
    groupId: randomUUID(),
    title: 'Fractions',
    createdAt: '2025-04-02T08:00:00.000Z',
    updatedAt: '2025-04-02T08:00:00.000Z',
    ...extra,
  });

describe('phases', () => {
  it('orders the phases and measures progress from plan (0) to closed (1)', () => {
    expect(nextPhase('revise')).toBe('closed');
    expect(nextPhase('closed')).toBeNull();
    expect(earlierPhases('observe')).toEqual(['plan', 'teach']);
    expect(phaseProgress('plan')).toBe(0);
    expect(phaseProgress('observe')).toBe(0.4);
    expect(phaseProgress('closed')).toBe(1);
  });

  it('teaching details need a date, a non-blank class and a teacher', () => {
    const now = new Date('2025-05-10T12:00:00');
    const inTeach = (teaching: Record<string, unknown>) => cycle({ phase: 'teach', teaching });
    const teacherId = randomUUID();
    expect(checkTransition(inTeach({ date: '2025-05-01', className: '4B', teacherId }), 'observe', { now }).ok).toBe(true);
    expect(checkTransition(inTeach({ date: '', className: '4B', teacherId }), 'observe', { now })).toMatchObject({ ok: false, refusal: 'needs-teaching-details' });
    expect(checkTransition(inTeach({ date: '2025-05-01', className: '   ', teacherId }), 'observe', { now })).toMatchObject({ ok: false, refusal: 'needs-teaching-details' });
    expect(checkTransition(inTeach({ date: '2025-05-01', className: '4B' }), 'observe', { now })).toMatchObject({ ok: false, refusal: 'needs-teaching-details' });
  });

  it('going back needs a reason that is more than spaces; the history keeps the trimmed names', () => {
    const now = new Date('2025-05-10T12:00:00');
    const inObserve = cycle({ phase: 'observe' });
    expect(checkTransition(inObserve, 'plan', { now, reason: '   ' })).toMatchObject({ ok: false, refusal: 'needs-reason' });
    expect(checkTransition(inObserve, 'teach', { now, reason: 'Date moved' })).toEqual({ ok: true, direction: 'back' });
    const back = applyTransition(inObserve, 'teach', { id: randomUUID(), now, by: '  Fumi ', reason: ' Date moved ' });
    expect(back.history.at(-1)).toMatchObject({ from: 'observe', to: 'teach', by: 'Fumi', reason: 'Date moved' });
  });

  it('a closed cycle suggests reteaching once its reflection names a theme, not before', () => {
    const now = new Date('2025-05-10T12:00:00');
    const closed = (researchTheme: string) => cycle({ phase: 'closed', reflection: { researchTheme } });
    expect(nextStep(closed('  '), now)).toBe('writeReflection');
    expect(nextStep(closed('Models first'), now)).toBe('reteach');
  });
});

describe('checklists and reflection', () => {
  const item = (label: string, done = false) => ({ id: randomUUID(), label, done });

  it('ticks only the named item, and ignores an item that is not there', () => {
    const items = [item('Goals written'), item('Observation plan')];
    const c = cycle({ checklists: { plan: items, teach: [], observe: [], analyze: [], revise: [], closed: [] } });
    const ticked = setChecklistItem(c, 'plan', items[1].id, true, { at: '2025-05-01T10:00:00.000Z', by: 'Fumi' });
    expect(ticked.checklists.plan).toEqual([items[0], { ...items[1], done: true, doneAt: '2025-05-01T10:00:00.000Z', doneBy: 'Fumi' }]);
    expect(setChecklistItem(c, 'plan', randomUUID(), true, { at: '2025-05-01T10:00:00.000Z', by: 'Fumi' })).toBe(c);
    expect(setChecklistItem(c, 'teach', items[0].id, true, { at: '2025-05-01T10:00:00.000Z', by: 'Fumi' })).toBe(c);
  });

  it('counts ticked items, and an absent list as empty', () => {
    expect(checklistProgress([item('a', true), item('b'), item('c', true)])).toEqual({ done: 2, total: 3 });
    expect(checklistProgress(undefined)).toEqual({ done: 0, total: 0 });
  });

  it('starts a reflection with the three collaboration practices and nothing written', () => {
    let n = 0;
    expect(emptyReflection(() => `p${++n}`)).toEqual({
      researchTheme: '',
      practices: [
        { id: 'p1', key: 'teams', practice: 'Working in teams', now: '', next: '' },
        { id: 'p2', key: 'evidence', practice: 'Evidence over opinion', now: '', next: '' },
        { id: 'p3', key: 'responsibility', practice: 'Shared responsibility', now: '', next: '' },
      ],
      studentsOfConcern: '',
      nextSteps: '',
    });
  });
});

describe('the cycle timeline', () => {
  it('shows only dated meetings, the teaching and the discussion when they have dates', () => {
    const bare = cycle({ meetings: [{ id: randomUUID(), date: '', agenda: 'Undated' }] });
    expect(cycleTimeline(bare).map((e) => e.kind)).toEqual(['created']);
  });

  it('a meeting held before the cycle was entered stays before it; one on that day comes after it', () => {
    const [before, sameDay] = [randomUUID(), randomUUID()];
    const c = cycle({
      meetings: [
        { id: sameDay, date: '2025-04-02', agenda: 'Same day' },
        { id: before, date: '2025-03-30', agenda: 'Before' },
      ],
    });
    const events = cycleTimeline(c);
    expect(events.map((e) => (e.kind === 'meeting' ? e.agenda : e.kind))).toEqual(['Before', 'created', 'Same day']);
  });
});

describe('errors as data', () => {
  it('fail throws a LessonStudyError with its code and message', () => {
    expect(() => fail('not-found', 'No such design')).toThrow(LessonStudyError);
    try {
      fail('conflict', 'Changed elsewhere');
    } catch (error) {
      expect(error).toMatchObject({ name: 'LessonStudyError', code: 'conflict', message: 'Changed elsewhere' });
    }
  });
});

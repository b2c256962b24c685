import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createBackend, type Backend } from '../../electron/backend';
import { Cycle } from '../../shared/domain/cycle';
import { LessonStudyError } from '../../shared/result';
import { checkTransition, nextStep, teachingDateAhead, teachingDateProblem } from '../../shared/workflow/phases';
import { tempDir } from './support/temp';

/**
 * One teaching-date rule, checked at one moment: a cycle enters Observe only on or after
 * its teaching date, Analyze asks the same, and a lesson being observed cannot have its
 * date moved into the future. Local dates: June is month 5.
 */

const TEACHER = '00000000-0000-4000-8000-000000000001';
const june = (day: number, hour = 10) => new Date(2026, 5, day, hour, 0, 0);
const teaching = (date: string) => ({ date, className: '5-1', teacherId: TEACHER, briefingHeld: true });

describe('the teaching-date rule', () => {
  it('a date after today is ahead; today, earlier or none is not', () => {
    expect(teachingDateAhead('2026-06-11', june(10, 23))).toBe(true);
    expect(teachingDateAhead('2026-06-10', june(10, 0))).toBe(false);
    expect(teachingDateAhead('2026-05-31', june(10))).toBe(false);
    expect(teachingDateAhead('', june(10))).toBe(false);
  });

  it('names the missing details before the date, and the date ahead before anything else', () => {
    expect(teachingDateProblem({ date: '', className: '', briefingHeld: false }, june(10))).toBe('needs-teaching-details');
    expect(teachingDateProblem({ date: '2026-06-20', className: '', briefingHeld: false }, june(10))).toBe('not-taught-yet');
    expect(teachingDateProblem(teaching('2026-06-10'), june(10))).toBeNull();
  });

  it('observe and analyze refuse the same way, and the next step says to teach the lesson', () => {
    const base = (phase: 'teach' | 'observe') =>
      Cycle.parse({
        id: '00000000-0000-4000-8000-000000000002',
        groupId: '00000000-0000-4000-8000-000000000003',
        title: 'Fractions',
        phase,
        designId: '00000000-0000-4000-8000-000000000004',
        versionId: '00000000-0000-4000-8000-000000000005',
        teaching: teaching('2026-06-12'),
        createdAt: '2026-06-01T00:00:00.000Z',
        updatedAt: '2026-06-01T00:00:00.000Z',
      });
    expect(checkTransition(base('teach'), 'observe', { now: june(10) })).toMatchObject({ ok: false, refusal: 'not-taught-yet' });
    // A cycle that entered Observe early (an older version of the app allowed it) meets the same rule.
    expect(checkTransition(base('observe'), 'analyze', { now: june(10) })).toMatchObject({ ok: false, refusal: 'not-taught-yet' });
    expect(nextStep(base('teach'), june(10))).toBe('teachLesson');
    expect(checkTransition(base('teach'), 'observe', { now: june(12, 8) }).ok).toBe(true);
  });
});

describe('the backend keeps the rule', () => {
  let backend: Backend;
  let now = june(10);
  beforeEach(async () => {
    now = june(10);
    backend = await createBackend({ workspaceDir: await tempDir(), clock: () => now });
  });
  afterEach(() => backend.close());

  it('refuses Observe before the teaching date, then refuses moving the date of an observed lesson into the future', async () => {
    const group = await backend.service.createGroup({
      name: 'G',
      schools: [],
      subject: '',
      gradeBand: '',
      researchTheme: '',
      norms: [],
      members: [{ id: TEACHER, name: 'Aiko', role: 'teacher' }],
    });
    const design = await backend.service.createDesign({ groupId: group.id, title: 'Fractions' });
    const version = (await backend.service.saveVersion({ designId: design.id, summary: 'First', authors: [] })).versions[0];
    const cycle = await backend.service.createCycle({ groupId: group.id, title: 'Cycle 1', researchQuestion: '' });
    await backend.service.chooseVersion({ cycleId: cycle.id, designId: design.id, versionId: version.id });
    await backend.service.moveCycle({ cycleId: cycle.id, to: 'teach', by: TEACHER, reason: '' });
    await backend.service.saveTeaching({ cycleId: cycle.id, teaching: teaching('2026-06-12') });

    const early = backend.service.moveCycle({ cycleId: cycle.id, to: 'observe', by: TEACHER, reason: '' });
    await expect(early).rejects.toBeInstanceOf(LessonStudyError);
    await expect(early).rejects.toMatchObject({ code: 'invalid-transition', message: expect.stringContaining('Set the teaching date to today') });

    // The fix the cycle screen offers: the lesson is taught today.
    await backend.service.saveTeaching({ cycleId: cycle.id, teaching: teaching('2026-06-10') });
    expect((await backend.service.moveCycle({ cycleId: cycle.id, to: 'observe', by: TEACHER, reason: '' })).phase).toBe('observe');

    const ahead = backend.service.saveTeaching({ cycleId: cycle.id, teaching: teaching('2026-06-11') });
    await expect(ahead).rejects.toMatchObject({ code: 'invalid-request', message: expect.stringContaining('cannot be in the future') });
    expect((await backend.service.getCycle({ cycleId: cycle.id })).teaching.date).toBe('2026-06-10');
    // An earlier date is a correction, not a contradiction.
    await backend.service.saveTeaching({ cycleId: cycle.id, teaching: teaching('2026-06-09') });
    expect((await backend.service.moveCycle({ cycleId: cycle.id, to: 'analyze', by: TEACHER, reason: '' })).phase).toBe('analyze');
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Cycle, phases, type Phase } from '../../shared/domain/cycle';
import { LessonStudyError } from '../../shared/result';
import { buildChecklists, defaultChecklists, setChecklistItem } from '../../shared/workflow/checklists';
import {
  applyTransition,
  checkTransition,
  entryRequirement,
  localDate,
  nextPhase,
  nextStep,
  refusalMessages,
} from '../../shared/workflow/phases';
import { cycleTimeline } from '../../shared/workflow/timeline';

let counter = 0;
const id = () => `00000000-0000-4000-8000-${String(++counter).padStart(12, '0')}`;
const now = new Date(2026, 5, 10, 12, 0, 0);
const today = localDate(now);

const baseCycle = (overrides: Partial<Cycle> = {}): Cycle =>
  Cycle.parse({
    id: id(),
    groupId: id(),
    title: 'Cycle 1',
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
    ...overrides,
  });

/** A cycle that satisfies every entry requirement, so only the move itself decides. */
const readyCycle = (phase: Phase): Cycle =>
  baseCycle({
    phase,
    designId: id(),
    versionId: id(),
    revisedVersionId: id(),
    teaching: { date: today, className: '4-2', teacherId: id(), briefingHeld: true },
    discussionDate: today,
  });

describe('phase transitions: every pair of phases', () => {
  for (const from of phases) {
    for (const to of phases) {
      const fromIndex = phases.indexOf(from);
      const toIndex = phases.indexOf(to);
      if (toIndex === fromIndex) {
        it(`${from} → ${to} is refused (already there)`, () => {
          expect(checkTransition(readyCycle(from), to, { now, reason: 'x' })).toMatchObject({ ok: false, refusal: 'same-phase' });
        });
      } else if (toIndex === fromIndex + 1) {
        it(`${from} → ${to} is allowed forward when its requirement is met`, () => {
          expect(checkTransition(readyCycle(from), to, { now })).toEqual({ ok: true, direction: 'forward' });
        });
      } else if (toIndex > fromIndex + 1) {
        it(`${from} → ${to} is refused (skips a phase)`, () => {
          expect(checkTransition(readyCycle(from), to, { now })).toMatchObject({ ok: false, refusal: 'skips-phase' });
        });
      } else {
        it(`${from} → ${to} goes back only with a reason`, () => {
          expect(checkTransition(readyCycle(from), to, { now })).toMatchObject({ ok: false, refusal: 'needs-reason' });
          expect(checkTransition(readyCycle(from), to, { now, reason: '   ' })).toMatchObject({ ok: false, refusal: 'needs-reason' });
          expect(checkTransition(readyCycle(from), to, { now, reason: 'Observers need a better plan' })).toEqual({
            ok: true,
            direction: 'back',
          });
        });
      }
    }
  }
});

describe('what each phase needs before it may start', () => {
  it('teach needs a design version chosen', () => {
    const cycle = baseCycle({ phase: 'plan' });
    const refused = checkTransition(cycle, 'teach', { now });
    expect(refused).toEqual({ ok: false, refusal: 'needs-version', message: 'Choose the design version to teach first.' });
    expect(checkTransition({ ...cycle, designId: id() }, 'teach', { now })).toMatchObject({ refusal: 'needs-version' });
    expect(checkTransition({ ...cycle, designId: id(), versionId: id() }, 'teach', { now }).ok).toBe(true);
  });

  it('observe needs the teaching date, class and teacher', () => {
    const cycle = { ...readyCycle('teach'), teaching: { date: '', className: '', briefingHeld: false } };
    expect(checkTransition(cycle, 'observe', { now })).toMatchObject({ refusal: 'needs-teaching-details' });
    const partial = { ...cycle, teaching: { ...cycle.teaching, date: today, className: '4-2' } };
    expect(checkTransition(partial, 'observe', { now })).toMatchObject({ refusal: 'needs-teaching-details' });
    const full = { ...partial, teaching: { ...partial.teaching, teacherId: id() } };
    expect(checkTransition(full, 'observe', { now }).ok).toBe(true);
  });

  it('observe needs the lesson taught now or earlier: a teaching date ahead is refused with what to do', () => {
    const cycle = readyCycle('teach');
    const future = { ...cycle, teaching: { ...cycle.teaching, date: '2026-06-11' } };
    expect(checkTransition(future, 'observe', { now })).toEqual({
      ok: false,
      refusal: 'not-taught-yet',
      message:
        'The teaching date is still ahead, and notes are taken while the lesson is taught. Set the teaching date to today if the lesson is being taught now, or move on on the day of the lesson.',
    });
    expect(checkTransition({ ...cycle, teaching: { ...cycle.teaching, date: '2026-06-10' } }, 'observe', { now }).ok).toBe(true);
  });

  it('analyze needs the lesson taught: its date today or earlier', () => {
    const cycle = readyCycle('observe');
    const future = { ...cycle, teaching: { ...cycle.teaching, date: '2026-06-11' } };
    expect(checkTransition(future, 'analyze', { now })).toMatchObject({ refusal: 'not-taught-yet' });
    const past = { ...cycle, teaching: { ...cycle.teaching, date: '2026-06-09' } };
    expect(checkTransition(past, 'analyze', { now }).ok).toBe(true);
    expect(checkTransition({ ...cycle, teaching: { ...cycle.teaching, date: '' } }, 'analyze', { now }).ok).toBe(false);
  });

  it('revise needs the post-lesson discussion recorded', () => {
    const cycle = { ...readyCycle('analyze'), discussionDate: '' };
    expect(checkTransition(cycle, 'revise', { now })).toMatchObject({ refusal: 'needs-discussion' });
    expect(checkTransition({ ...cycle, discussionDate: today }, 'revise', { now }).ok).toBe(true);
  });

  it('closed needs a revised version or a reason to close without revision', () => {
    const cycle = { ...readyCycle('revise'), revisedVersionId: undefined };
    expect(checkTransition(cycle, 'closed', { now })).toMatchObject({ refusal: 'needs-revision-or-reason' });
    expect(checkTransition({ ...cycle, closeWithoutRevisionReason: '  ' }, 'closed', { now }).ok).toBe(false);
    expect(checkTransition({ ...cycle, closeWithoutRevisionReason: 'The lesson met its goals' }, 'closed', { now }).ok).toBe(true);
    expect(checkTransition({ ...cycle, revisedVersionId: id() }, 'closed', { now }).ok).toBe(true);
  });

  it('checklists never block a move', () => {
    const cycle = { ...readyCycle('plan'), checklists: buildChecklists({}, id) };
    expect(cycle.checklists.plan.every((item) => !item.done)).toBe(true);
    expect(checkTransition(cycle, 'teach', { now }).ok).toBe(true);
  });

  it('every refusal has an English message', () => {
    for (const message of Object.values(refusalMessages)) expect(message.length).toBeGreaterThan(10);
  });
});

describe('history', () => {
  it('keeps every transition with its time, who and why, in order', () => {
    let cycle = readyCycle('plan');
    const later = (minutes: number) => new Date(now.getTime() + minutes * 60_000);
    cycle = applyTransition(cycle, 'teach', { id: id(), now: later(1), by: 'member-a' });
    cycle = applyTransition(cycle, 'observe', { id: id(), now: later(2), by: 'member-b' });
    cycle = applyTransition(cycle, 'teach', { id: id(), now: later(3), by: 'member-a', reason: ' Class changed ' });
    expect(cycle.phase).toBe('teach');
    expect(cycle.history.map((t) => [t.from, t.to, t.by, t.reason])).toEqual([
      ['plan', 'teach', 'member-a', ''],
      ['teach', 'observe', 'member-b', ''],
      ['observe', 'teach', 'member-a', 'Class changed'],
    ]);
    expect(cycle.history.map((t) => t.at)).toEqual([later(1), later(2), later(3)].map((d) => d.toISOString()));
    expect(cycle.updatedAt).toBe(later(3).toISOString());
  });

  it('a refused move throws invalid-transition and leaves the history alone', () => {
    const cycle = baseCycle({ phase: 'plan' });
    try {
      applyTransition(cycle, 'teach', { id: id(), now, by: 'x' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(LessonStudyError);
      expect((error as LessonStudyError).code).toBe('invalid-transition');
      expect((error as LessonStudyError).message).toBe('Choose the design version to teach first.');
    }
    expect(cycle.history).toEqual([]);
  });

  it('property: a sequence of attempted moves only ever records allowed ones, each one step forward or back with a reason', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom(...phases), fc.constantFrom('', 'because')), { maxLength: 30 }), (moves) => {
        let cycle = readyCycle('plan');
        for (const [to, reason] of moves) {
          const check = checkTransition(cycle, to, { now, reason });
          try {
            cycle = applyTransition(cycle, to, { id: id(), now, by: 'x', reason });
            expect(check.ok).toBe(true);
          } catch {
            expect(check.ok).toBe(false);
          }
        }
        let phase: Phase = 'plan';
        for (const t of cycle.history) {
          expect(t.from).toBe(phase);
          const forward = phases.indexOf(t.to) === phases.indexOf(t.from) + 1;
          const back = phases.indexOf(t.to) < phases.indexOf(t.from) && t.reason !== '';
          expect(forward || back).toBe(true);
          phase = t.to;
        }
        expect(cycle.phase).toBe(phase);
      }),
    );
  });
});

describe('next step and checklists', () => {
  it('names the missing requirement, else the move to make', () => {
    expect(nextStep(baseCycle({ phase: 'plan' }), now)).toBe('chooseVersion');
    expect(nextStep(readyCycle('plan'), now)).toBe('moveToTeach');
    expect(nextStep({ ...readyCycle('teach'), teaching: { date: '', className: '', briefingHeld: false } }, now)).toBe('recordTeaching');
    expect(nextStep(readyCycle('observe'), now)).toBe('moveToAnalyze');
    expect(nextStep({ ...readyCycle('analyze'), discussionDate: '' }, now)).toBe('holdDiscussion');
    expect(nextStep({ ...readyCycle('revise'), revisedVersionId: undefined }, now)).toBe('chooseRevision');
    expect(nextStep(readyCycle('closed'), now)).toBe('writeReflection');
    expect(nextPhase('closed')).toBeNull();
    expect(entryRequirement(readyCycle('plan'), 'plan', now)).toBeNull();
  });

  it('builds default checklists with keys, or the group’s own labels', () => {
    const lists = buildChecklists({ plan: ['Our own first step'] }, id);
    expect(lists.plan.map((i) => [i.label, i.key])).toEqual([['Our own first step', undefined]]);
    expect(lists.teach.map((i) => i.key)).toEqual(defaultChecklists.teach.map((d) => d.key));
    expect(defaultChecklists.plan).toHaveLength(5);
  });

  it('ticking records who and when; unticking clears them', () => {
    const cycle = { ...baseCycle(), checklists: buildChecklists({}, id) };
    const item = cycle.checklists.plan[2];
    const ticked = setChecklistItem(cycle, 'plan', item.id, true, { at: now.toISOString(), by: 'm1' });
    expect(ticked.checklists.plan[2]).toMatchObject({ done: true, doneAt: now.toISOString(), doneBy: 'm1', key: 'plan.goals' });
    expect(ticked.checklists.plan.filter((i) => i.done)).toHaveLength(1);
    const unticked = setChecklistItem(ticked, 'plan', item.id, false, { at: now.toISOString(), by: 'm1' });
    expect(unticked.checklists.plan[2]).toEqual({ id: item.id, key: 'plan.goals', label: item.label, done: false });
  });
});

describe('cycle timeline', () => {
  it('puts meetings, the teaching date, the discussion and transitions in time order', () => {
    const at = (day: number, hour: number) => new Date(2026, 4, day, hour, 0, 0).toISOString();
    const cycle = baseCycle({
      createdAt: at(1, 15),
      meetings: [
        { id: id(), date: '2026-05-01', attendeeIds: [], agenda: 'Theme', notes: '', decisions: '', followUps: '' },
        { id: id(), date: '2026-05-04', attendeeIds: [], agenda: 'Flow', notes: '', decisions: '', followUps: '' },
      ],
      teaching: { date: '2026-05-10', className: '4-2', briefingHeld: true },
      discussionDate: '2026-05-10',
      history: [
        { id: id(), from: 'plan', to: 'teach', at: at(6, 9), by: '', reason: '' },
        { id: id(), from: 'teach', to: 'observe', at: at(10, 8), by: '', reason: '' },
        { id: id(), from: 'observe', to: 'teach', at: at(3, 9), by: '', reason: 'out of order on purpose' },
      ],
    });
    const kinds = cycleTimeline(cycle).map((e) => (e.kind === 'meeting' ? `meeting:${e.agenda}` : e.kind === 'transition' ? `${e.from}>${e.to}` : e.kind));
    expect(kinds).toEqual([
      'created',
      'meeting:Theme',
      'observe>teach',
      'meeting:Flow',
      'plan>teach',
      'teaching',
      'discussion',
      'teach>observe',
    ]);
  });
});

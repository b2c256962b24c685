import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { diffDesign, diffList, diffText, mergedOrder, summarizeDiff, summaryFacts } from '../../shared/diff';
import { DesignContent, type ObservationAssignment } from '../../shared/domain/design';

// Tests written from the mutation report of shared/diff (issue 13): each one pins a
// rule of comparing two versions of a lesson design that no other test held.

const observerA = randomUUID();
const observerB = randomUUID();
const studentKen = randomUUID();
const studentMei = randomUUID();

const assignment = (extra: Partial<ObservationAssignment> = {}): ObservationAssignment => ({
  id: randomUUID(),
  observerId: observerA,
  studentId: studentKen,
  groupLabel: 'Table 2',
  lookFor: 'Does Ken use the fraction strips to compare?',
  ...extra,
});

const step = (title: string, minutes: number) => ({
  id: randomUUID(),
  title,
  minutes,
  activities: `${title}: pose the task`,
  anticipatedResponses: [{ id: randomUUID(), text: 'counts the parts' }],
  teacherSupport: 'Ask why.',
  pointsToNotice: [{ id: randomUUID(), text: 'Do they use the strips?' }],
});

const plan = assignment();
const base = DesignContent.parse({
  title: 'Comparing fractions',
  durationMinutes: 45,
  materials: 'Fraction strips',
  unitSequence: [
    { id: randomUUID(), title: 'What is a fraction?', isThisLesson: false },
    { id: randomUUID(), title: 'Comparing fractions', isThisLesson: true },
  ],
  steps: [step('Launch', 5), step('Explore', 20), step('Discuss', 15), step('Summary', 5)],
  observationPlan: [plan],
});

describe('identical: every part of a version counts', () => {
  it('a version compared with itself is identical and says "No changes"', () => {
    const d = diffDesign(base, base);
    expect(d.identical).toBe(true);
    expect(d.unitSequence).toEqual({ changed: false, items: expect.any(Array) });
    expect(d.unitSequence.items.map((i) => i.status)).toEqual(['unchanged', 'unchanged']);
    expect(d.observationPlan.changed).toBe(false);
    expect(d.durationMinutes).toEqual({ changed: false, from: 45, to: 45 });
    expect(summarizeDiff(d)).toBe('No changes');
  });

  it('a longer lesson is not identical, and the summary names the duration', () => {
    const d = diffDesign(base, { ...base, durationMinutes: 50 });
    expect(d.identical).toBe(false);
    expect(d.durationMinutes).toEqual({ changed: true, from: 45, to: 50 });
    expect(summaryFacts(d).fieldsChanged).toEqual(['durationMinutes']);
    expect(summarizeDiff(d)).toBe('duration changed');
  });

  it('a new row in the observation plan is not identical', () => {
    const added = assignment({ studentId: studentMei, lookFor: 'Mei explains to her partner' });
    const d = diffDesign(base, { ...base, observationPlan: [plan, added] });
    expect(d.identical).toBe(false);
    expect(d.observationPlan.changed).toBe(true);
    expect(d.observationPlan.items.map((i) => [i.id, i.status])).toEqual([
      [plan.id, 'unchanged'],
      [added.id, 'added'],
    ]);
    // An added row's text is all new words; nothing stands for the missing old row.
    expect(d.observationPlan.items[1].text).toEqual({
      changed: true,
      parts: [{ value: 'Mei explains to her partner', added: true, removed: false }],
    });
    expect(summarizeDiff(d)).toBe('observation plan changed');
  });

  it('a renamed unit lesson is not identical', () => {
    const [first, second] = base.unitSequence;
    const d = diffDesign(base, { ...base, unitSequence: [{ ...first, title: 'What is a unit fraction?' }, second] });
    expect(d.identical).toBe(false);
    expect(d.unitSequence.items.map((i) => i.status)).toEqual(['changed', 'unchanged']);
    expect(summarizeDiff(d)).toBe('unit sequence changed');
  });

  it('marking another lesson of the unit as "this lesson" is a change even with the same titles', () => {
    const [first, second] = base.unitSequence;
    const d = diffDesign(base, {
      ...base,
      unitSequence: [
        { ...first, isThisLesson: true },
        { ...second, isThisLesson: false },
      ],
    });
    expect(d.identical).toBe(false);
    expect(d.unitSequence.items.map((i) => [i.status, i.text.changed])).toEqual([
      ['changed', false],
      ['changed', false],
    ]);
  });

  it('a changed materials field alone is not identical, and is named', () => {
    const d = diffDesign(base, { ...base, materials: 'Fraction strips, number line' });
    expect(d.identical).toBe(false);
    expect(d.fields.filter((f) => f.diff.changed).map((f) => f.field)).toEqual(['materials']);
    expect(summarizeDiff(d)).toBe('materials changed');
  });

  it('a goal field is read from the goals, not from the top level', () => {
    const d = diffDesign(base, { ...base, goals: { ...base.goals, unit: 'Compare unit fractions' } });
    expect(d.fields.filter((f) => f.diff.changed).map((f) => f.field)).toEqual(['goals.unit']);
    expect(d.identical).toBe(false);
  });

  it('a step that only moved makes the versions differ', () => {
    const [launch, explore, discuss, summary] = base.steps;
    const d = diffDesign(base, { ...base, steps: [launch, discuss, explore, summary] });
    expect(d.identical).toBe(false);
    expect(d.counts.changed + d.counts.added + d.counts.removed).toBe(0);
    expect(d.counts.moved).toBe(1);
  });
});

describe('the observation plan is compared row by row', () => {
  const changedRow = (change: Partial<ObservationAssignment>) => {
    const d = diffDesign(base, { ...base, observationPlan: [{ ...plan, ...change }] });
    return { status: d.observationPlan.items[0].status, textChanged: d.observationPlan.items[0].text.changed, identical: d.identical };
  };

  it('another observer for the same student is a changed row', () => {
    expect(changedRow({ observerId: observerB })).toEqual({ status: 'changed', textChanged: false, identical: false });
  });

  it('another focus student for the same observer is a changed row', () => {
    expect(changedRow({ studentId: studentMei })).toEqual({ status: 'changed', textChanged: false, identical: false });
  });

  it('another group label is a changed row', () => {
    expect(changedRow({ groupLabel: 'Table 5' })).toEqual({ status: 'changed', textChanged: false, identical: false });
  });

  it('new words in what to look for are a changed row with a word diff', () => {
    const d = diffDesign(base, { ...base, observationPlan: [{ ...plan, lookFor: 'Does Ken use the number line to compare?' }] });
    const row = d.observationPlan.items[0];
    expect(row.status).toBe('changed');
    const words = (kind: 'added' | 'removed') => row.text.parts.filter((p) => p[kind]).map((p) => p.value.trim()).filter(Boolean);
    expect(words('removed')).toEqual(['fraction', 'strips']);
    expect(words('added')).toEqual(['number', 'line']);
  });

  it('a removed row is shown as removed, and two rows swapped are moved, not changed', () => {
    const second = assignment({ observerId: observerB, studentId: studentMei });
    const two = { ...base, observationPlan: [plan, second] };
    const removed = diffDesign(two, base).observationPlan.items;
    expect(removed.map((i) => [i.id, i.status])).toEqual([
      [plan.id, 'unchanged'],
      [second.id, 'removed'],
    ]);
    expect(removed[1].text.parts).toEqual([{ value: second.lookFor, added: false, removed: true }]);

    const swapped = diffDesign(two, { ...base, observationPlan: [second, plan] });
    expect(swapped.observationPlan.changed).toBe(true);
    expect(swapped.observationPlan.items.every((i) => i.status === 'unchanged')).toBe(true);
    expect(swapped.observationPlan.items.filter((i) => i.moved)).toHaveLength(1);
    expect(swapped.identical).toBe(false);
  });
});

describe('text, numbers and order', () => {
  it('an unchanged text is one plain part; an unchanged empty text has no parts', () => {
    expect(diffText('Pose the task.', 'Pose the task.')).toEqual({
      changed: false,
      parts: [{ value: 'Pose the task.', added: false, removed: false }],
    });
    expect(diffText('', '')).toEqual({ changed: false, parts: [] });
  });

  it('a list with nothing changed and nothing moved is unchanged', () => {
    const items = [
      { id: 'r1', text: 'counts' },
      { id: 'r2', text: 'groups in tens' },
    ];
    expect(diffList(items, [...items], (i) => i.text)).toEqual({
      changed: false,
      items: [
        { id: 'r1', status: 'unchanged', moved: false, text: { changed: false, parts: [{ value: 'counts', added: false, removed: false }] } },
        {
          id: 'r2',
          status: 'unchanged',
          moved: false,
          text: { changed: false, parts: [{ value: 'groups in tens', added: false, removed: false }] },
        },
      ],
    });
  });

  it('a removed first row is shown first, and removed neighbours keep their old order', () => {
    expect(mergedOrder(['x', 'a', 'b'], ['a', 'b'])).toEqual(['x', 'a', 'b']);
    expect(mergedOrder(['a', 'x', 'y', 'b'], ['a', 'b'])).toEqual(['a', 'x', 'y', 'b']);
    // x and y followed b before, so they are shown after b, wherever b went.
    expect(mergedOrder(['a', 'b', 'x', 'y'], ['b', 'a', 'c'])).toEqual(['b', 'x', 'y', 'a', 'c']);
  });

  it('an added step is all new text with no changed fields; a removed step all old text', () => {
    const exit = step('Exit ticket', 5);
    const d = diffDesign(base, { ...base, steps: [...base.steps, exit] });
    const added = d.steps.find((s) => s.stepId === exit.id)!;
    expect(added.status).toBe('added');
    expect(added.changedFields).toEqual([]);
    expect(added.title.parts).toEqual([{ value: 'Exit ticket', added: true, removed: false }]);
    expect(added.activities.parts).toEqual([{ value: 'Exit ticket: pose the task', added: true, removed: false }]);
    expect(added.teacherSupport.parts).toEqual([{ value: 'Ask why.', added: true, removed: false }]);
    expect(added.minutes).toEqual({ changed: true, from: null, to: 5 });

    const gone = diffDesign({ ...base, steps: [...base.steps, exit] }, base).steps.find((s) => s.stepId === exit.id)!;
    expect(gone.status).toBe('removed');
    expect(gone.changedFields).toEqual([]);
    expect(gone.title.parts).toEqual([{ value: 'Exit ticket', added: false, removed: true }]);
    expect(gone.minutes).toEqual({ changed: true, from: 5, to: null });
  });
});

describe('the one-line summary', () => {
  const withResponse = (index: number, text: string) =>
    base.steps.map((s, i) => (i === index ? { ...s, anticipatedResponses: [...s.anticipatedResponses, { id: randomUUID(), text }] } : s));

  it('names every step whose anticipated responses or points to notice were revised', () => {
    const steps = withResponse(1, 'uses a number line').map((s, i) =>
      i === 3 ? { ...s, anticipatedResponses: [...s.anticipatedResponses, { id: randomUUID(), text: 'draws' }] } : s,
    );
    const two = diffDesign(base, { ...base, steps });
    expect(summarizeDiff(two)).toBe('2 steps changed, anticipated responses revised in steps 2 and 4');

    const three = diffDesign(base, {
      ...base,
      steps: steps.map((s, i) => (i === 0 ? { ...s, anticipatedResponses: [] } : s)),
    });
    expect(summarizeDiff(three)).toBe('3 steps changed, anticipated responses revised in steps 1, 2 and 4');

    const points = diffDesign(base, {
      ...base,
      steps: base.steps.map((s, i) => (i === 2 ? { ...s, pointsToNotice: [] } : s)),
    });
    expect(summarizeDiff(points)).toBe('1 step changed, points to notice revised in step 3');
  });

  it('words later clauses without the noun and lists several fields', () => {
    const [launch, explore, discuss, summary] = base.steps;
    const d = diffDesign(base, {
      ...base,
      title: 'Comparing unit fractions',
      materials: 'Number line',
      steps: [launch, discuss, explore, { ...summary, title: 'Wrap up' }],
    });
    expect(summarizeDiff(d)).toBe('1 step changed, 1 moved, title, materials changed');

    const removedTwo = diffDesign(base, { ...base, steps: [launch, explore] });
    expect(summarizeDiff(removedTwo)).toBe('2 steps removed');
  });
});

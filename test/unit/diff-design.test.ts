import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { diffDesign, diffText, mergedOrder, movedIds, summarizeDiff } from '../../shared/diff';
import { DesignContent, type FlowStep } from '../../shared/domain/design';
import { sampleContent } from './design-fixtures';

const plain = (parts: Array<{ value: string; added: boolean; removed: boolean }>, side: 'old' | 'new') =>
  parts.filter((p) => (side === 'old' ? !p.added : !p.removed)).map((p) => p.value).join('');

describe('word diff of a text field', () => {
  it('marks only the changed words, and each side rebuilds its text', () => {
    const d = diffText('Students compare two fractions.', 'Students compare three fractions with strips.');
    expect(d.changed).toBe(true);
    expect(d.parts.filter((p) => p.removed).map((p) => p.value.trim())).toEqual(['two']);
    expect(d.parts.filter((p) => p.added).map((p) => p.value).join('')).toContain('three');
    expect(plain(d.parts, 'old')).toBe('Students compare two fractions.');
    expect(plain(d.parts, 'new')).toBe('Students compare three fractions with strips.');
  });

  it('property: both sides are always rebuilt exactly', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 80 }), fc.string({ unit: 'grapheme', maxLength: 80 }), (a, b) => {
        const d = diffText(a, b);
        expect(plain(d.parts, 'old')).toBe(a);
        expect(plain(d.parts, 'new')).toBe(b);
        expect(d.changed).toBe(a !== b);
      }),
    );
  });
});

describe('step matching by stable id', () => {
  const content = sampleContent();

  it('a reordered step is moved, not removed and added; summary names the changes', () => {
    const steps = [...content.steps];
    const [moved] = steps.splice(0, 1);
    steps.splice(3, 0, moved);
    steps[1] = {
      ...steps[1],
      anticipatedResponses: [...steps[1].anticipatedResponses, { id: crypto.randomUUID(), text: 'Uses a number line' }],
    };
    const added: FlowStep = { ...content.steps[0], id: crypto.randomUUID(), title: 'Exit ticket', anticipatedResponses: [], pointsToNotice: [] };
    const removedStep = steps.pop()!;
    const next = DesignContent.parse({ ...content, steps: [...steps, added], goals: { ...content.goals, lesson: 'Explain with a diagram' } });
    const diff = diffDesign(content, next);

    expect(diff.steps.find((s) => s.stepId === moved.id)).toMatchObject({ status: 'unchanged', moved: true, fromPosition: 1, toPosition: 4 });
    expect(diff.steps.find((s) => s.stepId === steps[1].id)).toMatchObject({ status: 'changed', changedFields: ['anticipatedResponses'] });
    const responses = diff.steps.find((s) => s.stepId === steps[1].id)!.anticipatedResponses.items;
    expect(responses.map((r) => r.status)).toEqual(['unchanged', 'unchanged', 'added']);
    expect(diff.steps.find((s) => s.stepId === added.id)).toMatchObject({ status: 'added', fromPosition: null, toPosition: 6 });
    expect(diff.steps.find((s) => s.stepId === removedStep.id)).toMatchObject({ status: 'removed', toPosition: null });
    // The removed (last) step is shown where it was: at the end.
    expect(diff.steps.at(-2)!.stepId).toBe(removedStep.id);
    expect(diff.counts).toMatchObject({ changed: 1, added: 1, removed: 1, moved: 1 });
    expect(summarizeDiff(diff)).toBe('1 step changed, 1 added, 1 removed, 1 moved, anticipated responses revised in step 2, lesson goal changed');
  });

  it('when two neighbours swap and one was also edited, the unedited one is called moved', () => {
    const [a, b] = content.steps;
    for (const editFirst of [true, false]) {
      const edited = editFirst ? { ...a, activities: 'new words' } : a;
      const other = editFirst ? b : { ...b, activities: 'new words' };
      const next = DesignContent.parse({ ...content, steps: [other, edited, ...content.steps.slice(2)] });
      const moved = diffDesign(content, next).steps.filter((s) => s.moved).map((s) => s.stepId);
      expect(moved).toEqual([editFirst ? b.id : a.id]);
    }
  });

  it('words a summary that starts with added steps with the noun', () => {
    const next = DesignContent.parse({ ...content, steps: [...content.steps, { ...content.steps[0], id: crypto.randomUUID() }] });
    expect(summarizeDiff(diffDesign(content, next))).toBe('1 step added');
    expect(summarizeDiff(diffDesign(content, content))).toBe('No changes');
  });
});

/** Arbitrary designs whose steps come from a shared pool of ids, so versions overlap. */
const idPool = Array.from({ length: 12 }, () => crypto.randomUUID());
const itemPool = Array.from({ length: 6 }, () => crypto.randomUUID());
const arbItems = fc.uniqueArray(fc.constantFrom(...itemPool), { maxLength: 4 }).chain((ids) =>
  fc.tuple(...ids.map((id) => fc.record({ id: fc.constant(id), text: fc.constantFrom('counts', 'uses tens', 'draws a strip', '') }))),
);
const arbStep = (id: string) =>
  fc.record({
    id: fc.constant(id),
    title: fc.constantFrom('Launch', 'Explore', 'Discuss', 'Summarise'),
    minutes: fc.integer({ min: 0, max: 20 }),
    activities: fc.constantFrom('', 'Pose the task.', 'Pose the task again.', 'Students share.'),
    anticipatedResponses: arbItems,
    teacherSupport: fc.constantFrom('', 'Ask why.', 'Ask how they know.'),
    pointsToNotice: arbItems,
  });
const arbContent = fc
  .uniqueArray(fc.constantFrom(...idPool), { maxLength: 8 })
  .chain((ids) => fc.tuple(...ids.map(arbStep)))
  .map((steps) => DesignContent.parse({ title: 'A lesson', steps }));

describe('diff properties', () => {
  it('diff(a, a) is empty', () => {
    fc.assert(
      fc.property(arbContent, (a) => {
        const d = diffDesign(a, a);
        expect(d.identical).toBe(true);
        expect(d.steps.every((s) => s.status === 'unchanged' && !s.moved && s.changedFields.length === 0)).toBe(true);
        expect(d.fields.every((f) => !f.diff.changed)).toBe(true);
        expect(summarizeDiff(d)).toBe('No changes');
      }),
    );
  });

  it('every step of a and of b is accounted for exactly once, with the right status and positions', () => {
    fc.assert(
      fc.property(arbContent, arbContent, (a, b) => {
        const d = diffDesign(a, b);
        const ids = d.steps.map((s) => s.stepId);
        expect(new Set(ids).size).toBe(ids.length);
        expect(new Set(ids)).toEqual(new Set([...a.steps, ...b.steps].map((s) => s.id)));
        for (const s of d.steps) {
          const ai = a.steps.findIndex((x) => x.id === s.stepId);
          const bi = b.steps.findIndex((x) => x.id === s.stepId);
          expect(s.fromPosition).toBe(ai < 0 ? null : ai + 1);
          expect(s.toPosition).toBe(bi < 0 ? null : bi + 1);
          if (ai < 0) expect(s.status).toBe('added');
          else if (bi < 0) expect(s.status).toBe('removed');
          else expect(s.status === 'unchanged').toBe(JSON.stringify(a.steps[ai]) === JSON.stringify(b.steps[bi]));
        }
        // Kept steps appear in their new order.
        const kept = d.steps.filter((s) => s.toPosition !== null).map((s) => s.toPosition);
        expect(kept).toEqual([...kept].sort((x, y) => x! - y!));
        expect(d.counts.added + d.counts.removed + d.counts.changed + d.steps.filter((s) => s.status === 'unchanged').length).toBe(d.steps.length);
        // Reordering alone is never reported as content change.
        const shuffled = diffDesign(a, { ...a, steps: [...a.steps].reverse() });
        expect(shuffled.counts.changed + shuffled.counts.added + shuffled.counts.removed).toBe(0);
      }),
    );
  });

  it('moved steps are the minimum: undoing only them restores the old order', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.constantFrom(...idPool), { maxLength: 10 }), fc.integer(), (ids, seed) => {
        const shuffled = [...ids].sort((x, y) => ((x.charCodeAt(seed & 7) ^ seed) % 7) - ((y.charCodeAt(seed & 7) ^ seed) % 7));
        const moved = movedIds(ids, shuffled);
        const stay = shuffled.filter((id) => !moved.has(id));
        // What did not move is in the same relative order as before.
        expect(stay).toEqual(ids.filter((id) => stay.includes(id)));
        expect(mergedOrder(ids, shuffled)).toEqual(shuffled);
      }),
    );
  });
});

import { describe, expect, it } from 'vitest';
import { diffDocument, resolveConflict } from '../../electron/storage/sync/diff';
import { createClock } from '../../electron/storage/sync/hlc';
import { docKey, mergeOps, type MergedState } from '../../electron/storage/sync/merge';
import type { Op } from '../../electron/storage/sync/ops';

const ANA = 'aaaaaaaaaaaaaaaa';
const BEN = 'bbbbbbbbbbbbbbbb';
const T0 = Date.UTC(2026, 10, 20, 8, 0, 0);
const ref = { kind: 'design', id: 'd1' };

/** A laptop: its clock (injected), the ops it has seen, and a save that goes through diff → ops. */
const laptop = (deviceId: string, startMs: number) => {
  let ms = startMs;
  const clock = createClock(deviceId, () => ms);
  const known: Op[] = [];
  const state = () => mergeOps(known);
  const doc = () => state().docs.get(docKey(ref.kind, ref.id)) ?? null;
  return {
    known,
    state,
    doc,
    value: () => doc()?.value ?? null,
    save(change: (d: Design) => Design | null): Op[] {
      ms += 1000;
      const before = (doc()?.value ?? null) as Design | null;
      const after = change(structuredClone(before as Design));
      const ops = diffDocument(ref, before as Json | null, after as Json | null, doc(), clock.next);
      known.push(...ops);
      return ops;
    },
    receive(ops: Op[]) {
      for (const op of ops) clock.observe(op.hlc);
      known.push(...ops);
    },
    clock,
  };
};

type Json = Record<string, unknown>;
interface Step { id: string; title: string; keyQuestion: string; minutes: number }
interface Design { title: string; goals: { lesson: string; unit: string }; steps: Step[]; materials: string[] }

const plan = (): Design => ({
  title: 'Comparing fractions',
  goals: { lesson: 'Students justify which fraction is larger', unit: 'Fractions' },
  steps: [1, 2, 3, 4, 5].map((n) => ({ id: `s${n}`, title: `Step ${n}`, keyQuestion: `Question ${n}?`, minutes: 5 })),
  materials: ['fraction strips'],
});

/** Ana creates the plan; Ben receives it: the common start of each story. */
const shared = () => {
  const ana = laptop(ANA, T0);
  // Ben's clock runs a minute ahead, so his edits are the newer ones in every story below.
  const ben = laptop(BEN, T0 + 60_000);
  ben.receive(ana.save(() => plan()));
  return { ana, ben };
};

/** What a merge shows (MergedDoc's functions left out), for comparing two devices' states. */
const view = (state: MergedState) => ({
  docs: [...state.docs.entries()].map(([key, doc]) => [key, doc.value, doc.conflicts]),
  conflicts: state.conflicts,
  ops: state.ops,
});

const step = (state: MergedState, id: string) =>
  ((state.docs.get('design/d1')?.value as unknown as Design).steps.find((s) => s.id === id));

describe('a document saved as field-level ops', () => {
  it('a new document is written field by field and merges back to itself', () => {
    const ana = laptop(ANA, T0);
    const ops = ana.save(() => plan());
    expect(ops.map((op) => `${op.op} ${op.path.join('/')}`)).toContain('set steps/#s3/keyQuestion');
    expect(ops.map((op) => `${op.op} ${op.path.join('/')}`)).toContain('list steps');
    expect(ana.value()).toEqual(plan());
    expect(ana.state().conflicts).toEqual([]);
  });

  it('sequential edits of one field replace each other, with no conflict', () => {
    const { ana, ben } = shared();
    ana.receive(ben.save((d) => ({ ...d!, title: 'Fractions on a number line' })));
    ben.receive(ana.save((d) => ({ ...d!, title: 'Which fraction is larger?' })));
    for (const device of [ana, ben]) {
      expect((device.value() as unknown as Design).title).toBe('Which fraction is larger?');
      expect(device.state().conflicts).toEqual([]);
    }
  });

  it("step 3's key question on one laptop and step 5's title on the other both survive", () => {
    const { ana, ben } = shared();
    const fromAna = ana.save((d) => ({ ...d!, steps: d!.steps.map((s) => (s.id === 's3' ? { ...s, keyQuestion: 'Which is closer to 1?' } : s)) }));
    const fromBen = ben.save((d) => ({ ...d!, steps: d!.steps.map((s) => (s.id === 's5' ? { ...s, title: 'Share and compare' } : s)) }));
    expect(fromAna).toHaveLength(1);
    expect(fromAna[0].path).toEqual(['steps', '#s3', 'keyQuestion']);
    ana.receive(fromBen);
    ben.receive(fromAna);
    for (const device of [ana, ben]) {
      const state = device.state();
      expect(state.conflicts).toEqual([]);
      expect(step(state, 's3')?.keyQuestion).toBe('Which is closer to 1?');
      expect(step(state, 's5')?.title).toBe('Share and compare');
      expect(step(state, 's5')?.keyQuestion).toBe('Question 5?');
    }
  });

  it('two laptops changing the same field offline keep both values as a conflict; resolving settles it everywhere', () => {
    const { ana, ben } = shared();
    const fromAna = ana.save((d) => ({ ...d!, goals: { ...d!.goals, lesson: 'Students compare with benchmarks' } }));
    const fromBen = ben.save((d) => ({ ...d!, goals: { ...d!.goals, lesson: 'Students use a number line' } }));
    ana.receive(fromBen);
    ben.receive(fromAna);
    const conflicts = ana.state().conflicts;
    expect(conflicts).toEqual(ben.state().conflicts);
    expect(conflicts).toHaveLength(1);
    expect(conflicts[0]).toMatchObject({ kind: 'design', id: 'd1', path: ['goals', 'lesson'], reason: 'value' });
    // Newest first: Ben's clock is ahead.
    expect(conflicts[0].candidates.map((c) => [c.value, c.device])).toEqual([
      ['Students use a number line', BEN],
      ['Students compare with benchmarks', ANA],
    ]);
    // The other fields merged as usual, and the document shows the newest candidate meanwhile.
    expect((ana.value() as unknown as Design).goals).toEqual({ lesson: 'Students use a number line', unit: 'Fractions' });

    const settled = resolveConflict(ana.doc()!, conflicts[0], { candidate: 1 }, ana.clock.next);
    ana.known.push(...settled);
    ben.receive(settled);
    for (const device of [ana, ben]) {
      expect(device.state().conflicts).toEqual([]);
      expect((device.value() as unknown as Design).goals.lesson).toBe('Students compare with benchmarks');
    }
  });

  it('a step deleted on one laptop while edited on the other is a conflict that keeps the edit visible', () => {
    const { ana, ben } = shared();
    const fromAna = ana.save((d) => ({ ...d!, steps: d!.steps.filter((s) => s.id !== 's2') }));
    const fromBen = ben.save((d) => ({ ...d!, steps: d!.steps.map((s) => (s.id === 's2' ? { ...s, minutes: 12 } : s)) }));
    expect(fromAna.map((op) => [op.op, op.path])).toEqual([['del', ['steps', '#s2']]]);
    ana.receive(fromBen);
    ben.receive(fromAna);
    const state = ana.state();
    expect(view(state)).toEqual(view(ben.state()));
    expect(state.conflicts).toHaveLength(1);
    expect(state.conflicts[0].reason).toBe('deleted-and-edited');
    expect(state.conflicts[0].path).toEqual(['steps', '#s2']);
    expect(state.conflicts[0].candidates).toEqual([
      { value: { id: 's2', title: 'Step 2', keyQuestion: 'Question 2?', minutes: 12 }, device: BEN, hlc: fromBen[0].hlc },
      { deleted: true, device: ANA, hlc: fromAna[0].hlc },
    ]);
    expect(step(state, 's2')).toEqual({ id: 's2', title: 'Step 2', keyQuestion: 'Question 2?', minutes: 12 });

    // Choosing the deletion removes the step on both laptops.
    const settled = resolveConflict(ben.doc()!, state.conflicts[0], { candidate: 1 }, ben.clock.next);
    ben.known.push(...settled);
    ana.receive(settled);
    expect(ana.state().conflicts).toEqual([]);
    expect((ana.value() as unknown as Design).steps.map((s) => s.id)).toEqual(['s1', 's3', 's4', 's5']);
  });

  it('a deletion seen by the other laptop before it edits is simply a deletion', () => {
    const { ana, ben } = shared();
    ben.receive(ana.save((d) => ({ ...d!, steps: d!.steps.filter((s) => s.id !== 's2') })));
    ana.receive(ben.save((d) => ({ ...d!, steps: d!.steps.map((s) => (s.id === 's1' ? { ...s, minutes: 7 } : s)) })));
    expect(ana.state().conflicts).toEqual([]);
    expect((ana.value() as unknown as Design).steps.map((s) => `${s.id}:${s.minutes}`)).toEqual(['s1:7', 's3:5', 's4:5', 's5:5']);
  });

  it('steps added on both laptops are both kept where their authors put them', () => {
    const { ana, ben } = shared();
    const add = (after: string, id: string) => (d: Design | null) => {
      const steps = [...d!.steps];
      steps.splice(steps.findIndex((s) => s.id === after) + 1, 0, { id, title: id, keyQuestion: '', minutes: 3 });
      return { ...d!, steps };
    };
    const fromAna = ana.save(add('s1', 'a1'));
    const fromBen = ben.save(add('s4', 'b1'));
    ana.receive(fromBen);
    ben.receive(fromAna);
    for (const device of [ana, ben]) {
      expect(device.state().conflicts).toEqual([]);
      expect((device.value() as unknown as Design).steps.map((s) => s.id)).toEqual(['s1', 'a1', 's2', 's3', 's4', 'b1', 's5']);
    }
  });

  it('reordering steps merges with an edit inside a step; two different reorders are an order conflict', () => {
    const { ana, ben } = shared();
    const move = (order: string[]) => (d: Design | null) => ({ ...d!, steps: order.map((id) => d!.steps.find((s) => s.id === id)!) });
    const fromAna = ana.save(move(['s2', 's1', 's3', 's4', 's5']));
    expect(fromAna.map((op) => op.op)).toEqual(['list']);
    const fromBen = ben.save((d) => ({ ...d!, steps: d!.steps.map((s) => (s.id === 's1' ? { ...s, title: 'Launch' } : s)) }));
    ana.receive(fromBen);
    ben.receive(fromAna);
    expect(ben.state().conflicts).toEqual([]);
    expect((ben.value() as unknown as Design).steps.map((s) => s.title)).toEqual(['Step 2', 'Launch', 'Step 3', 'Step 4', 'Step 5']);

    const again = ana.save(move(['s2', 's1', 's3', 's5', 's4']));
    const other = ben.save(move(['s1', 's2', 's3', 's4', 's5']));
    ana.receive(other);
    ben.receive(again);
    expect(ana.state().conflicts.map((c) => [c.path, c.reason, c.candidates.map((x) => x.value)])).toEqual([
      [['steps'], 'order', [['s1', 's2', 's3', 's4', 's5'], ['s2', 's1', 's3', 's5', 's4']]],
    ]);
    expect(view(ana.state())).toEqual(view(ben.state()));
  });

  it('deleting a document is a tombstone; an edit made without seeing it is a conflict, not lost', () => {
    const { ana, ben } = shared();
    const gone = ana.save(() => null);
    expect(gone).toHaveLength(1);
    expect(gone[0]).toMatchObject({ op: 'del', path: [] });
    expect(ana.value()).toBeNull();
    const edit = ben.save((d) => ({ ...d!, title: 'Still needed' }));
    ana.receive(edit);
    ben.receive(gone);
    expect(ana.state().conflicts.map((c) => [c.path, c.reason])).toEqual([[[], 'deleted-and-edited']]);
    expect((ana.value() as unknown as Design).title).toBe('Still needed');
  });

  it('the same ops in any order and with duplicates give the same state', () => {
    const { ana, ben } = shared();
    ana.receive(ben.save((d) => ({ ...d!, title: 'B', materials: ['strips', 'number line'] })));
    const mine = ana.save((d) => ({ ...d!, steps: d!.steps.slice(1) }));
    const theirs = ben.save((d) => ({ ...d!, title: 'C' }));
    const all = [...ana.known, ...theirs];
    const expected = mergeOps(all);
    expect(expected.conflicts).toEqual([]);
    expect((expected.docs.get('design/d1')?.value as unknown as Design).title).toBe('C');
    expect(mine).toHaveLength(1);
    const shuffled = [...all].reverse().concat(all.slice(0, 5));
    expect(view(mergeOps(shuffled))).toEqual(view(expected));
  });

  it('a save arrives whole or waits: half a save, or an edit of something not yet here, is held back', () => {
    const { ana, ben } = shared();
    const added = ana.save((d) => ({ ...d!, steps: [...d!.steps, { id: 's6', title: 'Summary', keyQuestion: 'What did we learn?', minutes: 5 }] }));
    expect(added.map((op) => op.of)).toEqual([5, 5, 5, 5, 5]);
    const half = mergeOps([...ben.known, ...added.slice(0, 3)]);
    expect(half.waiting).toHaveLength(3);
    expect(step(half, 's6')).toBeUndefined();
    // Carl edits the new step after Ana's save reached him; Ben gets Carl's op before Ana's.
    const carl = laptop('cccccccccccccccc', T0);
    carl.receive([...ben.known, ...added]);
    const edit = carl.save((d) => ({ ...d!, steps: d!.steps.map((s) => (s.id === 's6' ? { ...s, title: 'Wrap-up' } : s)) }));
    const early = mergeOps([...ben.known, ...edit]);
    expect(early.waiting).toEqual(edit);
    expect(step(early, 's6')).toBeUndefined();
    const all = mergeOps([...ben.known, ...edit, ...added]);
    expect(all.waiting).toEqual([]);
    expect(step(all, 's6')).toEqual({ id: 's6', title: 'Wrap-up', keyQuestion: 'What did we learn?', minutes: 5 });
  });

  it('a key that looks like a path marker is written escaped and read back as it was', () => {
    const ana = laptop(ANA, T0);
    const odd = { ...plan(), checklist: { '#1 before': ['a'], '~x': ['b'] } } as unknown as Design;
    const ops = ana.save(() => odd);
    expect(ops.some((op) => op.path.join('/') === 'checklist/~#1 before')).toBe(true);
    expect(ana.value()).toEqual(odd);
  });
});

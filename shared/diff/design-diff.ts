import { diffArrays, diffWordsWithSpace } from 'diff';
import type { DesignContent, FlowStep, ListItem, ObservationAssignment, UnitLesson } from '../domain/design';
import {
  designTextFields,
  type ChangeStatus,
  type DesignDiff,
  type DesignTextField,
  type ListDiff,
  type ListItemDiff,
  type NumberDiff,
  type StepDiff,
  type StepField,
  type TextDiff,
} from './types';

/** Word-level diff of one text field (jsdiff `diffWordsWithSpace`, so spacing and newlines survive). */
export const diffText = (from: string, to: string): TextDiff => {
  if (from === to) return { changed: false, parts: from ? [{ value: from, added: false, removed: false }] : [] };
  return {
    changed: true,
    parts: diffWordsWithSpace(from, to).map((part) => ({ value: part.value, added: part.added, removed: part.removed })),
  };
};

const diffNumber = (from: number | null, to: number | null): NumberDiff => ({ changed: from !== to, from, to });

/**
 * The ids of `to` in order, with each id only in `from` inserted right after the item
 * that preceded it in `from` — so a removed row is shown where it used to be.
 */
export const mergedOrder = (fromIds: readonly string[], toIds: readonly string[]): string[] => {
  const inTo = new Set(toIds);
  const order = [...toIds];
  let lastPlaced = -1;
  for (const id of fromIds) {
    if (inTo.has(id)) {
      lastPlaced = order.indexOf(id);
      continue;
    }
    order.splice(lastPlaced + 1, 0, id);
    lastPlaced += 1;
  }
  return order;
};

const lcsOutsiders = (keptFrom: readonly string[], keptTo: readonly string[]): Set<string> => {
  const moved = new Set<string>();
  for (const part of diffArrays([...keptFrom], [...keptTo])) {
    if (part.added || part.removed) for (const id of part.value) moved.add(id);
  }
  return moved;
};

/**
 * Ids kept in both versions whose order relative to the other kept ids changed. The
 * longest common subsequence stays put; whatever falls outside it was moved. When two
 * answers are equally short (two neighbours swapped: either one "moved"), the one that
 * marks fewer `preferStill` ids wins — e.g. prefer calling the unedited step the moved one.
 */
export const movedIds = (
  fromIds: readonly string[],
  toIds: readonly string[],
  preferStill: (id: string) => boolean = () => false,
): Set<string> => {
  const inFrom = new Set(fromIds);
  const inTo = new Set(toIds);
  const keptFrom = fromIds.filter((id) => inTo.has(id));
  const keptTo = toIds.filter((id) => inFrom.has(id));
  const forward = lcsOutsiders(keptFrom, keptTo);
  const backward = lcsOutsiders([...keptFrom].reverse(), [...keptTo].reverse());
  if (backward.size !== forward.size) return forward.size <= backward.size ? forward : backward;
  const cost = (ids: Set<string>) => [...ids].filter(preferStill).length;
  return cost(backward) < cost(forward) ? backward : forward;
};

const statusOf = (inFrom: boolean, inTo: boolean, changed: boolean): ChangeStatus =>
  !inFrom ? 'added' : !inTo ? 'removed' : changed ? 'changed' : 'unchanged';

/** Diff two lists of items with stable ids; `text` is what is compared word by word. */
export const diffList = <T extends { id: string }>(
  from: readonly T[],
  to: readonly T[],
  text: (item: T) => string,
  sameOtherwise: (a: T, b: T) => boolean = () => true,
): ListDiff => {
  const fromById = new Map(from.map((item) => [item.id, item]));
  const toById = new Map(to.map((item) => [item.id, item]));
  const fromIds = from.map((item) => item.id);
  const toIds = to.map((item) => item.id);
  const moved = movedIds(fromIds, toIds);
  const items: ListItemDiff[] = mergedOrder(fromIds, toIds).map((id) => {
    const a = fromById.get(id);
    const b = toById.get(id);
    const textDiff = diffText(a ? text(a) : '', b ? text(b) : '');
    const changed = textDiff.changed || (a !== undefined && b !== undefined && !sameOtherwise(a, b));
    return { id, status: statusOf(a !== undefined, b !== undefined, changed), moved: moved.has(id), text: textDiff };
  });
  return { changed: items.some((item) => item.status !== 'unchanged' || item.moved), items };
};

const listText = (item: ListItem) => item.text;

const diffStep = (a: FlowStep | undefined, b: FlowStep | undefined, moved: boolean, positions: { from: number | null; to: number | null }): StepDiff => {
  const fields = {
    title: diffText(a?.title ?? '', b?.title ?? ''),
    minutes: diffNumber(a?.minutes ?? null, b?.minutes ?? null),
    activities: diffText(a?.activities ?? '', b?.activities ?? ''),
    anticipatedResponses: diffList(a?.anticipatedResponses ?? [], b?.anticipatedResponses ?? [], listText),
    teacherSupport: diffText(a?.teacherSupport ?? '', b?.teacherSupport ?? ''),
    pointsToNotice: diffList(a?.pointsToNotice ?? [], b?.pointsToNotice ?? [], listText),
  };
  const changedFields: StepField[] = (Object.keys(fields) as StepField[]).filter((key) => fields[key].changed);
  const id = (a ?? b)!.id;
  return {
    stepId: id,
    status: statusOf(a !== undefined, b !== undefined, changedFields.length > 0),
    moved,
    fromPosition: positions.from,
    toPosition: positions.to,
    ...fields,
    changedFields: a && b ? changedFields : [],
  };
};

/** Read a dotted field such as `goals.lesson` from a design's content. */
export const readTextField = (content: DesignContent, field: DesignTextField): string => {
  if (field.startsWith('goals.')) return content.goals[field.slice('goals.'.length) as keyof DesignContent['goals']];
  return content[field as Exclude<DesignTextField, `goals.${string}`>];
};

const sameAssignment = (a: ObservationAssignment, b: ObservationAssignment) =>
  a.observerId === b.observerId && a.studentId === b.studentId && a.groupLabel === b.groupLabel;

/**
 * Compare two versions of a lesson design. Steps are matched by their stable id, so a
 * step that was reordered is "moved", not "removed and added"; within every text field
 * the diff is word by word. Pure: the same inputs always give the same diff.
 */
export const diffDesign = (from: DesignContent, to: DesignContent): DesignDiff => {
  const fields = designTextFields.map((field) => ({ field, diff: diffText(readTextField(from, field), readTextField(to, field)) }));
  const fromSteps = new Map(from.steps.map((step, index) => [step.id, { step, position: index + 1 }]));
  const toSteps = new Map(to.steps.map((step, index) => [step.id, { step, position: index + 1 }]));
  const fromIds = from.steps.map((s) => s.id);
  const toIds = to.steps.map((s) => s.id);
  // A step that was also edited is already marked; prefer to call an unedited neighbour the moved one.
  const edited = (id: string) => {
    const a = fromSteps.get(id)?.step;
    const b = toSteps.get(id)?.step;
    return Boolean(a && b && JSON.stringify(a) !== JSON.stringify(b));
  };
  const moved = movedIds(fromIds, toIds, edited);
  const steps = mergedOrder(fromIds, toIds).map((id) => {
    const a = fromSteps.get(id);
    const b = toSteps.get(id);
    return diffStep(a?.step, b?.step, moved.has(id), { from: a?.position ?? null, to: b?.position ?? null });
  });
  const counts = {
    changed: steps.filter((s) => s.status === 'changed').length,
    added: steps.filter((s) => s.status === 'added').length,
    removed: steps.filter((s) => s.status === 'removed').length,
    moved: steps.filter((s) => s.moved).length,
    unchanged: steps.filter((s) => s.status === 'unchanged' && !s.moved).length,
  };
  const durationMinutes = diffNumber(from.durationMinutes, to.durationMinutes);
  const unitSequence = diffList<UnitLesson>(from.unitSequence, to.unitSequence, (u) => u.title, (x, y) => x.isThisLesson === y.isThisLesson);
  const observationPlan = diffList(from.observationPlan, to.observationPlan, (o) => o.lookFor, sameAssignment);
  const identical =
    fields.every((f) => !f.diff.changed) &&
    !durationMinutes.changed &&
    !unitSequence.changed &&
    !observationPlan.changed &&
    counts.unchanged === steps.length;
  return { fields, durationMinutes, unitSequence, observationPlan, steps, counts, identical };
};

import { compareHlc, parseHlc } from './hlc';
import { canonicalJson, isElementSegment, unescapeKey, type Op } from './ops';

/**
 * Every device's documents, computed from the union of every device's ops. The result
 * depends only on the set of ops: not on the order files arrived in, nor on duplicates
 * (a conflict copy of an op log repeats lines of the original).
 *
 * Each place in a document is a multi-value register: the ops at that place that no
 * other op's `base` names are current. One current op: its value. Several that agree: that
 * value. Several that differ were written without seeing each other — a conflict, listed
 * with every candidate; the document shows the newest candidate that is not a deletion,
 * so an edit concurrent with a deletion stays visible until someone chooses.
 */

export interface ConflictCandidate {
  /** The candidate's value; absent when the candidate is a deletion. */
  value?: unknown;
  deleted?: true;
  device: string;
  hlc: string;
}

export interface Conflict {
  kind: string;
  id: string;
  path: string[];
  /** `value`: different values; `deleted-and-edited`: removed on one device, changed on another; `order`: reordered differently. */
  reason: 'value' | 'deleted-and-edited' | 'order';
  /** Newest first. */
  candidates: ConflictCandidate[];
}

export interface MergedDoc {
  kind: string;
  id: string;
  /** The document, or null when it was deleted (or only ops below a deleted root remain). */
  value: Record<string, unknown> | null;
  conflicts: Conflict[];
  /** The current ops at a place: what a new op there replaces. */
  heads: (path: readonly string[]) => string[];
  /** The current ops at a place and below it: what replacing or deleting the whole place replaces. */
  within: (path: readonly string[]) => string[];
}

export interface MergedState {
  docs: Map<string, MergedDoc>;
  conflicts: Conflict[];
  /** Every distinct op applied, oldest first. */
  ops: Op[];
  /** Ops held back until what they build on has arrived: the rest of their save, or an op their base names. */
  waiting: Op[];
}

/** Fields every save stamps (ISO times): concurrent values are merged to the latest, never shown as a conflict. */
const STAMP_FIELDS: ReadonlySet<string> = new Set(['updatedAt']);

export const docKey = (kind: string, id: string): string => `${kind}/${id}`;

interface Node {
  ops: Op[];
  children: Map<string, Node>;
}

type Built = { present: false } | { present: true; value: unknown };
const ABSENT: Built = { present: false };

const byNewest = (a: Op, b: Op): number => compareHlc(b.hlc, a.hlc) || (canonicalJson(a) < canonicalJson(b) ? -1 : 1);
const deviceOf = (hlc: string): string => parseHlc(hlc)?.device ?? '';
const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export const mergeOps = (input: Iterable<Op>): MergedState => {
  const distinct = new Map<string, Op>();
  for (const op of input) distinct.set(canonicalJson(op), op);
  const { ready: ops, waiting } = readyOps([...distinct.values()].sort((a, b) => -byNewest(a, b)));
  const perDoc = new Map<string, Op[]>();
  for (const op of ops) {
    const key = docKey(op.kind, op.doc);
    const list = perDoc.get(key) ?? [];
    list.push(op);
    perDoc.set(key, list);
  }
  const docs = new Map<string, MergedDoc>();
  const conflicts: Conflict[] = [];
  for (const key of [...perDoc.keys()].sort()) {
    const docOps = perDoc.get(key) ?? [];
    const doc = mergeDocument(docOps[0].kind, docOps[0].doc, docOps);
    docs.set(key, doc);
    conflicts.push(...doc.conflicts);
  }
  return { docs, conflicts, ops, waiting };
};

/**
 * Files arrive in any order and a log may stop in the middle of a save, so an op waits
 * until its whole save is here and every op its base names is applied (the edit it
 * replaced, hence the record it edits). After full delivery nothing waits.
 */
const readyOps = (ops: Op[]): { ready: Op[]; waiting: Op[] } => {
  const stamps = new Set(ops.map((op) => op.hlc));
  const inSave = new Map<string, Set<string>>();
  for (const op of ops) if (op.save) inSave.set(op.save, (inSave.get(op.save) ?? new Set()).add(op.hlc));
  const blocked = new Set<string>();
  for (const op of ops) {
    const incomplete = op.save !== undefined && (inSave.get(op.save)?.size ?? 0) < (op.of ?? 0);
    if (incomplete || op.base.some((hlc) => !stamps.has(hlc))) blocked.add(op.hlc);
  }
  // What builds on a blocked op waits too, and a save waits whole.
  for (let changed = blocked.size > 0; changed; ) {
    changed = false;
    for (const op of ops) {
      if (blocked.has(op.hlc)) continue;
      if (op.base.some((hlc) => blocked.has(hlc)) || (op.save !== undefined && [...(inSave.get(op.save) ?? [])].some((hlc) => blocked.has(hlc)))) {
        blocked.add(op.hlc);
        changed = true;
      }
    }
  }
  return { ready: ops.filter((op) => !blocked.has(op.hlc)), waiting: ops.filter((op) => blocked.has(op.hlc)) };
};

const mergeDocument = (kind: string, id: string, ops: Op[]): MergedDoc => {
  const root: Node = { ops: [], children: new Map() };
  const supersededBy = new Map<string, string[]>();
  for (const op of ops) {
    let node = root;
    for (const segment of op.path) {
      let child = node.children.get(segment);
      if (!child) node.children.set(segment, (child = { ops: [], children: new Map() }));
      node = child;
    }
    node.ops.push(op);
    for (const replaced of op.base) supersededBy.set(replaced, [...(supersededBy.get(replaced) ?? []), op.hlc]);
  }
  const sortNode = (node: Node): void => {
    node.ops.sort(byNewest);
    node.children.forEach(sortNode);
  };
  sortNode(root);

  /** An op is current unless an op outside `ignoring` replaced it. */
  const isLive = (op: Op, ignoring: ReadonlySet<string>): boolean =>
    (supersededBy.get(op.hlc) ?? []).every((hlc) => ignoring.has(hlc));
  const liveBelow = (node: Node, ignoring: ReadonlySet<string>, out: Op[] = []): Op[] => {
    for (const child of node.children.values()) {
      for (const op of child.ops) if (isLive(op, ignoring)) out.push(op);
      liveBelow(child, ignoring, out);
    }
    return out;
  };

  const conflicts: Conflict[] = [];

  const build = (node: Node, path: string[], ignoring: ReadonlySet<string>, record: boolean): Built => {
    const heads = node.ops.filter((op) => isLive(op, ignoring));
    const below = liveBelow(node, ignoring);
    if (heads.length === 0) return below.length === 0 ? ABSENT : container(node, path, ignoring, record, []);

    type Candidate = { hlc: string; shape: string; deleted?: true; value?: unknown; build?: (record: boolean) => Built };
    const candidates: Candidate[] = [];
    const listHeads = heads.filter((op) => op.op === 'list');
    const containerHeads = heads.filter((op) => op.op === 'add' || op.op === 'list');
    for (const op of heads) {
      if (op.op === 'set') candidates.push({ hlc: op.hlc, shape: `v${canonicalJson(op.value)}`, value: op.value });
      else if (op.op === 'del') candidates.push({ hlc: op.hlc, shape: 'd', deleted: true });
    }
    if (containerHeads.length > 0) {
      candidates.push({ hlc: containerHeads[0].hlc, shape: 'c', build: (r) => container(node, path, ignoring, r, listHeads) });
    } else if (below.length > 0) {
      // Edits below a place that was replaced or deleted without seeing them.
      const newest = [...below].sort(byNewest)[0];
      const past = new Set([...ignoring, ...heads.map((op) => op.hlc)]);
      candidates.push({ hlc: newest.hlc, shape: 'c', build: (r) => container(node, path, past, r, []) });
    }
    candidates.sort((a, b) => compareHlc(b.hlc, a.hlc));
    if (STAMP_FIELDS.has(path[path.length - 1] ?? '') && candidates.every((c) => typeof c.value === 'string')) {
      // A save's own time stamp is bookkeeping, not a teammate's choice: the latest wins, no conflict.
      return { present: true, value: candidates.map((c) => c.value as string).sort().at(-1) };
    }
    const shown = candidates.find((c) => !c.deleted);
    let result: Built = ABSENT;
    if (shown) result = shown.build ? shown.build(record) : { present: true, value: shown.value };

    const shapes = new Set(candidates.map((c) => c.shape));
    if (record && shapes.size > 1) {
      conflicts.push({
        kind,
        id,
        path,
        reason: shapes.has('d') && shapes.has('c') ? 'deleted-and-edited' : 'value',
        candidates: candidates.map((c) => {
          const device = deviceOf(c.hlc);
          if (c.deleted) return { deleted: true, device, hlc: c.hlc };
          const built = c === shown ? result : c.build ? c.build(false) : { present: true, value: c.value };
          return { value: built.present ? built.value : undefined, device, hlc: c.hlc };
        }),
      });
    }
    return result;
  };

  const container = (node: Node, path: string[], ignoring: ReadonlySet<string>, record: boolean, listHeads: Op[]): Built => {
    const present = new Map<string, unknown>();
    for (const segment of [...node.children.keys()].sort()) {
      const built = build(node.children.get(segment) as Node, [...path, segment], ignoring, record);
      if (built.present) present.set(segment, built.value);
    }
    const noHeads = node.ops.every((op) => !isLive(op, ignoring));
    const segments = [...node.children.keys()];
    const isList = listHeads.length > 0 || (noHeads && segments.length > 0 && segments.every(isElementSegment));
    if (!isList) {
      const value: Record<string, unknown> = {};
      const last = path[path.length - 1];
      if (last !== undefined && isElementSegment(last)) value.id = last.slice(1);
      for (const [segment, child] of present) if (!isElementSegment(segment)) value[unescapeKey(segment)] = child;
      return { present: true, value };
    }
    const members = new Map<string, unknown>();
    for (const [segment, child] of present) {
      if (isElementSegment(segment)) members.set(segment.slice(1), isRecord(child) ? { id: segment.slice(1), ...child } : child);
    }
    const orders = listHeads.map((op) => (op.value as string[]).filter((member) => members.has(member)));
    if (record && orders.length > 1 && disagree(orders)) {
      conflicts.push({
        kind,
        id,
        path,
        reason: 'order',
        candidates: listHeads.map((op, i) => ({ value: orders[i], device: deviceOf(op.hlc), hlc: op.hlc })),
      });
    }
    return { present: true, value: mergeOrder(orders, [...members.keys()]).map((member) => members.get(member)) };
  };

  const root_ = build(root, [], new Set(), true);
  const find = (path: readonly string[]): Node | undefined => {
    let node: Node | undefined = root;
    for (const segment of path) node = node?.children.get(segment);
    return node;
  };
  const none: ReadonlySet<string> = new Set();
  return {
    kind,
    id,
    value: root_.present && isRecord(root_.value) ? root_.value : null,
    conflicts,
    heads: (path) => (find(path)?.ops ?? []).filter((op) => isLive(op, none)).map((op) => op.hlc),
    within: (path) => {
      const node = find(path);
      if (!node) return [];
      return [...node.ops.filter((op) => isLive(op, none)), ...liveBelow(node, none)].map((op) => op.hlc);
    },
  };
};

/** Two orders that put two shared members the other way round: a real reordering conflict. */
const disagree = (orders: string[][]): boolean => {
  for (let i = 1; i < orders.length; i++) {
    const other = new Set(orders[i]);
    const first = orders[0].filter((member) => other.has(member));
    const mine = new Set(first);
    const second = orders[i].filter((member) => mine.has(member));
    if (first.some((member, k) => member !== second[k])) return true;
  }
  return false;
};

/**
 * The newest order first; a member it does not know (added concurrently elsewhere) goes
 * after its predecessor in the order that knows it, so two devices' inserts both land
 * where their authors put them. Members no order names come last, by id.
 */
export const mergeOrder = (orders: string[][], members: string[]): string[] => {
  const placed: string[] = [];
  for (const order of orders) {
    order.forEach((member, i) => {
      if (placed.includes(member)) return;
      const before = order.slice(0, i).reverse().find((m) => placed.includes(m));
      const after = order.slice(i + 1).find((m) => placed.includes(m));
      const at = before !== undefined ? placed.indexOf(before) + 1 : after !== undefined ? placed.indexOf(after) : placed.length;
      placed.splice(at, 0, member);
    });
  }
  const rest = members.filter((member) => !placed.includes(member)).sort();
  return [...placed, ...rest];
};

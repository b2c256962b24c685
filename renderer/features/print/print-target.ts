import { matchPath } from 'react-router';

/**
 * What "Print" (Ctrl/Cmd+P, File → Print…, a screen's Print button) does where the user
 * is: the screens with a printable document open its print view, which prints itself
 * once it has its data; a print view prints at once; any other screen prints as it is,
 * through the print stylesheet (no menus, no buttons).
 */
export type PrintTarget = { kind: 'print-now' } | { kind: 'open'; path: string };

/** The print view of a design; `doc` chooses the lesson plan or the observer packet. */
export const designPrintPath = (designId: string, options: { doc?: 'plan' | 'packet'; version?: string | null; auto?: boolean } = {}): string => {
  const search = new URLSearchParams({ doc: options.doc ?? 'plan' });
  if (options.version) search.set('version', options.version);
  if (options.auto) search.set('auto', '1');
  return `/print/designs/${encodeURIComponent(designId)}?${search.toString()}`;
};

export const seatingPrintPath = (groupId: string, auto = false): string => `/print/groups/${encodeURIComponent(groupId)}/seating${auto ? '?auto=1' : ''}`;

/** The observer packet of the version a cycle teaches. */
export const cyclePacketPath = (cycleId: string, auto = false): string => `/print/cycles/${encodeURIComponent(cycleId)}${auto ? '?auto=1' : ''}`;

export const printTarget = (pathname: string, search: string): PrintTarget => {
  if (pathname.startsWith('/print/')) return { kind: 'print-now' };
  const design = matchPath('/designs/:designId', pathname);
  if (design?.params.designId) {
    return { kind: 'open', path: designPrintPath(design.params.designId, { version: new URLSearchParams(search).get('version'), auto: true }) };
  }
  const seating = matchPath('/groups/:groupId/seating', pathname);
  if (seating?.params.groupId) return { kind: 'open', path: seatingPrintPath(seating.params.groupId, true) };
  const observe = matchPath({ path: '/cycles/:cycleId/observe', end: false }, pathname);
  if (observe?.params.cycleId) return { kind: 'open', path: cyclePacketPath(observe.params.cycleId, true) };
  return { kind: 'print-now' };
};

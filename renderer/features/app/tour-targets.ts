/**
 * What each step of the tour points at: the first of these that is on screen now. The
 * tour runs over whatever screen is open, so each step names the control on every screen
 * where it appears (the start screen, a group, a cycle); where none is, the step says
 * where to find it instead.
 */
export const tourTargets = {
  group: ['[data-tour="new-group"]', '[role="tab"][id$="-trigger-overview"]'],
  plan: ['[role="tab"][id$="-trigger-designs"]', 'a[href*="/phase/plan"]'],
  observe: ['a[href*="/phase/observe"]', 'a[href$="/observe"]'],
  analyze: ['a[href*="/phase/analyze"]', 'a[href$="/discussion"]'],
  revise: ['a[href*="/phase/revise"]', 'a[href$="/report"]'],
} as const;

export type TourStep = keyof typeof tourTargets;

const shown = (element: Element): boolean => {
  const box = element.getBoundingClientRect();
  return box.width > 0 && box.height > 0 && getComputedStyle(element).visibility !== 'hidden';
};

/** The control a step points at, if one is on screen; never an element inside the tour itself. */
export const findTourTarget = (step: TourStep, root: ParentNode = document): HTMLElement | null => {
  for (const selector of tourTargets[step]) {
    const found = [...root.querySelectorAll<HTMLElement>(selector)].find((element) => !element.closest('.tour') && shown(element));
    if (found) return found;
  }
  return null;
};

export interface Placement {
  top: number;
  left: number;
  /** Where the arrow sits along the tour's top or bottom edge, in pixels from its left. */
  arrow: number;
  side: 'below' | 'above';
}

/**
 * The tour box beside its target: below it when there is room, else above, kept inside
 * the window; the arrow points at the target's middle.
 */
export const placeBeside = (
  target: { top: number; bottom: number; left: number; width: number },
  box: { width: number; height: number },
  view: { width: number; height: number },
  gap = 14,
  edge = 12,
): Placement => {
  const side = target.bottom + gap + box.height <= view.height - edge || target.top - gap - box.height < edge ? 'below' : 'above';
  const top = side === 'below' ? target.bottom + gap : target.top - gap - box.height;
  const middle = target.left + target.width / 2;
  const left = Math.min(Math.max(edge, middle - box.width / 2), Math.max(edge, view.width - box.width - edge));
  const arrow = Math.min(Math.max(16, middle - left), box.width - 16);
  return { top: Math.max(edge, top), left, arrow, side };
};

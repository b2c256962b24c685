import type { Code } from './group';

/** Codes a new group starts with; groups add, rename, colour and retire their own. */
export const defaultCodeLabels: ReadonlyArray<{ label: string; color: string; rubric?: string }> = [
  { label: 'Student strategy', color: '#2563eb' },
  { label: 'Misconception', color: '#dc2626' },
  { label: 'Question', color: '#7c3aed' },
  { label: 'Discourse', color: '#059669' },
  { label: 'Engagement', color: '#d97706' },
  { label: 'Use of materials', color: '#0891b2' },
  // A ready rubric for mathematical argument.
  { label: 'Claim', color: '#1d4ed8', rubric: 'Mathematical argument' },
  { label: 'Evidence', color: '#047857', rubric: 'Mathematical argument' },
  { label: 'Justification', color: '#b45309', rubric: 'Mathematical argument' },
  { label: 'Rationale', color: '#9333ea', rubric: 'Mathematical argument' },
  { label: 'Conjecture', color: '#be123c', rubric: 'Mathematical argument' },
];

export const defaultCodebook = (newId: () => string): Code[] =>
  defaultCodeLabels.map((code) => ({ id: newId(), retired: false, ...code }));

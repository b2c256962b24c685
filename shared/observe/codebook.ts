import type { Code } from '../domain/group';

/**
 * Changes to a group's codebook. Codes are never deleted: a retired code stays on the
 * notes that carry it and is only hidden from new notes.
 */

export const activeCodes = (codebook: readonly Code[]): Code[] => codebook.filter((code) => !code.retired);

const sameLabel = (a: string, b: string) => a.trim().toLocaleLowerCase() === b.trim().toLocaleLowerCase();

export class CodebookError extends Error {}

export const addCode = (
  codebook: readonly Code[],
  fields: { id: string; label: string; color: string; rubric?: string },
): Code[] => {
  const label = fields.label.trim();
  if (!label) throw new CodebookError('A code needs a label.');
  if (codebook.some((code) => !code.retired && sameLabel(code.label, label))) {
    throw new CodebookError(`The codebook already has a code called “${label}”.`);
  }
  const rubric = fields.rubric?.trim();
  return [...codebook, { id: fields.id, label, color: fields.color, retired: false, ...(rubric ? { rubric } : {}) }];
};

export const changeCode = (
  codebook: readonly Code[],
  codeId: string,
  change: { label?: string; color?: string; retired?: boolean },
): Code[] => {
  const code = codebook.find((c) => c.id === codeId);
  if (!code) throw new CodebookError('That code is not in the codebook.');
  const label = change.label?.trim();
  if (label !== undefined) {
    if (!label) throw new CodebookError('A code needs a label.');
    if (codebook.some((c) => c.id !== codeId && !c.retired && sameLabel(c.label, label))) {
      throw new CodebookError(`The codebook already has a code called “${label}”.`);
    }
  }
  return codebook.map((c) =>
    c.id === codeId
      ? {
          ...c,
          ...(label !== undefined ? { label } : {}),
          ...(change.color !== undefined ? { color: change.color } : {}),
          ...(change.retired !== undefined ? { retired: change.retired } : {}),
        }
      : c,
  );
};

/**
 * Moves a code one place earlier or later among the codes in use, which is the order of
 * the capture keys (Alt+1 … Alt+0) and of the buttons. Retired codes keep their place
 * and are stepped over: they have no key.
 */
export const moveCode = (codebook: readonly Code[], codeId: string, direction: 'earlier' | 'later'): Code[] => {
  const from = codebook.findIndex((c) => c.id === codeId);
  if (from < 0) throw new CodebookError('That code is not in the codebook.');
  if (codebook[from].retired) throw new CodebookError('A retired code has no place among the keys; bring it back first.');
  const step = direction === 'earlier' ? -1 : 1;
  let to = from + step;
  while (to >= 0 && to < codebook.length && codebook[to].retired) to += step;
  if (to < 0 || to >= codebook.length) {
    throw new CodebookError(direction === 'earlier' ? `“${codebook[from].label}” is already the first code.` : `“${codebook[from].label}” is already the last code.`);
  }
  const moved = [...codebook];
  [moved[from], moved[to]] = [moved[to], moved[from]];
  return moved;
};

/** The label a note shows for a code id, even for a retired code. */
export const codeLabel = (codebook: readonly Code[], codeId: string): string =>
  codebook.find((c) => c.id === codeId)?.label ?? '?';

/**
 * Colours for the group's own codes, one hue each. A code's colour is the border of its
 * button on the light and the dark surface and, when the code is on, the background under
 * white text: each passes 4.5:1 against white and 3:1 against the dark theme's surface
 * (#1f2320), so the same colour works in both themes.
 */
export const newCodePalette = [
  '#c2410c',
  '#15803d',
  '#7c4dea',
  '#0a7c86',
  '#db2777',
  '#a16207',
  '#3d6fd9',
  '#4d7c0f',
  '#c026d3',
  '#e11d48',
] as const;

/** The colour offered for a new code: the first of the palette no code in use has yet. */
export const nextCodeColor = (codebook: readonly Code[]): string => {
  const used = new Set(activeCodes(codebook).map((code) => code.color.toLowerCase()));
  return newCodePalette.find((color) => !used.has(color)) ?? newCodePalette[codebook.length % newCodePalette.length];
};

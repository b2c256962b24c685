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

/** The label a note shows for a code id, even for a retired code. */
export const codeLabel = (codebook: readonly Code[], codeId: string): string =>
  codebook.find((c) => c.id === codeId)?.label ?? '?';

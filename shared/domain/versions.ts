/**
 * The newest saved version of a design. Zod-free, so the app's start path (the menu's
 * context) can use it without loading the schemas.
 */
export const latestVersion = <V extends { number: number }>(design: { versions: readonly V[] }): V | undefined =>
  design.versions.reduce<V | undefined>((best, v) => (!best || v.number > best.number ? v : best), undefined);

/** A language's messages: one namespace per feature (`locales/<language>/<feature>.json`). */
export type Catalogue = Record<string, Record<string, unknown>>;

/** The namespaces of one language's files, as `import.meta.glob` gives them. */
export const catalogueOf = (files: Record<string, { default: Record<string, unknown> }>): Catalogue => {
  const catalogue: Catalogue = {};
  for (const [file, module] of Object.entries(files)) {
    const match = /\/([\w-]+)\.json$/.exec(file);
    if (match) catalogue[match[1]] = module.default;
  }
  return catalogue;
};

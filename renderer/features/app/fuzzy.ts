/**
 * A small fuzzy matcher for the command palette: every query character must appear in
 * order; contiguous runs and matches at word starts score higher. Works per character,
 * so Japanese titles match too. Returns null when there is no match.
 */
export const fuzzyScore = (query: string, text: string): number | null => {
  const q = query.trim().toLocaleLowerCase();
  if (!q) return 0;
  const t = text.toLocaleLowerCase();
  let score = 0;
  let from = 0;
  let previous = -2;
  for (const char of q) {
    if (char === ' ') continue;
    const at = t.indexOf(char, from);
    if (at === -1) return null;
    score += 1;
    if (at === previous + 1) score += 3;
    if (at === 0 || /[\s\-–·/_(]/.test(t[at - 1] ?? '')) score += 2;
    score -= Math.min(at - from, 5) * 0.1;
    previous = at;
    from = at + 1;
  }
  if (t.includes(q)) score += 5;
  return score;
};

export const fuzzyFilter = <T,>(items: T[], query: string, text: (item: T) => string): T[] =>
  items
    .map((item, index) => ({ item, index, score: fuzzyScore(query, text(item)) }))
    .filter((entry): entry is { item: T; index: number; score: number } => entry.score !== null)
    .sort((a, b) => b.score - a.score || a.index - b.index)
    .map((entry) => entry.item);

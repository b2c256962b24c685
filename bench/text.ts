/**
 * Realistic-length text for generated workspaces: low-inference observation notes,
 * quotes and plan text assembled from fragments by a seeded generator, so the same
 * seed always gives the same workspace.
 */
export const seeded = (seed: number) => {
  let state = seed >>> 0 || 1;
  const next = () => {
    // xorshift32: fast, deterministic, good enough for test data.
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)],
  };
};
export type Rng = ReturnType<typeof seeded>;

const openers = [
  'S3 drew two rectangles of different sizes and said',
  'Pair at table 4 argued about which fraction is bigger;',
  'Kenji pointed to the number line and explained',
  'Several students in group B wrote',
  'Mia erased her first answer after hearing her partner say',
  'When asked "how do you know?", Leo answered',
  'Two students compared strategies:',
  'A student at the back quietly told the teacher',
  'Group 2 used fraction strips and concluded',
  'During the whole-class share, Aya challenged Ben:',
];
const quotes = [
  '"3/4 is bigger because 4 is bigger than 3."',
  '"You have to make the pieces the same size first."',
  '"I cut both into twelfths so I can compare."',
  '"It\'s the same because both are one piece missing."',
  '"I don\'t agree, your wholes aren\'t the same size."',
  '"If I double the top and the bottom it is still the same amount."',
  '"Eighths are smaller pieces so you need more of them."',
  '"I think it\'s 2/5 but I\'m not sure why."',
];
const follows = [
  'then looked at the board and changed the drawing.',
  'No one in the group responded; they moved on to the next problem.',
  'The partner nodded and copied the picture.',
  'She wrote the justification in her notebook using the word "because".',
  'He used his fingers to count the parts twice before answering.',
  'The teacher asked the class whether they agreed; about half raised hands.',
  'This matches the anticipated response in the plan.',
  'This was not anticipated in the plan.',
];

export const noteText = (rng: Rng): string => {
  const parts = [rng.pick(openers), rng.pick(quotes)];
  const extra = rng.int(0, 3);
  for (let i = 0; i < extra; i++) parts.push(rng.pick(follows));
  return parts.join(' ');
};

export const paragraph = (rng: Rng, sentences = 4): string =>
  Array.from({ length: sentences }, () => `${rng.pick(openers)} ${rng.pick(follows)}`).join(' ');

import leven from 'leven';

/** The closest of `choices` to `input`, when it is close enough to be a likely typo. */
export function closest(input: string, choices: readonly string[]): string | undefined {
  const needle = input.toLowerCase();
  let best: { choice: string; distance: number } | undefined;
  for (const choice of choices) {
    const distance = leven(needle, choice.toLowerCase());
    if (!best || distance < best.distance) best = { choice, distance };
  }
  return best && best.distance <= Math.max(2, Math.floor(needle.length / 3)) ? best.choice : undefined;
}

export function didYouMean(input: string, choices: readonly string[]): string {
  const match = closest(input, choices);
  return match ? `; did you mean ${match}?` : '';
}

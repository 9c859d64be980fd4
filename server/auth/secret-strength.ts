// How guessable a secret a person chose is (ORDERLINE_ADMIN_TOKEN: the secrets the server makes
// are 256 random bits and need no check). A length alone lets "kitchen-display-manager-token"
// through, so the estimate counts only what a guesser could not predict: each character adds
// log2(the number of different characters in the secret) bits, unless it
//   - repeats or steps by one from the character before it (aaaa, abcd, 4321),
//   - makes one of the commonest English letter pairs with it (th, er, an…: words), or
//   - ends a stretch of three characters already seen earlier in the secret (repeated parts).
// `openssl rand -base64 32` (44 characters) scores about 150 bits at the least and our own token
// secrets as much; names made of words and digits, as people type them, score well under 128.
// A long enough phrase of uncommon words can still pass: this is an estimate, not a dictionary.

/** The 40 most frequent letter pairs of English text. */
const ENGLISH_PAIRS = new Set('th he in er an re on at en nd ti es or te of ed is it al ar st to nt ng se ha as ou io le ve co me de hi ri ro ic ne ea ra ce'.split(' '));

const MIN_CHOSEN_SECRET = { length: 32, bits: 128 } as const;

/** Bits of randomness in `secret`, as a guesser who knows these habits would find them. */
export function estimatedBits(secret: string): number {
  const chars = [...secret.toLowerCase()];
  const original = [...secret];
  const perCharacter = Math.log2(new Set(original).size);
  let bits = 0;
  for (let i = 0; i < chars.length; i++) {
    const step = i === 0 ? Infinity : Math.abs(original[i]!.codePointAt(0)! - original[i - 1]!.codePointAt(0)!);
    const pair = i > 0 && ENGLISH_PAIRS.has(chars[i - 1]! + chars[i]!);
    const seen = i >= 2 && chars.slice(0, i - 1).join('').includes(chars.slice(i - 2, i + 1).join(''));
    if (step > 1 && !pair && !seen) bits += perCharacter;
  }
  return bits;
}

/** What is wrong with a chosen secret, in words; undefined when it is strong enough. */
export function chosenSecretProblem(secret: string): string | undefined {
  const length = [...secret].length;
  const bits = Math.floor(estimatedBits(secret));
  if (length >= MIN_CHOSEN_SECRET.length && bits >= MIN_CHOSEN_SECRET.bits) return undefined;
  return (
    `is too easy to guess: ${length} characters with about ${bits} bits of randomness, where at least ` +
    `${MIN_CHOSEN_SECRET.length} characters and ${MIN_CHOSEN_SECRET.bits} bits are needed (words, repeats and sequences count for little)`
  );
}

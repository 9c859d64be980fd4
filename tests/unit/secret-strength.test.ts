// Which made-up manager tokens are random enough: what openssl and our own secrets make always
// is; names, words, repeats and sequences as people type them are not.
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { chosenSecretProblem, estimatedBits } from '../../server/auth/secret-strength.ts';
import { newTokenSecret } from '../../server/auth/tokens.ts';

describe('a chosen secret', () => {
  it('from openssl rand -base64 32, openssl rand -hex 32 or our own token secrets is accepted, every time', () => {
    for (let i = 0; i < 2_000; i++) {
      for (const secret of [randomBytes(32).toString('base64'), randomBytes(32).toString('hex'), newTokenSecret()]) {
        expect(chosenSecretProblem(secret), secret).toBeUndefined();
      }
    }
  });

  it.each([
    'chain-deploy-token-0123456789abcdef',
    'kitchen-display-restart-manager-token',
    'MyRestaurantAdminToken2024!!MyRestaurant',
    'correct-horse-battery-staple-orderline',
    'a'.repeat(64),
    '0123456789abcdef0123456789abcdef',
    'abcabcabcabcabcabcabcabcabcabcabcabc',
    'Tr0ub4dor&3-Tr0ub4dor&3-Tr0ub4dor&3',
  ])('made of words, repeats or sequences is refused: %s', (secret) => {
    expect(estimatedBits(secret)).toBeLessThan(128);
    expect(chosenSecretProblem(secret)).toMatch(/^is too easy to guess: \d+ characters with about \d+ bits of randomness/);
  });

  it('shorter than 32 characters is refused however random', () => {
    const secret = randomBytes(22).toString('base64url'); // 30 characters
    expect(chosenSecretProblem(secret)).toContain('is too easy to guess: 30 characters');
  });

  it('says what it has and what it needs', () => {
    expect(chosenSecretProblem('aaaaaaaa')).toBe(
      'is too easy to guess: 8 characters with about 0 bits of randomness, where at least 32 characters and 128 bits are needed (words, repeats and sequences count for little)',
    );
  });
});

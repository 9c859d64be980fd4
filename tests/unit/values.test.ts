// Values typed on the command line: durations (`orders wait --timeout`, `simulate --duration`).
import { describe, expect, it } from 'vitest';
import { parseDuration } from '../../cli/values.ts';

describe('a duration', () => {
  it('is a number of seconds when bare, and takes units otherwise', () => {
    expect(['5', '1.5', '.5', '90s', '500ms', '10m', '1h'].map((text) => parseDuration(text, '--timeout'))).toEqual([5000, 1500, 500, 90_000, 500, 600_000, 3_600_000]);
  });

  it('is refused when not positive or not a duration, saying what is wanted', () => {
    for (const text of ['-5', '-1s', '0', 'soon', '']) {
      expect(() => parseDuration(text, '--timeout'), text).toThrow(`--timeout must be a positive duration such as 30s, 10m or 1h (a bare number is seconds), got "${text}"`);
    }
  });
});

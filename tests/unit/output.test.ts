import { describe, expect, it } from 'vitest';
import { moment, time } from '../../cli/output.ts';

describe('moments in tables', () => {
  const now = new Date(2026, 10, 30, 18, 0).getTime();

  it('a moment today is its time of day', () => {
    const at = new Date(2026, 10, 30, 9, 5).toISOString();
    expect(moment(at, now)).toBe(time(at));
  });

  it('a moment on another day says the day too, so a token idle for weeks does not look used today', () => {
    const at = new Date(2026, 10, 3, 9, 5).toISOString();
    expect(moment(at, now)).toMatch(/^Nov 3, /);
    expect(moment(at, now).endsWith(time(at))).toBe(true);
  });
});

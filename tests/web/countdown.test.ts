import { describe, expect, it } from 'vitest';
import { estimate, formatRemaining, latenessMessage, slipNews } from '../../web-tracker/src/order/countdown.ts';
import { minutesAfterPlacing, orderAt, PLACED_AT } from './fixtures.ts';

const SECOND = 1000;
const MINUTE = 60 * SECOND;

describe('the countdown to the estimated ready time', () => {
  it('reads minutes and seconds, and hours once there are any', () => {
    expect(formatRemaining(9 * MINUTE + 5 * SECOND)).toBe('9:05');
    expect(formatRemaining(59 * MINUTE + 59 * SECOND)).toBe('59:59');
    expect(formatRemaining(62 * MINUTE + 3 * SECOND)).toBe('1:02:03');
  });

  it('rounds up, so it reads 0:01 in the last second and 0:00 only when the time has come', () => {
    expect(formatRemaining(400)).toBe('0:01');
    expect(formatRemaining(0)).toBe('0:00');
    expect(formatRemaining(-5 * SECOND)).toBe('0:00');
  });

  it('counts down to the server’s estimate while the kitchen has the order', () => {
    const order = orderAt('PREPARING', 'TAKEOUT', { estimatedReadyAt: minutesAfterPlacing(12) });
    expect(estimate(order, PLACED_AT + 2 * MINUTE)).toEqual({ kind: 'counting', readyAt: minutesAfterPlacing(12), remaining: '10:00' });
    expect(estimate(order, PLACED_AT + 12 * MINUTE - 1)).toMatchObject({ kind: 'counting', remaining: '0:01' });
  });

  it('reaching zero turns the countdown into “due”, not negative time', () => {
    const order = orderAt('PREPARING', 'TAKEOUT', { estimatedReadyAt: minutesAfterPlacing(12) });
    expect(estimate(order, PLACED_AT + 12 * MINUTE)).toEqual({ kind: 'due', readyAt: minutesAfterPlacing(12) });
    expect(estimate(order, PLACED_AT + 20 * MINUTE).kind).toBe('due');
  });

  it('shows nothing once the order is ready, or when it was cancelled', () => {
    expect(estimate(orderAt('READY'), PLACED_AT).kind).toBe('none');
    expect(estimate(orderAt('COMPLETED'), PLACED_AT).kind).toBe('none');
    expect(estimate(orderAt('CANCELLED'), PLACED_AT).kind).toBe('none');
  });
});

describe('lateness', () => {
  it('says how late the estimate runs, from the server’s minutesLate', () => {
    expect(latenessMessage(orderAt('PREPARING', 'TAKEOUT', { minutesLate: 6 }))).toBe('Running about 6 minutes late');
    expect(latenessMessage(orderAt('CONFIRMED', 'TAKEOUT', { minutesLate: 1 }))).toBe('Running about 1 minute late');
  });

  it('says nothing while on time, or once the order has left the kitchen', () => {
    expect(latenessMessage(orderAt('PREPARING', 'TAKEOUT', { minutesLate: 0 }))).toBeNull();
    expect(latenessMessage(orderAt('READY', 'TAKEOUT', { minutesLate: 4 }))).toBeNull();
  });

  it('tells a slip of three minutes or more once, with the new time, and lets a minute here and there pass on screen', () => {
    const at = (minutesLate: number, status: Parameters<typeof orderAt>[0] = 'PREPARING') =>
      orderAt(status, 'TAKEOUT', { minutesLate, estimatedReadyAt: minutesAfterPlacing(15 + minutesLate) });
    const time = (late: number) => new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' }).format(Date.parse(minutesAfterPlacing(15 + late)));
    expect(slipNews(at(2), 0)).toEqual({ told: 0, message: null });
    expect(slipNews(at(4), 0)).toEqual({ told: 4, message: `Order 7 is running about 4 minutes late. New estimate ${time(4)}.` });
    expect(slipNews(at(6), 4)).toEqual({ told: 4, message: null });
    expect(slipNews(at(7), 4).message).toMatch(/^Order 7 is running about 7 minutes late\./);
    // Back on time: the next slip is counted from there.
    expect(slipNews(at(1), 7)).toEqual({ told: 1, message: null });
    // Out of the kitchen, lateness is no longer news.
    expect(slipNews(at(9, 'READY'), 0)).toEqual({ told: 0, message: null });
  });
});

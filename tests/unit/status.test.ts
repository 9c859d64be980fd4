import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { orderSteps } from '../../server/domain/steps.ts';
import { ORDER_STATUSES, ORDER_TYPES, checkTransition, isFinal, nextStatus, stepsFor, type OrderStatus } from '../../shared/lifecycle.ts';
import { isAllowedHistory } from '../support/lifecycle-model.ts';

const anyType = fc.constantFrom(...ORDER_TYPES);
const anyStatus = fc.constantFrom(...ORDER_STATUSES);
/** A kitchen's or manager's action: a bump, or an explicit status (legal or not). */
const anyAction = fc.oneof(fc.constant({ kind: 'advance' as const }), anyStatus.map((to) => ({ kind: 'set' as const, to })));

/** Applies actions the way the order service does: refused changes leave the order as it was. */
function run(type: (typeof ORDER_TYPES)[number], actions: { kind: 'advance' | 'set'; to?: OrderStatus }[]) {
  const history: OrderStatus[] = ['PENDING'];
  for (const action of actions) {
    const from = history.at(-1)!;
    const to = action.kind === 'advance' ? nextStatus(type, from) : action.to!;
    if (to === null) continue;
    const check = checkTransition(type, from, to);
    if (check.ok && !check.noop) history.push(to);
  }
  return history;
}

describe('order lifecycle', () => {
  it('a dine-in order walks PENDING to COMPLETED one bump at a time', () => {
    const seen: OrderStatus[] = ['PENDING'];
    for (let s = nextStatus('DINE_IN', 'PENDING'); s; s = nextStatus('DINE_IN', s)) seen.push(s);
    expect(seen).toEqual(['PENDING', 'CONFIRMED', 'PREPARING', 'READY', 'COMPLETED']);
  });

  it('delivery orders go out for delivery before they complete', () => {
    expect(nextStatus('DELIVERY', 'READY')).toBe('OUT_FOR_DELIVERY');
    expect(checkTransition('DELIVERY', 'READY', 'COMPLETED')).toEqual({
      ok: false,
      reason: 'READY can only move to OUT_FOR_DELIVERY (or CANCELLED), not COMPLETED',
    });
    expect(checkTransition('TAKEOUT', 'READY', 'OUT_FOR_DELIVERY')).toEqual({
      ok: false,
      reason: 'takeout orders never go OUT_FOR_DELIVERY',
    });
  });

  it('setting the status an order already has is a no-op, even when final', () => {
    expect(checkTransition('TAKEOUT', 'PREPARING', 'PREPARING')).toEqual({ ok: true, noop: true });
    expect(checkTransition('TAKEOUT', 'CANCELLED', 'CANCELLED')).toEqual({ ok: true, noop: true });
  });

  it('no sequence of actions reaches a status outside the order type’s path', () => {
    fc.assert(
      fc.property(anyType, fc.array(anyAction, { maxLength: 30 }), (type, actions) => {
        const allowed = new Set<OrderStatus>([...stepsFor(type), 'CANCELLED']);
        for (const status of run(type, actions)) expect(allowed.has(status)).toBe(true);
      }),
    );
  });

  it('every history produced by any actions is one the lifecycle, written out by hand, allows', () => {
    fc.assert(
      fc.property(anyType, fc.array(anyAction, { maxLength: 30 }), (type, actions) => {
        expect(isAllowedHistory(type, run(type, actions))).toBe(true);
      }),
    );
  });

  it('every allowed step is accepted: walking a whole path, or cancelling on the way, is never refused', () => {
    fc.assert(
      fc.property(anyType, fc.nat(6), fc.boolean(), (type, steps, cancel) => {
        const path = stepsFor(type).slice(0, steps + 1);
        const history = cancel && path.at(-1) !== 'COMPLETED' ? [...path, 'CANCELLED' as const] : path;
        expect(isAllowedHistory(type, history)).toBe(true);
        for (let i = 1; i < history.length; i++) expect(checkTransition(type, history[i - 1]!, history[i]!)).toEqual({ ok: true, noop: false });
      }),
    );
  });

  it('final statuses never change', () => {
    fc.assert(
      fc.property(anyType, fc.array(anyAction, { maxLength: 30 }), (type, actions) => {
        const history = run(type, actions);
        const firstFinal = history.findIndex(isFinal);
        if (firstFinal >= 0) expect(firstFinal).toBe(history.length - 1);
      }),
    );
  });

  it('cancellation is possible from every non-final status and from no final one', () => {
    fc.assert(
      fc.property(anyType, anyStatus, (type, from) => {
        const check = checkTransition(type, from, 'CANCELLED');
        expect(check.ok && !check.noop).toBe(!isFinal(from));
      }),
    );
  });

  it('refusals always explain themselves', () => {
    fc.assert(
      fc.property(anyType, anyStatus, anyStatus, (type, from, to) => {
        const check = checkTransition(type, from, to);
        if (!check.ok) expect(check.reason).toMatch(/\w{3,}/);
      }),
    );
  });

  it('the hand-written model refuses what the lifecycle forbids (so the properties above can fail)', () => {
    expect(isAllowedHistory('TAKEOUT', ['PENDING', 'CONFIRMED', 'PREPARING'])).toBe(true);
    expect(isAllowedHistory('TAKEOUT', ['PENDING', 'PREPARING'])).toBe(false);
    expect(isAllowedHistory('TAKEOUT', ['CONFIRMED'])).toBe(false);
    expect(isAllowedHistory('TAKEOUT', [])).toBe(false);
    expect(isAllowedHistory('TAKEOUT', ['PENDING', 'CANCELLED', 'CONFIRMED'])).toBe(false);
    expect(isAllowedHistory('TAKEOUT', ['PENDING', 'CONFIRMED', 'PREPARING', 'READY', 'OUT_FOR_DELIVERY'])).toBe(false);
    expect(isAllowedHistory('DELIVERY', ['PENDING', 'CONFIRMED', 'PREPARING', 'READY', 'OUT_FOR_DELIVERY', 'COMPLETED', 'CANCELLED'])).toBe(false);
  });

  it('refuses a skipped step, a step back and a step after the end', () => {
    expect(checkTransition('TAKEOUT', 'PENDING', 'PREPARING')).toMatchObject({ ok: false });
    expect(checkTransition('TAKEOUT', 'READY', 'CONFIRMED')).toMatchObject({ ok: false });
    expect(checkTransition('TAKEOUT', 'CANCELLED', 'CONFIRMED')).toMatchObject({ ok: false });
    expect(checkTransition('DELIVERY', 'COMPLETED', 'CANCELLED')).toMatchObject({ ok: false });
  });
});

describe('order steps for the tracker', () => {
  const at = (minute: number) => new Date(Date.UTC(2026, 10, 25, 12, minute));
  /** When the order reached each status: the minute given, or never. */
  const reached = (minutes: Partial<Record<OrderStatus, number>>) => (status: OrderStatus) =>
    minutes[status] === undefined ? null : at(minutes[status]);

  it('marks the steps before the current one done and the rest upcoming', () => {
    const steps = orderSteps('DELIVERY', 'PREPARING', reached({ PENDING: 0, CONFIRMED: 1, PREPARING: 3 }));
    expect(steps.map((s) => [s.status, s.state])).toEqual([
      ['PENDING', 'DONE'],
      ['CONFIRMED', 'DONE'],
      ['PREPARING', 'CURRENT'],
      ['READY', 'UPCOMING'],
      ['OUT_FOR_DELIVERY', 'UPCOMING'],
      ['COMPLETED', 'UPCOMING'],
    ]);
    expect(steps[2]!.reachedAt).toEqual(at(3));
  });

  it('a completed order has every step done', () => {
    const steps = orderSteps('TAKEOUT', 'COMPLETED', reached({ PENDING: 0, COMPLETED: 20 }));
    expect(steps.every((s) => s.state === 'DONE')).toBe(true);
  });

  it('a cancelled order keeps what it reached and has no current step', () => {
    const steps = orderSteps('TAKEOUT', 'CANCELLED', reached({ PENDING: 0, CONFIRMED: 1, CANCELLED: 2 }));
    expect(steps.map((s) => s.state)).toEqual(['DONE', 'DONE', 'UPCOMING', 'UPCOMING', 'UPCOMING']);
  });
});

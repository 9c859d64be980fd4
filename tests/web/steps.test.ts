import { describe, expect, it } from 'vitest';
import { cancellationMessage, statusHeadline } from '../../web-tracker/src/order/status-copy.ts';
import { stepLabel, stepViews } from '../../web-tracker/src/order/steps.ts';
import { orderAt } from './fixtures.ts';

describe('the steps a customer sees', () => {
  it('follows the path of the order type, ending in picked up, delivered or served', () => {
    const labels = (type: 'TAKEOUT' | 'DELIVERY' | 'DINE_IN') => stepViews(orderAt('PENDING', type)).map((step) => step.label);
    expect(labels('TAKEOUT')).toEqual(['Placed', 'Confirmed', 'Preparing', 'Ready for pickup', 'Picked up']);
    expect(labels('DELIVERY')).toEqual(['Placed', 'Confirmed', 'Preparing', 'Ready', 'Out for delivery', 'Delivered']);
    expect(labels('DINE_IN')).toEqual(['Placed', 'Confirmed', 'Preparing', 'Ready', 'Served']);
  });

  it('marks the current step by a word and an icon, distinct from done and upcoming ones', () => {
    const steps = stepViews(orderAt('PREPARING'));
    expect(steps.map((step) => [step.label, step.mark, step.stateText, step.icon])).toEqual([
      ['Placed', 'done', 'Done', '✓'],
      ['Confirmed', 'done', 'Done', '✓'],
      ['Preparing', 'current', 'Now', '●'],
      ['Ready for pickup', 'upcoming', 'To come', '○'],
      ['Picked up', 'upcoming', 'To come', '○'],
    ]);
    expect(steps.filter((step) => step.mark === 'current')).toHaveLength(1);
  });

  it('gives each reached step the time it was reached, and none to steps still to come', () => {
    const steps = stepViews(orderAt('CONFIRMED'));
    expect(steps.map((step) => step.reachedAt)).toEqual(['2026-11-25T12:00:00.000Z', '2026-11-25T12:01:00.000Z', null, null, null]);
  });

  it('a completed order has every step done and none current', () => {
    const steps = stepViews(orderAt('COMPLETED', 'DELIVERY'));
    expect(steps.every((step) => step.mark === 'done')).toBe(true);
    expect(steps.at(-1)?.label).toBe('Delivered');
  });

  it('a cancelled order keeps the steps it reached, ends with the cancellation, and drops what will not happen', () => {
    const steps = stepViews(orderAt('CANCELLED', 'TAKEOUT', { cancelledAfter: 'PREPARING' }));
    expect(steps.map((step) => [step.label, step.stateText, step.icon])).toEqual([
      ['Placed', 'Done', '✓'],
      ['Confirmed', 'Done', '✓'],
      ['Preparing', 'Done', '✓'],
      ['Cancelled', 'Cancelled', '✕'],
    ]);
    expect(steps.at(-1)?.reachedAt).toBe('2026-11-25T12:03:00.000Z');
  });

  it('labels a status by itself too', () => {
    expect(stepLabel('READY', 'TAKEOUT')).toBe('Ready for pickup');
    expect(stepLabel('READY', 'DELIVERY')).toBe('Ready');
    expect(stepLabel('COMPLETED', 'DINE_IN')).toBe('Served');
  });
});

describe('what the tracker says', () => {
  it('has a friendly line for every status', () => {
    expect(statusHeadline('PREPARING', 'TAKEOUT')).toBe('Your order is being prepared');
    expect(statusHeadline('READY', 'TAKEOUT')).toBe('Ready for pickup!');
    expect(statusHeadline('COMPLETED', 'TAKEOUT')).toBe('Picked up. Enjoy your meal!');
    expect(statusHeadline('OUT_FOR_DELIVERY', 'DELIVERY')).toBe('Out for delivery');
    expect(statusHeadline('COMPLETED', 'DELIVERY')).toBe('Delivered. Enjoy your meal!');
    expect(statusHeadline('COMPLETED', 'DINE_IN')).toBe('Served. Enjoy your meal!');
    expect(statusHeadline('CANCELLED', 'DINE_IN')).toBe('Your order was cancelled');
  });

  it('explains a cancellation plainly, with the time and the restaurant’s reason', () => {
    const message = cancellationMessage(orderAt('CANCELLED'), 'en-GB');
    expect(message).toContain('The restaurant cancelled order 7 at 12:02.');
    expect(message).toContain('“We ran out of dough”');
    expect(cancellationMessage({ ...orderAt('CANCELLED'), cancelReason: '  ' }, 'en-GB')).not.toContain('reason');
  });
});

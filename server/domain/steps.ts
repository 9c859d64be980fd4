// The steps of an order as a customer sees them: what is done, where it is now, what is to come.
import { REACHED_AT, stepsFor, type OrderStatus, type OrderType } from './status.ts';

export type StepState = 'DONE' | 'CURRENT' | 'UPCOMING';

export interface Step {
  status: OrderStatus;
  state: StepState;
  reachedAt: Date | null;
}

export type ReachedTimes = { [K in (typeof REACHED_AT)[OrderStatus]]: Date | null };

/**
 * The path for the order's type with each step's state. A cancelled order keeps the steps it
 * reached as DONE and has no CURRENT step; the cancellation itself is reported apart.
 */
export function orderSteps(type: OrderType, status: OrderStatus, reached: ReachedTimes): Step[] {
  const path = stepsFor(type);
  const at = path.indexOf(status);
  return path.map((step, i) => {
    const reachedAt = reached[REACHED_AT[step]];
    let state: StepState;
    if (status === 'CANCELLED') state = reachedAt ? 'DONE' : 'UPCOMING';
    else if (i < at || (i === at && status === 'COMPLETED')) state = 'DONE';
    else state = i === at ? 'CURRENT' : 'UPCOMING';
    return { status: step, state, reachedAt };
  });
}

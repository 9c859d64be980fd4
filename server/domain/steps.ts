// The steps of an order as a customer sees them: what is done, where it is now, what is to come.
import { stepsFor, type OrderStatus, type OrderType } from '../../shared/lifecycle.ts';

export type StepState = 'DONE' | 'CURRENT' | 'UPCOMING';

export interface Step {
  status: OrderStatus;
  state: StepState;
  reachedAt: Date | null;
}

/**
 * The path for the order's type with each step's state; `reachedAt` tells when the order reached
 * a status, or null. A cancelled order keeps the steps it reached as DONE and has no CURRENT step;
 * the cancellation itself is reported apart.
 */
export function orderSteps(type: OrderType, status: OrderStatus, reachedAt: (status: OrderStatus) => Date | null): Step[] {
  const path = stepsFor(type);
  const at = path.indexOf(status);
  return path.map((step, i) => {
    const reached = reachedAt(step);
    let state: StepState;
    if (status === 'CANCELLED') state = reached ? 'DONE' : 'UPCOMING';
    else if (i < at || (i === at && status === 'COMPLETED')) state = 'DONE';
    else state = i === at ? 'CURRENT' : 'UPCOMING';
    return { status: step, state, reachedAt: reached };
  });
}

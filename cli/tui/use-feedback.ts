import { useEffect, useRef, useState } from 'react';
import { CliError } from '../errors.ts';

/** What an action did, said on the screen's message line. */
export interface Feedback {
  ok: boolean;
  message: string;
}

/** How long a message stays: long enough to read across a kitchen. */
const SHOWN_MS = 6_000;

/**
 * Runs a screen's actions and shows what came of each. An action on an order that already has
 * one on its way is not started (`act` returns false): a double tap must not bump a ticket twice,
 * while bumps of different tickets in quick succession all go.
 */
export function useFeedback() {
  const [feedback, show] = useState<Feedback | null>(null);
  const busy = useRef(new Set<string>());
  // The same, for drawing: a ticket whose change is on its way can say so.
  const [busyIds, setBusyIds] = useState<ReadonlySet<string>>(new Set());
  const renew = () => setBusyIds(new Set(busy.current));
  useEffect(() => {
    if (!feedback) return;
    const clear = setTimeout(() => show(null), SHOWN_MS);
    return () => clearTimeout(clear);
  }, [feedback]);
  const act = (orderId: string, action: () => Promise<Feedback>): boolean => {
    if (busy.current.has(orderId)) return false;
    busy.current.add(orderId);
    renew();
    void action()
      .catch((error: unknown) => ({ ok: false, message: error instanceof CliError ? error.message : String(error) }))
      .then(show)
      .finally(() => {
        busy.current.delete(orderId);
        renew();
      });
    return true;
  };
  return { feedback, act, show, busy: busyIds };
}

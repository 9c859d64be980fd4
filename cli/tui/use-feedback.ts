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
 * Runs a screen's actions one at a time and shows what came of each. A second key press while one
 * is in flight is ignored rather than queued: a double tap must not bump a ticket twice.
 */
export function useFeedback(): [Feedback | null, (action: () => Promise<Feedback>) => void] {
  const [feedback, setFeedback] = useState<Feedback | null>(null);
  const busy = useRef(false);
  useEffect(() => {
    if (!feedback) return;
    const clear = setTimeout(() => setFeedback(null), SHOWN_MS);
    return () => clearTimeout(clear);
  }, [feedback]);
  const act = (action: () => Promise<Feedback>) => {
    if (busy.current) return;
    busy.current = true;
    action()
      .catch((error: unknown) => ({ ok: false, message: error instanceof CliError ? error.message : String(error) }))
      .then(setFeedback)
      .finally(() => {
        busy.current = false;
      });
  };
  return [feedback, act];
}

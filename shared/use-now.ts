// The clock both React clients draw with: the tracker's countdowns and the screens' ticket timers.
import { useEffect, useState } from 'react';

/** The current time, renewed every `everyMs` while the component is shown. */
export function useNow(everyMs = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    // The effect can run well after the first frame (a busy or throttled tab): start from now,
    // at the cost of one more render, rather than count down from a time already gone.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}

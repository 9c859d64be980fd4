import { useEffect, useState } from 'react';

/** The current time, renewed every `everyMs` while the component is shown (countdowns, ticket timers; the terminal screens use it too). */
export function useNow(everyMs = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    // The effect can run well after the first frame (a busy or throttled tab): start from now.
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}

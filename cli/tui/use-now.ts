import { useEffect, useState } from 'react';

/** The time, renewed every second while the screen is up: the ticket timers count with it. */
export function useNow(): number {
  const [now, setNow] = useState(Date.now);
  useEffect(() => {
    const tick = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(tick);
  }, []);
  return now;
}

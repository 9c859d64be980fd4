// Durations as the screens and the tracker write them: a ticket's age, a countdown.

/** Whole seconds as "m:ss", or "h:mm:ss" from an hour; never below 0:00. */
export function clockDuration(seconds: number): string {
  const total = Math.max(0, seconds);
  const hours = Math.floor(total / 3600);
  const mins = Math.floor((total % 3600) / 60);
  const secs = String(total % 60).padStart(2, '0');
  return hours ? `${hours}:${String(mins).padStart(2, '0')}:${secs}` : `${mins}:${secs}`;
}

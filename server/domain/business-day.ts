// Order numbers restart every business day, in the restaurant's own time zone.

/** The calendar date of `at` in `timeZone`, as YYYY-MM-DD. */
export function businessDate(at: Date, timeZone: string): string {
  // en-CA formats dates as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}

// Order numbers restart every business day, in the restaurant's own time zone.

/** One formatter per time zone: making one costs far more than formatting with it, and every placement asks. */
const formats = new Map<string, Intl.DateTimeFormat>();

/** The calendar date of `at` in `timeZone`, as YYYY-MM-DD. */
export function businessDate(at: Date, timeZone: string): string {
  let format = formats.get(timeZone);
  // en-CA formats dates as YYYY-MM-DD.
  if (!format) formats.set(timeZone, (format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' })));
  return format.format(at);
}

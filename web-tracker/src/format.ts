// Times and prices in the customer's own locale. The browser's Intl does the work, so the page
// ships no date or number library.

const timeFormats = new Map<string, Intl.DateTimeFormat>();
const priceFormats = new Map<string, Intl.NumberFormat>();

/** The restaurant's prices are in euros; the schema carries cents and no currency. */
const CURRENCY = 'EUR';

/** hh:mm as the customer's locale writes it ("12:04", "12:04 PM"). */
export function formatTime(at: string | Date, locale?: string): string {
  const key = locale ?? '';
  let format = timeFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit' });
    timeFormats.set(key, format);
  }
  return format.format(typeof at === 'string' ? new Date(at) : at);
}

export function formatPrice(cents: number, locale?: string): string {
  const key = locale ?? '';
  let format = priceFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale, { style: 'currency', currency: CURRENCY });
    priceFormats.set(key, format);
  }
  return format.format(cents / 100);
}

/** "1 minute", "6 minutes". */
export function minutes(count: number): string {
  return `${count} ${count === 1 ? 'minute' : 'minutes'}`;
}

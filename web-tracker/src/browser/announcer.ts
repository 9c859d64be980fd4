// The page's one polite live region. It is in index.html, so it exists from the first paint and
// screen readers are already watching it when the first change comes; React never re-creates it.

export const ANNOUNCER_ID = 'announcer';

function region(): HTMLElement {
  const existing = document.getElementById(ANNOUNCER_ID);
  if (existing) return existing;
  // Only when the page was mounted without index.html (component tests).
  const created = document.createElement('div');
  created.id = ANNOUNCER_ID;
  created.setAttribute('role', 'status');
  created.className = 'visually-hidden';
  document.body.prepend(created);
  return created;
}

/** How long a kept message stays in front of the next one. */
const KEEP_MS = 2_000;
let kept: { message: string; until: number } | null = null;

/**
 * Says `message` once, politely, in place of what was said before. Never moves focus. A `keep`
 * message ("connection restored") is said again in front of a message that follows it at once
 * (the status it brought), since a screen reader may read only the region's last text.
 */
export function announce(message: string, { keep = false } = {}): void {
  const text = kept && Date.now() < kept.until ? `${kept.message} ${message}` : message;
  kept = keep ? { message: text, until: Date.now() + KEEP_MS } : null;
  region().textContent = text;
}

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

/** Says `message` once, politely. Never moves focus. */
export function announce(message: string): void {
  region().textContent = message;
}

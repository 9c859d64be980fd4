// One key per checkout, reused when the customer retries after a network failure, so a retried
// order is never placed twice (the server answers a reused key with the first outcome).

export function newIdempotencyKey(): string {
  // randomUUID exists only in secure contexts; a restaurant may serve the page over plain HTTP on
  // its local network, where getRandomValues still works.
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return `checkout-${Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('')}`;
}

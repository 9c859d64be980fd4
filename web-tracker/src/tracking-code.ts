// Tracking codes as people type them: read exactly as the server reads them.
export { normaliseTrackingCode } from '../../server/domain/tracking-code.ts';

/** The tracker's address for a code. */
export function trackingPath(code: string): string {
  return `/track/${code}`;
}

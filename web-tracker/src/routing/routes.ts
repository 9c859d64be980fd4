// The pages of the tracker and the paths that lead to them. A handful of fixed paths needs no
// router library: the server answers every unknown path with index.html and this decides.
import { normaliseTrackingCode } from '../../../shared/tracking-code.ts';

export type Route =
  | { page: 'home' }
  | { page: 'order' }
  | { page: 'board' }
  /** `code` is canonical, or null when the path holds something that cannot be a code. */
  | { page: 'track'; code: string | null; typed: string }
  | { page: 'not-found' };

export function routeFor(pathname: string): Route {
  const path = pathname.replace(/\/+$/, '') || '/';
  if (path === '/') return { page: 'home' };
  if (path === '/order') return { page: 'order' };
  if (path === '/board') return { page: 'board' };
  const track = /^\/track\/(.+)$/.exec(path);
  if (track) {
    const typed = safeDecode(track[1]!);
    return { page: 'track', code: normaliseTrackingCode(typed), typed };
  }
  return { page: 'not-found' };
}

/** The tracker's address for a code. */
export function trackingPath(code: string): string {
  return `/track/${code}`;
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    // A broken escape such as %E0 is a malformed code, not a crash.
    return segment;
  }
}

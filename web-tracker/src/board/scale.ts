// How large the board's numbers are: as large as the screen allows with every number shown. A
// counter screen is read from across the room and never scrolled, so nothing may fall below the
// fold: with more orders the numbers shrink, with fewer they grow, up to a cap. Pure.

export interface Area {
  width: number;
  height: number;
}

/** A number's box, in ems of its font size: up to four digits with the gap beside and below it. */
const CELL_EM = { width: 3.1, height: 1.35 };
/** Never smaller than this: still legible from a few metres. */
export const SMALLEST_PX = 20;

/** The largest font size (px, capped at `largestPx`) at which `count` numbers fit in `area`. */
export function numberSize(area: Area, count: number, largestPx: number): number {
  const fits = (size: number) => Math.floor(area.width / (CELL_EM.width * size)) * Math.floor(area.height / (CELL_EM.height * size)) >= count;
  let size = Math.max(SMALLEST_PX, largestPx);
  while (size > SMALLEST_PX && !fits(size)) size *= 0.95;
  return Math.max(SMALLEST_PX, Math.floor(size));
}

export interface BoardLayout {
  ready: number;
  preparing: number;
  heading: number;
}

/**
 * Font sizes for a board on a `viewport`-sized screen: Ready takes three fifths of a wide screen
 * and its numbers are twice the size of Preparing's at most, so it is what the eye finds first.
 */
export function boardLayout(viewport: Area, counts: { ready: number; preparing: number }): BoardLayout {
  const wide = viewport.width >= 768;
  const heading = Math.round(Math.min(viewport.height * 0.06, viewport.width * 0.04, 96));
  // What the header, the column titles and the padding leave for the numbers.
  const free = viewport.height - heading * 4.5 - 48;
  const readyArea = wide ? { width: viewport.width * 0.6 - 64, height: free } : { width: viewport.width - 48, height: free * 0.6 };
  const preparingArea = wide ? { width: viewport.width * 0.4 - 64, height: free } : { width: viewport.width - 48, height: free * 0.4 };
  const ready = numberSize(readyArea, counts.ready, viewport.height * 0.2);
  return { ready, preparing: numberSize(preparingArea, counts.preparing, ready / 2), heading };
}

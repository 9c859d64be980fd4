// Where tickets go on the kitchen display, as a pure rule: cards of one width flow down columns
// in working order (the way Fresh KDS and Toast lay out a rail), as many columns as the terminal
// is wide, and a card taller than the room left in a column starts the next one.

export interface Page {
  /** Ticket indexes on this page: [start, end). */
  start: number;
  end: number;
  /** The tickets of each column, top to bottom. */
  columns: number[][];
}

/**
 * Cuts the tickets into pages. `heights` are the cards' heights in lines (each capped at `rows`
 * by the caller); `columns` how many fit side by side; `rows` the lines a column holds.
 */
export function layoutPages(heights: readonly number[], columns: number, rows: number): Page[] {
  const pages: Page[] = [];
  let index = 0;
  while (index < heights.length) {
    const start = index;
    const page: number[][] = [];
    for (let column = 0; column < columns && index < heights.length; column++) {
      const stack: number[] = [];
      let used = 0;
      // The first card of a column always goes in, whatever its height: a page holds at least one.
      while (index < heights.length && (stack.length === 0 || used + heights[index]! <= rows)) {
        used += heights[index]!;
        stack.push(index++);
      }
      page.push(stack);
    }
    pages.push({ start, end: index, columns: page });
  }
  return pages;
}

/** The page showing ticket `index` (the first page for an empty list). */
export function pageHolding(pages: readonly Page[], index: number): Page {
  return pages.find((page) => index >= page.start && index < page.end) ?? pages[0] ?? { start: 0, end: 0, columns: [] };
}

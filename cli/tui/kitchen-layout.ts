// Where tickets go on the kitchen display, as a pure rule: cards of one width, in working order,
// each placed in the column with the most room left (the leftmost of equals), so the first tickets
// run across the top as on a rail and short tickets fill in under long ones; as many columns as
// the terminal is wide. A page ends when the next card fits in no column.

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
    const stacks: number[][] = Array.from({ length: columns }, () => []);
    const used: number[] = Array<number>(columns).fill(0);
    while (index < heights.length) {
      const column = used.indexOf(Math.min(...used));
      // The first card of a page always goes in, whatever its height: a page holds at least one.
      if (index > start && used[column]! + heights[index]! > rows) break;
      used[column]! += heights[index]!;
      stacks[column]!.push(index++);
    }
    pages.push({ start, end: index, columns: stacks.filter((stack) => stack.length) });
  }
  return pages;
}

/** The page showing ticket `index` (the first page for an empty list). */
export function pageHolding(pages: readonly Page[], index: number): Page {
  return pages.find((page) => index >= page.start && index < page.end) ?? pages[0] ?? { start: 0, end: 0, columns: [] };
}

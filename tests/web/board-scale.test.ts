import { describe, expect, it } from 'vitest';
import { boardLayout, numberSize, SMALLEST_PX } from '../../web-tracker/src/board/scale.ts';

describe('the pickup board’s number size', () => {
  it('is as large as allowed while every number fits, and shrinks as orders come in', () => {
    const area = { width: 700, height: 500 };
    const sizes = [1, 4, 12, 30, 60].map((count) => numberSize(area, count, 150));
    expect(sizes[0]).toBe(150);
    for (let i = 1; i < sizes.length; i++) expect(sizes[i]).toBeLessThanOrEqual(sizes[i - 1]!);
    for (const [i, count] of [1, 4, 12, 30, 60].entries()) {
      const size = sizes[i]!;
      const fit = Math.floor(area.width / (3.1 * size)) * Math.floor(area.height / (1.35 * size));
      expect(fit, `${count} numbers at ${size}px`).toBeGreaterThanOrEqual(count);
    }
  });

  it('never goes below a size legible across a room, even when too many to fit', () => {
    expect(numberSize({ width: 300, height: 200 }, 500, 100)).toBe(SMALLEST_PX);
  });

  it('makes Ready the larger column, and grows with the screen', () => {
    const hd = boardLayout({ width: 1280, height: 720 }, { ready: 6, preparing: 6 });
    expect(hd.ready).toBeGreaterThan(hd.preparing);
    const uhd = boardLayout({ width: 3840, height: 2160 }, { ready: 6, preparing: 6 });
    expect(uhd.ready).toBeGreaterThan(hd.ready * 2);
    expect(uhd.heading).toBeGreaterThan(hd.heading);
  });
});

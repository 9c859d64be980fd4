// Customer pages through outages, in a real Chromium: the server SIGKILLed and kept down for 10 s
// then started again on the same port and data, and the browser offline for 45 s, with the kitchen
// moving orders meanwhile. Each page must say plainly that it is not live, keep retrying, and end
// exact and live again without a reload. Skipped with one line without a Chromium binary.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { LONGEST_WAIT_MS } from '../../web-tracker/src/api/retry.ts';
import { advance, browserSuite, CHROMIUM, connection, expectAccessible, headline, LIVE_MS, markDocument, placeOrder, sameDocument, sleep, type Target } from './support/browser.ts';

/** A page back in reach finds the server within the longest retry wait; then it must be exact. */
const CATCH_UP_MS = LONGEST_WAIT_MS + 3_000;

const onBoard = (page: Page, column: 'preparing' | 'ready', number: number) =>
  page.locator(`[data-column="${column}"] li`).getByText(String(number), { exact: true });

describe.skipIf(!CHROMIUM)('customer pages through outages', () => {
  const suite = browserSuite();

  /** The customer's tracker and the counter's board, both live, marked to tell a reload. */
  async function trackerAndBoard(target: Target, code: string): Promise<{ tracker: Page; board: Page }> {
    const tracker = await suite.open(`/track/${code}`, target);
    const board = await suite.open('/board', target, 1280);
    for (const page of [tracker, board]) {
      await connection(page, 'live').waitFor();
      await markDocument(page);
    }
    return { tracker, board };
  }

  it('the server killed and kept down for 10 s: tracker and board say so, then end exact and live without a reload', async () => {
    const first = await suite.serveProcess();
    const order = await placeOrder(first);
    const { tracker, board } = await trackerAndBoard(first, order.trackingCode);
    const sockets: string[] = [];
    tracker.on('websocket', (socket) => sockets.push(socket.url()));

    await first.kill();
    await connection(tracker, 'reconnecting').getByText(/Not live since \d\d:\d\d: reconnecting…/).waitFor({ timeout: LIVE_MS });
    await board.getByRole('alert').getByText('This board is not live').waitFor({ timeout: LIVE_MS });
    await expectAccessible(tracker, 'tracker, reconnecting');
    await expectAccessible(board, 'board, not live');
    await sleep(10_000);
    // Refused, and tried again and again: not one attempt and then silence.
    expect(sockets.length).toBeGreaterThanOrEqual(3);
    expect(await headline(tracker).textContent()).toBe('We’ve received your order');

    // Everything the page announces from here on: the tracker may come back between two of the
    // changes below or after them, so the restoration can be followed by other announcements.
    await tracker.evaluate(() => {
      const region = document.querySelector('#announcer')!;
      const said: string[] = [];
      (window as unknown as { announced: string[] }).announced = said;
      new MutationObserver(() => said.push(region.textContent ?? '')).observe(region, { childList: true, characterData: true, subtree: true });
    });
    const second = await suite.serveProcess({ restartOf: first });
    await advance(second, order.number, 3);
    await headline(tracker).getByText('Ready for pickup!').waitFor({ timeout: CATCH_UP_MS });
    await connection(tracker, 'live').waitFor({ timeout: LIVE_MS });
    await onBoard(board, 'ready', order.number).waitFor({ timeout: CATCH_UP_MS });
    await connection(board, 'live').waitFor({ timeout: LIVE_MS });
    expect(await onBoard(board, 'preparing', order.number).count()).toBe(0);
    expect(await board.getByRole('alert').count()).toBe(0);
    await expect.poll(() => tracker.evaluate(() => (window as unknown as { announced: string[] }).announced.join('\n'))).toMatch(/Connection restored\. The page is up to date\./);
    expect(await sameDocument(tracker)).toBe(true);
    expect(await sameDocument(board)).toBe(true);
  }, 60_000);

  it('the browser offline for 45 s: "offline" within 2 s, then exact and live again once online, without a reload', async () => {
    const api = await suite.server();
    const order = await placeOrder(api);
    const { tracker, board } = await trackerAndBoard(api, order.trackingCode);

    await (await suite.context()).setOffline(true);
    await connection(tracker, 'offline').getByText(/Offline since \d\d:\d\d/).waitFor({ timeout: 2_000 });
    await connection(board, 'offline').waitFor({ timeout: 2_000 });
    await board.getByRole('alert').getByText('This board is not live').waitFor({ timeout: 2_000 });
    await expectAccessible(tracker, 'tracker, offline');

    // The kitchen goes on; the pages cannot hear it, and must not pretend to.
    await advance(api, order.number, 3);
    await sleep(45_000);
    expect(await headline(tracker).textContent()).toBe('We’ve received your order');
    expect(await connection(tracker, 'offline').count()).toBe(1);
    expect(await onBoard(board, 'preparing', order.number).count()).toBe(1);

    await (await suite.context()).setOffline(false);
    await headline(tracker).getByText('Ready for pickup!').waitFor({ timeout: CATCH_UP_MS });
    await connection(tracker, 'live').waitFor({ timeout: LIVE_MS });
    await onBoard(board, 'ready', order.number).waitFor({ timeout: CATCH_UP_MS });
    await connection(board, 'live').waitFor({ timeout: LIVE_MS });
    expect(await board.getByRole('alert').count()).toBe(0);
    expect(await sameDocument(tracker)).toBe(true);
    expect(await sameDocument(board)).toBe(true);
  }, 90_000);
});

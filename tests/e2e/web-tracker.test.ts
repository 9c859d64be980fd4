// The customer web tracker in a real Chromium against real servers: ordering, live updates, an
// unknown code, the pickup board, small and large screens and large text, each state audited by
// axe-core. Outages are in web-live.test.ts. Skipped with one line without a Chromium binary.
import { describe, expect, it } from 'vitest';
import { advance, browserSuite, CHROMIUM, connection, currentStep, expectAccessible, headline, markDocument, placeOrder, sameDocument, SCREENSHOTS, brokenWords, controlBorderContrasts, LIVE_MS } from './support/browser.ts';

describe.skipIf(!CHROMIUM)('the web tracker in Chromium', () => {
  const { server, open, freshContext } = browserSuite();

  it('a customer orders from the menu, is told what is missing, and lands on the tracker', async () => {
    const api = await server();
    const page = await open('/order', api);
    await page.getByRole('button', { name: 'One more Margherita' }).waitFor();
    await expectAccessible(page, 'order page');
    const borders = await controlBorderContrasts(page);
    expect(borders.length).toBeGreaterThan(3);
    expect(borders[0]!.ratio, `the border of ${borders[0]!.control}`).toBeGreaterThanOrEqual(3);

    await page.getByRole('button', { name: 'One more Margherita' }).click();
    await page.getByRole('button', { name: 'One more Margherita' }).click();
    await page.getByRole('checkbox', { name: 'extra cheese' }).check();
    await page.getByRole('button', { name: 'Place order' }).click();

    // The server's problem with customerName appears beside the name field, which is marked invalid.
    const name = page.getByRole('textbox', { name: 'Your name' });
    await page.getByText('Enter a name.', { exact: false }).first().waitFor();
    expect(await name.getAttribute('aria-invalid')).toBe('true');
    const describedBy = await name.getAttribute('aria-describedby');
    expect(await page.locator(`#${describedBy}`).textContent()).toContain('Enter a name.');
    expect(page.url()).toBe(`${api.url}/order`);
    await expectAccessible(page, 'order page with a problem');

    await name.fill('Sam');
    await page.getByRole('button', { name: 'Place order' }).click();

    await page.waitForURL(/\/track\/[0-9a-hjkmnp-tv-z]{20}$/);
    await headline(page).getByText('We’ve received your order').waitFor();
    expect(await page.locator('h1').textContent()).toBe('Order 1');
    // Focus moved to the new page's heading, not dropped onto <body>.
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Order 1');
    expect(await page.locator('.items').textContent()).toContain('2 × Margherita');
    expect(await page.locator('.items').textContent()).toContain('extra cheese');
    const stored = await api.gql('{ order(number: 1) { customerName items { name quantity modifiers } } }');
    expect(stored.data.order).toEqual({ customerName: 'Sam', items: [{ name: 'Margherita', quantity: 2, modifiers: ['extra cheese'] }] });
  });

  it('a status change made through the API shows on the open page within two seconds, without a reload', async () => {
    const api = await server();
    const order = await placeOrder(api);
    const page = await open(`/track/${order.trackingCode.toUpperCase()}`, api);
    await headline(page).getByText('We’ve received your order').waitFor();
    await connection(page, 'live').waitFor();
    await expectAccessible(page, 'tracker, received');
    await markDocument(page);

    await advance(api, order.number);
    await headline(page).getByText('Your order is confirmed').waitFor({ timeout: LIVE_MS });
    expect(await currentStep(page).textContent()).toMatch(/Confirmed\s*Now/);

    await advance(api, order.number);
    await advance(api, order.number);
    await headline(page).getByText('Ready for pickup!').waitFor({ timeout: LIVE_MS });
    expect(await currentStep(page).textContent()).toContain('Ready for pickup');
    // Announced politely in the one status region; no alert for an ordinary change.
    await page.locator('#announcer[role="status"]').getByText(`Order ${order.number}: Ready for pickup!`).waitFor({ timeout: LIVE_MS });
    expect(await page.locator('[role="alert"]').count()).toBe(0);
    await expectAccessible(page, 'tracker, ready');

    expect(await sameDocument(page)).toBe(true);
  });

  it('an unknown or malformed tracking code gets a clear page, never an error', async () => {
    const api = await server();
    for (const code of ['0000000000000000000z', 'not-a-code', '%E0%A4%A']) {
      const page = await open(`/track/${code}`, api);
      await page.getByRole('heading', { name: 'We can’t find that order' }).waitFor();
      expect(await page.getByRole('textbox', { name: 'Try another tracking code' }).isVisible()).toBe(true);
      expect(await page.locator('body').textContent()).not.toMatch(/Error|undefined|at \w+ \(/);
      await expectAccessible(page, `unknown code ${code}`);
    }
    const home = await open('/', api);
    await home.getByRole('textbox').first().waitFor();
    await expectAccessible(home, 'home page');
  });

  it('the pickup board moves an order from Preparing to Ready, showing numbers and no names', async () => {
    const api = await server();
    const order = await placeOrder(api, { customerName: 'Ada Lovelace' });
    const page = await open('/board', api, 1280);
    const inColumn = (column: string) => page.locator(`[data-column="${column}"] li`).getByText(String(order.number), { exact: true });
    await inColumn('preparing').waitFor();

    for (let i = 0; i < 3; i++) await advance(api, order.number);
    await inColumn('ready').waitFor({ timeout: LIVE_MS });
    expect(await inColumn('preparing').count()).toBe(0);
    expect(await page.locator('body').textContent()).not.toContain('Ada');
    await expectAccessible(page, 'board');
    await page.emulateMedia({ reducedMotion: 'reduce' }); // numbers fade in otherwise
    await page.screenshot({ path: `${SCREENSHOTS}board-1280.png` });
  });

  it('reads at 360 px without sideways scrolling, and on a desktop (screenshots in test-results/web)', async () => {
    const api = await server();
    const order = await placeOrder(api, {
      type: 'DELIVERY',
      address: '221B Baker Street, Marylebone, London NW1 6XE',
      items: [
        { menuItemId: 'cheeseburger', quantity: 2, modifiers: ['no onion', 'extra bacon', 'well done'], notes: 'cut in half please, the kids share' },
        { menuItemId: 'fries', quantity: 1, modifiers: ['truffle'] },
      ],
    });
    await advance(api, order.number);

    const phone = await open(`/track/${order.trackingCode}`, api, 360);
    await headline(phone).getByText('Your order is confirmed').waitFor();
    await phone.screenshot({ path: `${SCREENSHOTS}tracker-360.png`, fullPage: true });
    expect(await phone.evaluate(() => document.scrollingElement!.scrollWidth)).toBeLessThanOrEqual(360);

    const order360 = await open('/order', api, 360);
    await order360.getByRole('heading', { name: 'Order online' }).waitFor();
    await order360.screenshot({ path: `${SCREENSHOTS}order-360.png`, fullPage: true });
    expect(await order360.evaluate(() => document.scrollingElement!.scrollWidth)).toBeLessThanOrEqual(360);

    await expectAccessible(phone, 'tracker, delivery');
    await freshContext({ colorScheme: 'dark' });
    const dark = await open(`/track/${order.trackingCode}`, api, 360);
    await headline(dark).getByText('Your order is confirmed').waitFor();
    await expectAccessible(dark, 'tracker, dark');

    await freshContext();
    const desktop = await open(`/track/${order.trackingCode}`, api, 1280);
    await headline(desktop).getByText('Your order is confirmed').waitFor();
    await desktop.screenshot({ path: `${SCREENSHOTS}tracker-1280.png`, fullPage: true });
    expect(await desktop.evaluate(() => document.scrollingElement!.scrollWidth)).toBeLessThanOrEqual(1280);
  });

  it('at 200% text size no word breaks mid-letter and nothing scrolls sideways (screenshot in test-results/web)', async () => {
    const api = await server();
    const order = await placeOrder(api, { type: 'DELIVERY', address: '221B Baker Street, London NW1 6XE' });
    await advance(api, order.number, 2);
    const page = await open(`/track/${order.trackingCode}`, api, 360);
    await headline(page).getByText('Your order is being prepared').waitFor();
    // What a browser's "text size 200%" does: the root font doubles, and every rem with it.
    // Through the CSSOM: the page's Content-Security-Policy refuses a <style> the test would add.
    await page.evaluate(() => document.documentElement.style.setProperty('font-size', '200%', 'important'));
    await page.screenshot({ path: `${SCREENSHOTS}tracker-360-text-200.png`, fullPage: true });
    expect(await brokenWords(page)).toEqual([]);
    expect(await page.evaluate(() => document.scrollingElement!.scrollWidth)).toBeLessThanOrEqual(360);
    await expectAccessible(page, 'tracker at 200% text');
  });

  it('a cancellation is the page’s one alert, and the page stays accessible', async () => {
    const api = await server();
    const order = await placeOrder(api);
    const page = await open(`/track/${order.trackingCode}`, api);
    await connection(page, 'live').waitFor();
    await api.gql(`mutation { cancelOrder(number: ${order.number}, reason: "The oven is down") { __typename } }`);
    await page.getByRole('alert').getByText('The oven is down', { exact: false }).waitFor({ timeout: LIVE_MS });
    expect(await currentStep(page).count()).toBe(0);
    await expectAccessible(page, 'tracker, cancelled');
  });

  it('the board fits every number on a 1280x720 screen, Ready first and largest, and grows on a 4K one', async () => {
    // 36 counter orders from this one address: more than a minute's orders-per-minute allows.
    const api = await server({ settings: { restaurantName: 'Trattoria Roma', limits: 'orders-per-minute=100' } });
    const numbers: number[] = [];
    for (let i = 0; i < 36; i++) numbers.push((await placeOrder(api)).number);
    const eatIn = await placeOrder(api, { type: 'DINE_IN', table: '4' });
    const ready = numbers.slice(0, 20);
    for (const number of ready) await advance(api, number, 3);

    const page = await open('/board', api, 1280);
    await page.locator('[data-column="ready"] li').nth(19).waitFor();
    const shown = async (column: string) => page.locator(`[data-column="${column}"] li`).allTextContents();
    // Ready in the order the orders became ready, so a number never jumps about.
    expect(await shown('ready')).toEqual(ready.map(String));
    expect((await shown('preparing')).map(Number)).toEqual(numbers.slice(20));
    expect([...(await shown('ready')), ...(await shown('preparing'))]).not.toContain(String(eatIn.number));
    const boxes = await page.locator('.board__number').evaluateAll((items) => items.map((item) => item.getBoundingClientRect().toJSON() as DOMRect));
    expect(boxes).toHaveLength(36);
    for (const box of boxes) expect(box.bottom).toBeLessThanOrEqual(720);
    expect(await page.evaluate(() => document.scrollingElement!.scrollHeight)).toBeLessThanOrEqual(720);
    const size = (column: string) => page.locator(`[data-column="${column}"] ul`).evaluate((list) => parseFloat(getComputedStyle(list).fontSize));
    const readySize = await size('ready');
    expect(readySize).toBeGreaterThan(await size('preparing'));
    const readyBox = await page.locator('[data-column="ready"]').boundingBox();
    const preparingBox = await page.locator('[data-column="preparing"]').boundingBox();
    expect(readyBox!.x).toBeLessThan(preparingBox!.x);
    expect(readyBox!.width).toBeGreaterThan(preparingBox!.width);
    await page.getByText(/^\d\d:\d\d$/).first().waitFor(); // the clock
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Trattoria Roma Pickup');
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await page.screenshot({ path: `${SCREENSHOTS}board-1280-busy.png` });
    await expectAccessible(page, 'busy board');

    await page.setViewportSize({ width: 3840, height: 2160 });
    await page.waitForFunction((before) => parseFloat(getComputedStyle(document.querySelector('[data-column="ready"] ul')!).fontSize) > before * 2, readySize);
    for (const box of await page.locator('.board__number').evaluateAll((items) => items.map((item) => item.getBoundingClientRect().bottom))) expect(box).toBeLessThanOrEqual(2160);
  });

  it('notifications come from the service worker once allowed; a refusal is said plainly', async () => {
    const api = await server();
    const order = await placeOrder(api);
    await freshContext({ permissions: ['notifications'] });
    const page = await open(`/track/${order.trackingCode}`, api);
    await connection(page, 'live').waitFor();
    // Allowed already (as on a second visit): the page says so and installs its worker.
    await page.getByText(/Notifications are on/).waitFor();
    await expect.poll(() => page.evaluate(async () => (await navigator.serviceWorker.getRegistration('/sw.js'))?.active?.state), { timeout: LIVE_MS }).toBe('activated');
    // Only a change after the first reading is news: on a busy machine "live" can come before it.
    await headline(page).getByText('We’ve received your order').waitFor();
    // The customer looks away (a headless page is always "visible", so the test says it is not).
    await page.evaluate(() => {
      Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
      document.dispatchEvent(new Event('visibilitychange'));
    });
    await advance(api, order.number);
    const shown = () => page.evaluate(async () => (await (await navigator.serviceWorker.ready).getNotifications()).map((n) => `${n.title}: ${n.body} (${n.tag})`));
    // A change reaches the page within LIVE_MS, so the poll waits that long, not vitest's 1 s default.
    await expect.poll(shown, { timeout: LIVE_MS }).toEqual([`Order ${order.number}: Your order is confirmed (${order.trackingCode})`]);

    await freshContext();
    const refused = await open(`/track/${order.trackingCode}`, api);
    await refused.getByRole('button', { name: 'Notify me when it changes' }).click();
    await refused.getByText(/Notifications are blocked for this site, so we can’t alert you/).waitFor();
    await expectAccessible(refused, 'tracker, notifications refused');
  });

  it('the receipt names the restaurant; a customer who ordered twice follows both; another browser sees neither', async () => {
    const api = await server({ settings: { restaurantName: 'Trattoria Roma', restaurantAddress: '12 Via Appia, Bristol', restaurantPhone: '+44 117 496 0000' } });
    await freshContext({ permissions: ['clipboard-read', 'clipboard-write'] });
    const orderFromMenu = async (name: string) => {
      const page = await open('/order', api);
      await page.getByRole('button', { name: 'One more Margherita' }).click();
      await page.getByRole('textbox', { name: 'Your name' }).fill(name);
      await page.getByRole('button', { name: 'Place order' }).click();
      await page.waitForURL(/\/track\/\w{20}$/);
      await connection(page, 'live').waitFor();
      return page;
    };
    await orderFromMenu('Sam');
    const second = await orderFromMenu('Sam');

    const receipt = second.getByRole('region', { name: 'Receipt' });
    await receipt.getByText('Trattoria Roma').waitFor();
    expect(await receipt.getByRole('link', { name: '+44 117 496 0000' }).getAttribute('href')).toBe('tel:+441174960000');
    await receipt.getByRole('button', { name: 'Copy link' }).click();
    await receipt.getByRole('button', { name: 'Link copied' }).waitFor();
    expect(await second.evaluate(() => navigator.clipboard.readText())).toBe(second.url());

    const others = second.getByRole('region', { name: 'Your other orders' });
    await others.getByRole('link', { name: 'Order 1' }).waitFor();
    await advance(api, 1, 3);
    await others.getByText('Order 1: Ready for pickup!').waitFor({ timeout: LIVE_MS });
    await expectAccessible(second, 'tracker with a receipt and another order');

    // Another customer's browser: its own order, and no trace of Sam's.
    await freshContext();
    const stranger = await orderFromMenu('Kim');
    await stranger.getByRole('region', { name: 'Receipt' }).getByText('Trattoria Roma').waitFor();
    expect(await stranger.getByRole('region', { name: 'Your other orders' }).count()).toBe(0);
    const samsTracker = await open(new URL(second.url()).pathname, api);
    await headline(samsTracker).waitFor();
    await connection(samsTracker, 'live').waitFor();
    expect(await samsTracker.getByRole('region', { name: 'Your other orders' }).getByText('Order 1').count()).toBe(0);
    expect(await samsTracker.getByRole('region', { name: 'Your other orders' }).getByText('Order 3').count()).toBe(1);
  });

  it('a delivery on its way says when it should arrive', async () => {
    const api = await server({ settings: { deliveryMinutes: 25 } });
    const order = await placeOrder(api, { type: 'DELIVERY', address: '1 High Street' });
    const page = await open(`/track/${order.trackingCode}`, api);
    await connection(page, 'live').waitFor();
    await advance(api, order.number, 4);
    await headline(page).getByText('Out for delivery').waitFor({ timeout: LIVE_MS });
    const arrival = await api.gql(`{ order(number: ${order.number}) { estimatedArrivalAt } }`);
    const expected = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', timeZone: 'UTC' }).format(new Date(arrival.data.order.estimatedArrivalAt));
    expect(await page.locator('.tracker__arrival').textContent()).toBe(`Arriving at about ${expected}`);
    expect(await page.getByRole('button', { name: 'Sound when ready' }).count()).toBe(0);
    await expectAccessible(page, 'tracker, out for delivery');
  });
});

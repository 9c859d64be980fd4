// The customer web tracker in a real Chromium against real servers: ordering, live updates, a
// server restart under an open page, an unknown code, and the pickup board. Needs a Chromium
// binary (CI sets ORDERLINE_TEST_CHROMIUM=/usr/bin/chromium); skipped with one line otherwise.
import { execFile } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { TestDatabase } from '../support/databases.ts';
import type { StartOptions, TestServer } from '../support/server.ts';

// Loaded only when the browser tests run, so a skipped run starts no server code and says one line.
const support = async () => ({ ...(await import('../support/server.ts')), ...(await import('../support/databases.ts')) });

const CHROMIUM = process.env.ORDERLINE_TEST_CHROMIUM;
if (!CHROMIUM) console.info('skipping the browser tests: ORDERLINE_TEST_CHROMIUM is not set');

const BUILD_SCRIPT = fileURLToPath(new URL('../../scripts/build-web.ts', import.meta.url));
const SCREENSHOTS = fileURLToPath(new URL('../../test-results/web/', import.meta.url));
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-quic', '--no-first-run', '--disable-component-update', '--disable-sync'];
/** The brief: a change made in the kitchen shows on the page within about a second. */
const LIVE_MS = 2_000;
/** A restarted server is found by graphql-ws's jittered backoff: 1.3–4 s, then 2.3–5 s, … */
const RECOVERY_MS = 20_000;

const PLACE_ORDER = `mutation($input: PlaceOrderInput!) {
  placeOrder(input: $input) { __typename ... on OrderChange { order { number trackingCode } } }
}`;

describe.skipIf(!CHROMIUM)('the web tracker in Chromium', () => {
  let browser: Browser;
  let context: BrowserContext | undefined;
  const servers: TestServer[] = [];
  const databases: TestDatabase[] = [];
  let pageErrors: string[] = [];

  beforeAll(async () => {
    // Built before any server starts (a server looks for web-tracker/dist when it is built), by
    // `npm run build:web`'s script in its own process: Vitest sets NODE_ENV=test, which would make
    // Vite bundle React's development build instead of the one customers get.
    await promisify(execFile)(process.execPath, ['--import', 'tsx', BUILD_SCRIPT], { env: { ...process.env, NODE_ENV: 'production' } });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    mkdirSync(SCREENSHOTS, { recursive: true });
  }, 120_000);

  afterEach(async () => {
    await context?.close();
    context = undefined;
    await Promise.all(servers.splice(0).map((server) => server.stop()));
    await Promise.all(databases.splice(0).map((database) => database.drop()));
    // Whatever happened, the page never threw.
    expect(pageErrors).toEqual([]);
    pageErrors = [];
  });

  afterAll(async () => {
    await browser?.close();
  });

  async function server(options: StartOptions = {}): Promise<TestServer> {
    const started = await (await support()).startServer(options);
    servers.push(started);
    return started;
  }

  async function open(path: string, base: TestServer, width = 360): Promise<Page> {
    context ??= await browser.newContext({ viewport: { width, height: 800 }, locale: 'en-GB', timezoneId: 'UTC' });
    const page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(`${base.url}${path}`);
    return page;
  }

  async function placeOrder(target: TestServer, input: Record<string, unknown> = {}): Promise<{ number: number; trackingCode: string }> {
    const result = await target.gql(
      PLACE_ORDER,
      { input: { customerName: 'Sam', type: 'TAKEOUT', items: [{ menuItemId: 'margherita', quantity: 2 }], ...input } },
      null,
    );
    expect(result.data?.placeOrder.__typename).toBe('OrderChange');
    return result.data.placeOrder.order;
  }

  async function advance(target: TestServer, number: number): Promise<void> {
    const result = await target.gql(`mutation { advanceOrder(number: ${number}) { __typename } }`);
    expect(result.data?.advanceOrder.__typename).toBe('OrderChange');
  }

  const headline = (page: Page) => page.locator('.tracker__headline');
  const currentStep = (page: Page) => page.locator('[aria-current="step"]');
  const connection = (page: Page, state: 'live' | 'reconnecting') => page.locator(`[data-connection="${state}"]`);

  it('a customer orders from the menu, is told what is missing, and lands on the tracker', async () => {
    const api = await server();
    const page = await open('/order', api);

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

    await name.fill('Sam');
    await page.getByRole('button', { name: 'Place order' }).click();

    await page.waitForURL(/\/track\/[0-9a-hjkmnp-tv-z]{20}$/);
    await headline(page).getByText('We’ve received your order').waitFor();
    expect(await page.locator('h1').textContent()).toBe('Order 1');
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
    await page.evaluate(() => ((window as unknown as { sameDocument: boolean }).sameDocument = true));

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

    expect(await page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument)).toBe(true);
  });

  it('says “reconnecting” while the server is away, keeps the order, and is exact again once it is back', async () => {
    const database = await (await support()).createTestDatabase('sqlite');
    databases.push(database);
    const first = await server({ database });
    const order = await placeOrder(first);
    const page = await open(`/track/${order.trackingCode}`, first);
    await connection(page, 'live').waitFor();

    await first.stop();
    await connection(page, 'reconnecting').getByText(/Reconnecting… Last updated \d\d:\d\d/).waitFor({ timeout: LIVE_MS });
    expect(await headline(page).textContent()).toBe('We’ve received your order');

    // The same database and port, as after a restart; the kitchen moves the order meanwhile.
    const second = await server({ database, port: first.port, adminToken: first.managerToken });
    await advance(second, order.number);

    await headline(page).getByText('Your order is confirmed').waitFor({ timeout: RECOVERY_MS });
    await connection(page, 'live').waitFor({ timeout: LIVE_MS });
    expect(await currentStep(page).textContent()).toContain('Confirmed');
  }, 60_000);

  it('an unknown or malformed tracking code gets a clear page, never an error', async () => {
    const api = await server();
    for (const code of ['0000000000000000000z', 'not-a-code', '%E0%A4%A']) {
      const page = await open(`/track/${code}`, api);
      await page.getByRole('heading', { name: 'We can’t find that order' }).waitFor();
      expect(await page.getByRole('textbox', { name: 'Try another tracking code' }).isVisible()).toBe(true);
      expect(await page.locator('body').textContent()).not.toMatch(/Error|undefined|at \w+ \(/);
    }
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

    await context!.close();
    context = undefined;
    const desktop = await open(`/track/${order.trackingCode}`, api, 1280);
    await headline(desktop).getByText('Your order is confirmed').waitFor();
    await desktop.screenshot({ path: `${SCREENSHOTS}tracker-1280.png`, fullPage: true });
    expect(await desktop.evaluate(() => document.scrollingElement!.scrollWidth)).toBeLessThanOrEqual(1280);
  });
});

// What the browser tests share: the tracker built as customers get it, one real Chromium, pages
// that record any script error, axe-core audits, and the GraphQL calls a kitchen would make.
// Needs a Chromium binary (CI sets ORDERLINE_TEST_CHROMIUM=/usr/bin/chromium).
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import axe from 'axe-core';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import type { ServeProcess, ServeProcessOptions } from '../../support/serve-process.ts';
import type { StartOptions, TestServer } from '../../support/server.ts';

export const CHROMIUM = process.env.ORDERLINE_TEST_CHROMIUM;
if (!CHROMIUM) console.info('skipping the browser tests: ORDERLINE_TEST_CHROMIUM is not set');

// Loaded only when the browser tests run, so a skipped run starts no server code and says one line.
const support = async () => ({ ...(await import('../../support/server.ts')), ...(await import('../../support/serve-process.ts')) });

export const SCREENSHOTS = fileURLToPath(new URL('../../../test-results/web/', import.meta.url));
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-quic', '--no-first-run', '--disable-component-update', '--disable-sync'];
/** The brief: a change made in the kitchen shows on the page within about a second. */
export const LIVE_MS = 2_000;

const PLACE_ORDER = `mutation($input: PlaceOrderInput!) {
  placeOrder(input: $input) { __typename ... on OrderChange { order { number trackingCode } } }
}`;

/** Where a kitchen reaches a server: an in-process test server or an `orderline serve` child. */
export interface Target {
  url: string;
  gql: TestServer['gql'];
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Registers the suite's hooks; call inside the describe. */
export function browserSuite() {
  let browser: Browser;
  let context: BrowserContext | undefined;
  const cleanups: (() => Promise<void>)[] = [];
  let pageErrors: string[] = [];

  // The tracker is built by the global setup (tests/support/global-setup.ts) before any test runs.
  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    mkdirSync(SCREENSHOTS, { recursive: true });
  });

  afterEach(async () => {
    await context?.close();
    context = undefined;
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
    // Whatever happened, the page never threw (taken first, so one test's errors never fail the next).
    const errors = pageErrors;
    pageErrors = [];
    expect(errors).toEqual([]);
  });

  afterAll(async () => {
    await browser?.close();
  });

  async function currentContext(options: BrowserContextOptions = {}): Promise<BrowserContext> {
    context ??= await browser.newContext({ viewport: { width: 360, height: 800 }, locale: 'en-GB', timezoneId: 'UTC', ...options });
    return context;
  }

  return {
    server: async (options: StartOptions = {}): Promise<TestServer> => {
      const started = await (await support()).startServer(options);
      cleanups.push(() => started.stop());
      return started;
    },

    /** A real `orderline serve` process, which a test can SIGKILL and start again. */
    serveProcess: async (options: ServeProcessOptions = {}): Promise<ServeProcess> => {
      const started = await (await support()).startServeProcess(options);
      cleanups.push(() => started.stop());
      return started;
    },

    context: currentContext,

    open: async (path: string, base: Target, width = 360): Promise<Page> => {
      const page = await (await currentContext()).newPage();
      await page.setViewportSize({ width, height: width > 1000 ? 720 : 800 });
      page.on('pageerror', (error) => pageErrors.push(error.message));
      // A resource or script the server's Content-Security-Policy blocked is a failure too.
      page.on('console', (message) => void (message.type() === 'error' && message.text().includes('Content Security Policy') && pageErrors.push(message.text())));
      await page.goto(`${base.url}${path}`);
      return page;
    },

    /** Starts a new browser context (another customer, or other settings) for the next pages. */
    freshContext: async (options: BrowserContextOptions = {}): Promise<BrowserContext> => {
      await context?.close();
      context = undefined;
      return currentContext(options);
    },
  };
}

export async function placeOrder(target: Target, input: Record<string, unknown> = {}): Promise<{ number: number; trackingCode: string }> {
  const result = await target.gql(PLACE_ORDER, { input: { customerName: 'Sam', type: 'TAKEOUT', items: [{ menuItemId: 'margherita', quantity: 2 }], ...input } }, null);
  expect(result.data?.placeOrder.__typename).toBe('OrderChange');
  return result.data.placeOrder.order;
}

export async function advance(target: Target, number: number, times = 1): Promise<void> {
  for (let i = 0; i < times; i++) {
    const result = await target.gql(`mutation { advanceOrder(number: ${number}) { __typename } }`);
    expect(result.data?.advanceOrder.__typename).toBe('OrderChange');
  }
}

export const headline = (page: Page) => page.locator('.tracker__headline');
export const currentStep = (page: Page) => page.locator('[aria-current="step"]');
export const connection = (page: Page, state: string) => page.locator(`[data-connection="${state}"]`);

/** Marks the document, so a test can tell later that the page was never reloaded. */
export async function markDocument(page: Page): Promise<void> {
  await page.evaluate(() => ((window as unknown as { sameDocument: boolean }).sameDocument = true));
}

export async function sameDocument(page: Page): Promise<boolean | undefined> {
  return page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument);
}

/** axe-core's WCAG 2.1 A and AA rules on the page as it is now: no violation, named by state. */
export async function expectAccessible(page: Page, state: string): Promise<void> {
  // Evaluated, not added as an inline <script>: the page's Content-Security-Policy forbids those.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axe.source);
  const violations = await page.evaluate(async () => {
    const { axe: audit } = window as unknown as { axe: typeof axe };
    const result = await audit.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return result.violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
  });
  expect(violations, `axe-core in state "${state}"`).toEqual([]);
}

/**
 * Words of the page's main content that are drawn over more than one line: "P l a c e d" at large
 * text. Long tokens (a tracking code, an address run together) may wrap; words may not.
 */
export async function brokenWords(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const broken: string[] = [];
    const main = document.querySelector('main')!;
    const walker = document.createTreeWalker(main, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (node.parentElement?.closest('.visually-hidden')) continue;
      for (const match of (node.textContent ?? '').matchAll(/\S+/g)) {
        if (match[0].length > 16) continue;
        const range = document.createRange();
        range.setStart(node, match.index);
        range.setEnd(node, match.index + match[0].length);
        const lines = new Set([...range.getClientRects()].map((rect) => Math.round(rect.top)));
        if (lines.size > 1) broken.push(match[0]);
      }
    }
    return broken;
  });
}

/**
 * The contrast of each visible control's border against the page (WCAG 1.4.11 asks 3:1), lowest
 * first: axe-core checks text, not the edges of fields and buttons.
 */
export async function controlBorderContrasts(page: Page): Promise<{ control: string; ratio: number }[]> {
  const found = await page.evaluate(() => {
    const channels = (color: string) => (color.match(/[\d.]+/g) ?? []).slice(0, 3).map(Number);
    const luminance = (color: string) => {
      const [r, g, b] = channels(color).map((value) => {
        const c = value / 255;
        return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
      });
      return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
    };
    const page = getComputedStyle(document.body).backgroundColor;
    const background = channels(page).length === 3 && !/, 0\)$/.test(page) ? page : getComputedStyle(document.documentElement).backgroundColor;
    const controls = [...document.querySelectorAll<HTMLElement>('input:not([type=checkbox]):not([type=radio]), textarea, .button--secondary, .stepper__button')];
    return controls
      .filter((control) => control.offsetParent !== null)
      .map((control) => {
        const [a, b] = [luminance(getComputedStyle(control).borderTopColor), luminance(background)].sort((x, y) => y - x);
        return { control: control.getAttribute('aria-label') ?? control.textContent?.trim() ?? control.tagName, ratio: Math.round(((a! + 0.05) / (b! + 0.05)) * 100) / 100 };
      });
  });
  return found.sort((a, b) => a.ratio - b.ratio);
}

// `orderline kitchen` end to end, as a line cook uses it: the real binary in a real terminal (tmux)
// against a real server. Each test presses keys on the screen and checks two things: what the
// screen says, and what the server's database says (read back through GraphQL as a manager), so a
// screen that merely claims to have bumped a ticket fails. Covers station screens, recall,
// cancelled tickets, a busy night of 250 open tickets, Esc, a server restarted under the screen
// and a bump pressed while the server hangs. Needs tmux: CI sets ORDERLINE_TEST_TMUX (and then
// these tests must run).
import { describe, expect, it } from 'vitest';
import { newAdminToken } from '../support/admin-token.ts';
import { createTestDatabase } from '../support/databases.ts';
import { PLACE_ORDER, takeoutOrder } from '../support/operations.ts';
import { startServeProcess } from '../support/serve-process.ts';
import { startServer, type TestServer } from '../support/server.ts';
import { Terminal, TMUX } from '../support/terminal.ts';
import { cancel, cleanupAfterEach, withTestServer } from './support/orderline.ts';

if (!TMUX) console.info('skipping the kitchen display tests: ORDERLINE_TEST_TMUX is not set');

const defer = cleanupAfterEach();

/** Any server a test talks to, in this process or a child one: where it is and a manager's token. */
type Reachable = Pick<TestServer, 'url' | 'managerToken'>;

/** A GraphQL request as the manager; fails on any error, so a test never reads half an answer. */
async function gql(server: Reachable, query: string, variables: Record<string, unknown> = {}): Promise<any> {
  const response = await fetch(`${server.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${server.managerToken}` },
    body: JSON.stringify({ query, variables }),
  });
  const result = (await response.json()) as { data?: any; errors?: unknown };
  if (result.errors || !result.data) throw new Error(`GraphQL failed: ${JSON.stringify(result)}`);
  return result.data;
}

/** Places a takeout order of one of each menu item named; returns its number. */
async function place(server: Reachable, menuItemIds: string[] = ['cola'], customerName = 'Sam'): Promise<number> {
  const items = menuItemIds.map((menuItemId) => ({ menuItemId, quantity: 1 }));
  const { placeOrder } = await gql(server, PLACE_ORDER, { input: takeoutOrder({ customerName, items }) });
  if (!placeOrder.order) throw new Error(`could not place an order: ${JSON.stringify(placeOrder)}`);
  return placeOrder.order.number;
}

interface KitchenOrder {
  status: string;
  cancelReason: string | null;
  items: { name: string; station: string; state: string }[];
  history: { kind: string; fromStatus: string | null; toStatus: string | null }[];
}

/** An order as the server's database has it, kitchen progress and history included. */
async function onServer(server: Reachable, number: number): Promise<KitchenOrder> {
  const { order } = await gql(
    server,
    `query($number: Int!) { order(number: $number) {
      status cancelReason items { name station state } history { kind fromStatus toStatus }
    } }`,
    { number },
  );
  if (!order) throw new Error(`no order #${number} on the server`);
  return order;
}

/** Each station of the order and its items' state: `{ grill: 'DONE', fry: 'COOKING' }`. */
const stateByStation = (order: KitchenOrder) => Object.fromEntries(order.items.map((item) => [item.station, item.state]));

/** A kitchen token's secret, as a kitchen screen would be set up with. */
async function kitchenToken(server: Reachable): Promise<string> {
  const { createApiToken } = await gql(
    server,
    `mutation { createApiToken(name: "kitchen display test", role: KITCHEN) { ... on CreatedApiToken { secret } } }`,
  );
  return createApiToken.secret;
}

/** `orderline kitchen <args>` in a fresh 100x30 terminal, closed after the test. */
async function openKitchen(server: Reachable, token: string, args: string[] = []): Promise<Terminal> {
  const terminal = await Terminal.orderline(['kitchen', ...args], { ORDERLINE_SERVER: server.url, ORDERLINE_TOKEN: token }, { width: 100, height: 30 });
  defer(() => terminal.close());
  return terminal;
}

/**
 * Order `number` as a card on screen: its number right after the card's left border (and its
 * place, 1–9), which the message line ("#12 → CONFIRMED") and the ready strip never match.
 * `selected` cards have a double border.
 */
const card = (number: number, { selected = false } = {}) => new RegExp(`${selected ? '║' : '[│║]'}(?:\\d )?#${number}\\b`);

/** Keys pressed together may reach the screen as one read (Esc then Enter as Alt-Enter): a breath between. */
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.skipIf(!TMUX)('the kitchen display in a real terminal (tmux)', { timeout: 90_000 }, () => {
  let server: TestServer;
  withTestServer((started) => ({ server } = started), { each: true });

  it('a ticket placed through the API appears live; Enter bumps it one step at a time to READY on the server', async () => {
    const kitchen = await openKitchen(server, await kitchenToken(server));
    await kitchen.waitFor(/● live[\s\S]*No open tickets/);
    const number = await place(server, ['cheeseburger']);
    await kitchen.waitFor(new RegExp(`1 open[\\s\\S]*${card(number, { selected: true }).source}[\\s\\S]*TO-GO Sam[\\s\\S]*1× Cheeseburger`));

    // The default bump mode is one step per bump; each lands on the server before the next press.
    for (const status of ['CONFIRMED', 'PREPARING', 'READY']) {
      await kitchen.press('Enter');
      await kitchen.waitFor(new RegExp(`#${number} → ${status}`));
      expect((await onServer(server, number)).status).toBe(status);
    }
    // A ready ticket leaves the cards for the strip of numbers at the pass.
    const ready = await kitchen.waitFor(new RegExp(`Ready: ${number}\\b`));
    expect(ready).not.toMatch(card(number));
    expect(ready).toMatch(/· 0 open/);
  });

  it('station screens bump only their station: grill done leaves the ticket on fry; fry done makes it READY', async () => {
    const number = await place(server, ['cheeseburger', 'fries']);
    const token = await kitchenToken(server);
    const grill = await openKitchen(server, token, ['--station', 'grill']);
    const fry = await openKitchen(server, token, ['--station', 'fry']);
    await grill.waitFor(new RegExp(`kitchen · grill · 1 open[\\s\\S]*${card(number).source}[\\s\\S]*1× Cheeseburger`));
    await fry.waitFor(new RegExp(`kitchen · fry · 1 open[\\s\\S]*${card(number).source}[\\s\\S]*1× Fries`));

    await grill.press('Enter');
    await grill.waitFor(new RegExp(`#${number} done at grill → PREPARING`));
    const afterGrill = await onServer(server, number);
    expect(afterGrill.status).toBe('PREPARING');
    expect(stateByStation(afterGrill)).toEqual({ grill: 'DONE', fry: 'COOKING' });
    // Gone from the grill's screen, still on the fry's.
    const grillScreen = await grill.waitFor(/grill · 0 open[\s\S]*No open tickets/);
    expect(grillScreen).not.toMatch(card(number));
    // The fry screen hears of the grill's bump (the order is started) and keeps the ticket.
    await fry.waitFor(new RegExp(`fry · 1 open[\\s\\S]*${card(number).source}[\\s\\S]*PREPARING[\\s\\S]*1× Fries`));

    await fry.press('Enter');
    await fry.waitFor(new RegExp(`#${number} done at fry → READY`));
    const afterFry = await onServer(server, number);
    expect(afterFry.status).toBe('READY');
    expect(stateByStation(afterFry)).toEqual({ grill: 'DONE', fry: 'DONE' });
    for (const screen of [fry, grill]) await screen.waitFor(new RegExp(`0 open[\\s\\S]*Ready: ${number}\\b`));
  });

  it('r recalls the ticket this screen bumped last: READY goes back to PREPARING and the ticket returns', async () => {
    const number = await place(server, ['cheeseburger']);
    const grill = await openKitchen(server, await kitchenToken(server), ['--station', 'grill']);
    await grill.waitFor(card(number));

    await grill.press('Enter');
    await grill.waitFor(new RegExp(`#${number} done at grill → READY`));
    expect((await onServer(server, number)).status).toBe('READY');
    expect(await grill.waitFor(new RegExp(`Ready: ${number}\\b`))).not.toMatch(card(number));

    await grill.press('r');
    await grill.waitFor(new RegExp(`#${number} recalled at grill → PREPARING`));
    const recalled = await onServer(server, number);
    expect(recalled.status).toBe('PREPARING');
    expect(stateByStation(recalled)).toEqual({ grill: 'COOKING' });
    expect(recalled.history.map((event) => event.kind)).toContain('RECALLED');
    const screen = await grill.waitFor(new RegExp(`grill · 1 open[\\s\\S]*${card(number).source}[\\s\\S]*1× Cheeseburger`));
    expect(screen).toMatch(/Ready: none/);
  });

  it('a cancelled ticket shows struck out with its reason, stays, and Enter on it clears only it', async () => {
    const kept = await place(server, ['cola'], 'Kim');
    const cancelled = await place(server, ['fries'], 'Lee');
    const kitchen = await openKitchen(server, await kitchenToken(server));
    await kitchen.waitFor(new RegExp(`${card(kept).source}[\\s\\S]*${card(cancelled).source}`));

    await cancel(server, cancelled, 'out of oil');
    await kitchen.waitFor(/✕ CANCELLED[\s\S]*why: out of oil/);
    await pause(5_000); // a cook across the kitchen may look only now
    const arrived = await place(server, ['cola'], 'Max'); // and the screen reloads meanwhile
    const later = await kitchen.waitFor(card(arrived));
    expect(later).toMatch(new RegExp(`${card(cancelled).source}[\\s\\S]*✕ CANCELLED[\\s\\S]*why: out of oil`));
    expect(later).toMatch(card(kept));

    // A cancelled ticket keeps its place in working order; the selection stayed on the one the
    // cook had. Down to the cancelled one.
    await kitchen.press('Down');
    await kitchen.waitFor(new RegExp(`${card(cancelled, { selected: true }).source}[\\s\\S]*Enter clear #${cancelled}\\b`));
    await kitchen.press('Enter');
    // The selection keeps its place: the ticket after the cleared one is selected now.
    const cleared = await kitchen.waitFor(new RegExp(`2 open[\\s\\S]*${card(arrived, { selected: true }).source}`));
    expect(cleared).not.toMatch(card(cancelled));
    expect(cleared).not.toMatch(/CANCELLED/);
    // Clearing is the screen's own business: nothing changed on the server.
    expect(await onServer(server, cancelled)).toMatchObject({ status: 'CANCELLED', cancelReason: 'out of oil' });
    expect((await onServer(server, kept)).status).toBe('PENDING');
  });

  it('with 250 open tickets the last is reachable with End and the title counts them all', async () => {
    // In batches, all at once within each; the last alone, so it is the newest and comes last.
    const BATCH = 25;
    for (let placed = 0; placed < 249; placed += BATCH) {
      await Promise.all(Array.from({ length: Math.min(BATCH, 249 - placed) }, (_, i) => place(server, ['cola'], `Guest ${placed + i + 1}`)));
    }
    const last = await place(server, ['cola'], 'Last guest');
    const kitchen = await openKitchen(server, await kitchenToken(server));
    await kitchen.waitFor(/Orderline kitchen · 250 open +● live[\s\S]*tickets 1–\d+ of 250/, 20_000);

    await kitchen.press('End');
    const end = await kitchen.waitFor(new RegExp(`${card(last, { selected: true }).source}[\\s\\S]*tickets \\d+–250 of 250[\\s\\S]*Enter confirm #${last}\\b`));
    expect(end).toMatch(/Last guest/);
    expect(end).toMatch(/· 250 open/);

    // Reachable is also bumpable: Enter acts on the 250th, on the server.
    await kitchen.press('Enter');
    await kitchen.waitFor(new RegExp(`#${last} → CONFIRMED`));
    expect((await onServer(server, last)).status).toBe('CONFIRMED');
  });

  it('Esc never quits: after Esc twice the screen is there and keys work; q exits 0', async () => {
    const number = await place(server);
    const kitchen = await openKitchen(server, await kitchenToken(server));
    await kitchen.waitFor(card(number, { selected: true }));

    await kitchen.press('Escape');
    await pause(500);
    await kitchen.press('Escape');
    await pause(1_500);
    const after = await kitchen.screen();
    expect(after).not.toMatch(/orderline-exited-with/);
    expect(after).toMatch(new RegExp(`● live[\\s\\S]*${card(number, { selected: true }).source}`));

    // Keys still work: the keys panel opens (and Esc closes it), Enter bumps on the server.
    await kitchen.press('?');
    await kitchen.waitFor(/Esc +close what is open \(never quits\)/);
    await kitchen.press('Escape');
    await kitchen.waitFor(card(number, { selected: true }));
    await pause(500);
    await kitchen.press('Enter');
    await kitchen.waitFor(new RegExp(`#${number} → CONFIRMED`));
    expect((await onServer(server, number)).status).toBe('CONFIRMED');

    await kitchen.press('q');
    expect(await kitchen.exitCode()).toBe(0);
  });
});

describe.skipIf(!TMUX)('the kitchen display when its server goes away (tmux)', { timeout: 90_000 }, () => {
  it('a stopped server shows not live, tickets kept; restarted on the same port and data, live again and caught up', async () => {
    const database = await createTestDatabase('sqlite');
    defer(() => database.drop());
    const adminToken = newAdminToken();
    const first = await startServer({ database, adminToken });
    let firstRunning = true;
    defer(() => firstRunning && first.stop());
    const before = await place(first, ['cola'], 'Before');
    const kitchen = await openKitchen(first, await kitchenToken(first));
    await kitchen.waitFor(new RegExp(`● live[\\s\\S]*${card(before).source}`));

    await first.stop();
    firstRunning = false;
    await kitchen.waitFor(/(◌ NOT LIVE|✕ OFFLINE) since \d/);
    await pause(4_000); // down for a while: the screen keeps trying, and keeps what it knew
    const down = await kitchen.screen();
    expect(down).toMatch(/(◌ NOT LIVE|✕ OFFLINE) since \d/);
    expect(down).not.toMatch(/● live/);
    expect(down).toMatch(card(before));

    const second = await startServer({ database, adminToken, port: first.port });
    defer(() => second.stop());
    // Placed at once, most likely before the screen's next try: it must catch up on reconnecting.
    const during = await place(second, ['cola'], 'During');
    await kitchen.waitFor(/● live/, 20_000);
    await kitchen.waitFor(card(during));
    const after = await place(second, ['cola'], 'After');
    const live = await kitchen.waitFor(new RegExp(`3 open[\\s\\S]*${card(after).source}`));
    expect(live).toMatch(card(before));
    expect(live).not.toMatch(/NOT LIVE|OFFLINE/);
  });

  it('Enter while the server hangs shows "bump pending" and, once it goes on, bumps the ticket exactly once', async () => {
    const server = await startServeProcess();
    defer(() => server.stop());
    const number = await place(server);
    const kitchen = await openKitchen(server, await kitchenToken(server));
    await kitchen.waitFor(new RegExp(`● live[\\s\\S]*${card(number, { selected: true }).source}`));

    server.hang();
    await kitchen.waitFor(/✕ OFFLINE since \d/, 20_000);
    await kitchen.press('Enter');
    await kitchen.waitFor(new RegExp(`${card(number, { selected: true }).source}[\\s\\S]*bump pending`));
    // An impatient second press while the first waits must not become a second bump.
    await pause(500);
    await kitchen.press('Enter');
    await pause(1_000);
    expect(await kitchen.screen()).toMatch(/bump pending/);

    server.resume();
    await kitchen.waitFor(/● live/, 20_000);
    await kitchen.waitFor(new RegExp(`#${number} → CONFIRMED`), 20_000);
    await pause(2_000); // time for a duplicate, if one were coming
    const after = await onServer(server, number);
    expect(after.status).toBe('CONFIRMED');
    expect(after.history.filter((event) => event.kind !== 'PLACED')).toEqual([{ kind: 'STATUS_CHANGED', fromStatus: 'PENDING', toStatus: 'CONFIRMED' }]);
    expect(await kitchen.screen()).not.toMatch(/bump pending/);
  });
});

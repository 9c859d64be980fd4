// `orderline orders place|list|show|set-status|advance|cancel|bump|recall|rush` against a real
// server: what people read, what scripts parse, and the exit code for each way a change can be refused.
import { describe, expect, it } from 'vitest';
import type { TestServer } from '../support/server.ts';
import { advance, json, jsonLines, orderOnServer, orderlineFor, placeOrder, withTestServer, type Orderline } from './support/orderline.ts';

let server: TestServer;
let orderline: Orderline;
withTestServer((started) => ({ server, orderline } = started));

describe('orders place', () => {
  it('prints the order number and the customer’s tracking link', async () => {
    const run = await orderline.run(['orders', 'place', '--item', '2x Margherita (extra cheese)', '--item', 'Cola', '--customer', 'Sam', '--type', 'TAKEOUT']);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    const [, number, link] = run.stdout.match(/^Order #(\d+) placed · PENDING · ready by .+ · €26\.00\nTracking: (\S+)\n$/)!;
    const order = await orderOnServer(server, Number(number));
    expect(order).toMatchObject({
      customerName: 'Sam',
      type: 'TAKEOUT',
      status: 'PENDING',
      items: [
        { name: 'Margherita', quantity: 2, modifiers: ['extra cheese'] },
        { name: 'Cola', quantity: 1, modifiers: [] },
      ],
    });
    expect(link).toBe(`${server.url}/track/${order.trackingCode}`);
  });

  it('--json gives scripts the whole order', async () => {
    const order = json(await orderline.run(['orders', 'place', '-i', 'Espresso', '-c', 'Table 4', '--type', 'dine-in', '--table', '4', '--json']));
    expect(order).toMatchObject({
      number: expect.any(Number),
      status: 'PENDING',
      version: 1,
      type: 'DINE_IN',
      table: '4',
      customerName: 'Table 4',
      totalCents: 250,
      items: [{ name: 'Espresso', quantity: 1, station: 'bar' }],
      trackingUrl: expect.stringMatching(new RegExp(`^${server.url}/track/\\w+$`)),
    });
    expect((await orderOnServer(server, order.number)).status).toBe('PENDING');
  });

  it('a missing --customer or --item, a dish not on the menu, or a delivery without an address is a usage error (exit 2) and places nothing', async () => {
    const before = (await server.gql('{ stats { placedToday } }')).data.stats.placedToday;
    const [noCustomer, noItem, typo, noAddress] = await Promise.all([
      orderline.run(['orders', 'place', '--item', 'Cola']),
      orderline.run(['orders', 'place', '--customer', 'Sam']),
      orderline.run(['orders', 'place', '--item', '2x Margarita', '--customer', 'Sam']),
      orderline.run(['orders', 'place', '--item', 'Cola', '--customer', 'Sam', '--type', 'delivery']),
    ]);
    expect(noCustomer).toMatchObject({ code: 2, stdout: '' });
    expect(noCustomer.stderr).toContain("error: required option '-c, --customer <name>' not specified");
    expect(noItem).toMatchObject({ code: 2, stdout: '' });
    expect(noItem.stderr).toContain("error: required option '-i, --item <item>' not specified");
    expect(typo).toMatchObject({ code: 2, stderr: 'orderline: "Margarita" is not on the menu; did you mean Margherita?\n' });
    expect(noAddress).toMatchObject({ code: 2, stderr: 'orderline: address: a delivery needs an address\n' });
    expect((await server.gql('{ stats { placedToday } }')).data.stats.placedToday).toBe(before);
  });
});

describe('orders list and show', () => {
  let server: TestServer;
  let orderline: Orderline;
  let pizza: number;
  let burger: number;
  let drink: number;
  withTestServer(async (started) => {
    ({ server, orderline } = started);
    pizza = await placeOrder(server, { customerName: 'Sam' });
    burger = await placeOrder(server, { customerName: 'Alex', type: 'DELIVERY', address: '12 Quay St', items: [{ menuItemId: 'cheeseburger', quantity: 1 }] });
    drink = await placeOrder(server, { customerName: 'Kim', type: 'DINE_IN', table: '7', items: [{ menuItemId: 'lemonade', quantity: 3 }] });
    await advance(server, burger);
  });

  it('list prints a table of the orders, oldest first', async () => {
    const run = await orderline.run(['orders', 'list']);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^#\s+STATUS\s+TYPE\s+CUSTOMER\s+ITEMS\s+AGE\s+READY BY$/);
    expect(lines.slice(1)).toEqual([
      expect.stringMatching(new RegExp(`^${pizza}\\s+PENDING\\s+TAKEOUT\\s+Sam\\s+2× Margherita \\(extra cheese\\), Cola\\s+0m\\s+\\S`)),
      expect.stringMatching(new RegExp(`^${burger}\\s+CONFIRMED\\s+DELIVERY\\s+Alex\\s+Cheeseburger\\s+0m`)),
      expect.stringMatching(new RegExp(`^${drink}\\s+PENDING\\s+DINE_IN\\s+Kim\\s+3× Lemonade\\s+0m`)),
    ]);
  });

  it('list --json gives the orders for scripts, filtered by status, type and station', async () => {
    const numbers = async (...filter: string[]) => json<{ number: number }[]>(await orderline.run(['orders', 'list', ...filter, '--json'])).map((o) => o.number);
    const [all, byStatus, byType, byStation, both] = await Promise.all([
      orderline.run(['orders', 'list', '--json']).then(json),
      numbers('--status', 'pending'),
      numbers('--type', 'DELIVERY', '--type', 'dine-in'),
      numbers('--station', 'bar'),
      numbers('--status', 'confirmed', '--station', 'oven'),
    ]);
    expect(all.map((o: { number: number }) => o.number)).toEqual([pizza, burger, drink]);
    expect(all[1]).toMatchObject({ number: burger, status: 'CONFIRMED', type: 'DELIVERY', address: '12 Quay St', version: 2, nextStatus: 'PREPARING', items: [{ name: 'Cheeseburger', station: 'grill' }] });
    expect(byStatus).toEqual([pizza, drink]);
    expect(byType).toEqual([burger, drink]);
    expect(byStation).toEqual([pizza, drink]);
    expect(both).toEqual([]);
  });

  it('list says so on stderr when nothing matches, and prints no table', async () => {
    const run = await orderline.run(['orders', 'list', '--status', 'ready']);
    expect(run).toMatchObject({ code: 0, stdout: '', stderr: 'no orders match\n' });
  });

  it('show prints one order with its history; --json includes the history', async () => {
    const [human, machine] = await Promise.all([orderline.run(['orders', 'show', String(burger)]), orderline.run(['orders', 'show', `#${burger}`, '--json'])]);
    expect(human).toMatchObject({ code: 0, stderr: '' });
    expect(human.stdout).toContain(`Order #${burger} · DELIVERY · 12 Quay St · Alex`);
    expect(human.stdout).toContain('Status     CONFIRMED (version 2)');
    expect(human.stdout).toMatch(/History\n.*→ PENDING .*first manager \(manager\)\n.*PENDING → CONFIRMED .*first manager \(manager\)\n$/);
    expect(json(machine)).toMatchObject({
      number: burger,
      status: 'CONFIRMED',
      history: [
        { kind: 'PLACED', fromStatus: null, toStatus: 'PENDING', cursor: expect.any(String) },
        { kind: 'STATUS_CHANGED', fromStatus: 'PENDING', toStatus: 'CONFIRMED', actor: 'first manager (manager)' },
      ],
    });
  });

  it('show of an order that does not exist exits 5', async () => {
    const run = await orderline.run(['orders', 'show', '999']);
    expect(run).toMatchObject({ code: 5, stdout: '' });
    expect(run.stderr).toMatch(/^orderline: there is no order number 999/);
  });

  it('show of something that is not an order number is a usage error (exit 2)', async () => {
    const run = await orderline.run(['orders', 'show', 'twelve']);
    expect(run).toMatchObject({ code: 2, stderr: 'orderline: "twelve" is not an order number (a whole number such as 12)\n' });
  });
});

describe('orders list longer than a page', () => {
  let server: TestServer;
  let orderline: Orderline;
  withTestServer(async (started) => {
    ({ server, orderline } = started);
    for (let i = 0; i < 106; i++) await placeOrder(server, { customerName: `Guest ${i + 1}` });
  });

  it('-n above the server’s page size reads page by page: the newest orders, oldest first, none twice', async () => {
    const numbers = json<{ number: number }[]>(await orderline.run(['orders', 'list', '-n', '105', '--json'])).map((o) => o.number);
    expect(numbers).toEqual(Array.from({ length: 105 }, (_, i) => i + 2));
    const all = json<unknown[]>(await orderline.run(['orders', 'list', '-n', '500', '--json']));
    expect(all).toHaveLength(106);
  });
});

describe('changing orders', () => {
  it('set-status moves an order and records the note; --json gives the change', async () => {
    const number = await placeOrder(server);
    const human = await orderline.run(['orders', 'set-status', String(number), 'confirmed', '--note', 'on it']);
    expect(human).toMatchObject({ code: 0, stdout: `#${number}  PENDING → CONFIRMED  (version 2)\n`, stderr: '' });
    const change = json(await orderline.run(['orders', 'set-status', String(number), 'PREPARING', '--json']));
    expect(change).toMatchObject({
      order: { number, status: 'PREPARING', version: 3 },
      event: { kind: 'STATUS_CHANGED', fromStatus: 'CONFIRMED', toStatus: 'PREPARING', cursor: expect.any(String) },
      replayed: false,
    });
    const order = await orderOnServer(server, number);
    expect(order.history.map((e) => [e.toStatus, e.note])).toEqual([
      ['PENDING', null],
      ['CONFIRMED', 'on it'],
      ['PREPARING', null],
    ]);
  });

  it('setting the status an order already has changes nothing, and says so', async () => {
    const number = await placeOrder(server);
    const run = await orderline.run(['orders', 'set-status', String(number), 'pending']);
    expect(run).toMatchObject({ code: 0, stdout: `#${number}  already PENDING; nothing changed\n` });
    expect((await orderOnServer(server, number)).version).toBe(1);
  });

  it('advance moves several orders one step each; --json writes one change per line', async () => {
    const [first, second] = [await placeOrder(server), await placeOrder(server)];
    const human = await orderline.run(['orders', 'advance', String(first), String(second)]);
    expect(human).toMatchObject({ code: 0, stdout: `#${first}  PENDING → CONFIRMED  (version 2)\n#${second}  PENDING → CONFIRMED  (version 2)\n` });
    const lines = jsonLines((await orderline.run(['orders', 'advance', String(first), String(second), '--json'])).stdout);
    expect(lines.map((l) => [l.order.number, l.event.fromStatus, l.event.toStatus])).toEqual([
      [first, 'CONFIRMED', 'PREPARING'],
      [second, 'CONFIRMED', 'PREPARING'],
    ]);
  });

  it('advance goes on past an order that does not exist, changes the rest, and exits 5', async () => {
    const number = await placeOrder(server);
    const run = await orderline.run(['orders', 'advance', '999', String(number)]);
    expect(run).toMatchObject({ code: 5, stdout: `#${number}  PENDING → CONFIRMED  (version 2)\n` });
    expect(run.stderr).toBe('orderline: #999: there is no order number 999\norderline: 1 of 2 orders were not changed\n');
    expect((await orderOnServer(server, number)).status).toBe('CONFIRMED');
  });

  it('cancel records the reason the customer sees', async () => {
    const number = await placeOrder(server);
    const run = await orderline.run(['orders', 'cancel', String(number), '--reason', 'out of dough']);
    expect(run).toMatchObject({ code: 0, stdout: `#${number}  PENDING → CANCELLED  (version 2)\n` });
    expect(await orderOnServer(server, number)).toMatchObject({ status: 'CANCELLED', cancelReason: 'out of dough' });
  });

  it('cancel without --reason, or set-status cancelled without --note, is a usage error (exit 2)', async () => {
    const [cancel, setStatus] = await Promise.all([orderline.run(['orders', 'cancel', '1']), orderline.run(['orders', 'set-status', '1', 'cancelled'])]);
    expect(cancel.code).toBe(2);
    expect(cancel.stderr).toContain("error: required option '-r, --reason <text>' not specified");
    expect(setStatus).toMatchObject({ code: 2, stderr: 'orderline: cancelling needs a reason: add --note "why", or run `orderline orders cancel 1 --reason "why"`\n' });
  });

  it('an invalid transition exits 3 and says where the order can go', async () => {
    const number = await placeOrder(server);
    const run = await orderline.run(['orders', 'set-status', String(number), 'ready']);
    expect(run).toMatchObject({ code: 3, stdout: '' });
    expect(run.stderr).toBe(`orderline: order ${number} cannot go from PENDING to READY: PENDING can only move to CONFIRMED (or CANCELLED), not READY\n`);
    expect((await orderOnServer(server, number)).version).toBe(1);
  });

  it('a stale --expect-version exits 3 and changes nothing', async () => {
    const number = await placeOrder(server);
    await advance(server, number);
    const run = await orderline.run(['orders', 'advance', String(number), '--expect-version', '1']);
    expect(run).toMatchObject({ code: 3, stdout: '' });
    expect(run.stderr).toContain(`order ${number} changed since you loaded it (you had version 1, it is now version 2, CONFIRMED); reload it and try again`);
    expect((await orderOnServer(server, number)).version).toBe(2);
  });

  it('a mistyped status is a usage error with a suggestion (exit 2)', async () => {
    const run = await orderline.run(['orders', 'set-status', '1', 'redy']);
    expect(run).toMatchObject({ code: 2, stdout: '' });
    expect(run.stderr).toMatch(/^orderline: unknown status "redy"; did you mean READY\? \(statuses: PENDING, CONFIRMED, /);
  });

  it('a kitchen token may move orders but not cancel them (exit 4)', async () => {
    const kitchen = orderlineFor(server, await server.token('KITCHEN', 'Grill screen'));
    const number = await placeOrder(server);
    expect((await kitchen.run(['orders', 'advance', String(number)])).code).toBe(0);
    const run = await kitchen.run(['orders', 'cancel', String(number), '--reason', 'burnt']);
    expect(run).toMatchObject({ code: 4, stdout: '' });
    expect(run.stderr).toContain('needs a MANAGER token; "Grill screen" is KITCHEN');
    expect((await orderOnServer(server, number)).status).toBe('CONFIRMED');
  });

  it('a wrong token exits 4 and says how to find out which token is used', async () => {
    const run = await orderlineFor(server, 'olt_not-a-real-token').run(['orders', 'list']);
    expect(run).toMatchObject({ code: 4, stdout: '' });
    expect(run.stderr).toContain('the token is unknown or revoked');
    expect(run.stderr.trimEnd().split('\n').at(-1)).toBe('Check --token / ORDERLINE_TOKEN; `orderline whoami` shows which one is used.');
  });
});

describe('the kitchen’s changes: bump, recall, rush', () => {
  let server: TestServer;
  let orderline: Orderline;
  let offsetMs = 0;
  withTestServer((started) => ({ server, orderline } = started), { clock: () => new Date(Date.now() + offsetMs), settings: { recallMinutes: 10 } });

  /** A cheeseburger (grill), two fries (fry) and a cola (bar): three stations. */
  const burgerFriesCola = () =>
    placeOrder(server, { items: [{ menuItemId: 'cheeseburger', quantity: 1 }, { menuItemId: 'fries', quantity: 2 }, { menuItemId: 'cola', quantity: 1 }] });
  /** Each item's station and state, and the order's status, as the server has them. */
  const kitchenOnServer = async (number: number) => {
    const order = await orderOnServer(server, number);
    return { status: order.status, items: order.items.map((item) => [item.station, item.state]) };
  };

  it('bump --station finishes only that station’s items on the server and starts the order; the last station makes it READY', async () => {
    const number = await burgerFriesCola();
    const kitchen = orderlineFor(server, await server.token('KITCHEN', 'Grill screen')); // what a cook has
    const grill = await kitchen.run(['orders', 'bump', String(number), '--station', 'grill']);
    expect(grill).toMatchObject({ code: 0, stdout: `#${number}  grill done: Cheeseburger · PENDING → PREPARING  (version 2)\n`, stderr: '' });
    expect(await kitchenOnServer(number)).toEqual({ status: 'PREPARING', items: [['grill', 'DONE'], ['fry', 'COOKING'], ['bar', 'COOKING']] });

    const fries = (await orderOnServer(server, number)).items[1]!;
    const fry = json(await kitchen.run(['orders', 'bump', String(number), '--station', 'fry', '--json']));
    expect(fry).toMatchObject({
      order: { number, status: 'PREPARING', version: 3 },
      event: { kind: 'ITEMS_DONE', fromStatus: null, toStatus: null, station: 'fry', itemIds: [fries.id] },
      replayed: false,
    });
    expect(await kitchenOnServer(number)).toEqual({ status: 'PREPARING', items: [['grill', 'DONE'], ['fry', 'DONE'], ['bar', 'COOKING']] });

    const bar = await kitchen.run(['orders', 'bump', String(number), '--station', 'bar']);
    expect(bar).toMatchObject({ code: 0, stdout: `#${number}  bar done: Cola · PREPARING → READY  (version 4)\n` });
    expect(await kitchenOnServer(number)).toEqual({ status: 'READY', items: [['grill', 'DONE'], ['fry', 'DONE'], ['bar', 'DONE']] });
  });

  it('bump --item finishes the items named by id; again it changes nothing and says so; with neither, the whole ticket', async () => {
    const number = await burgerFriesCola();
    const [, fries, cola] = (await orderOnServer(server, number)).items;
    const some = await orderline.run(['orders', 'bump', String(number), '--item', fries!.id, '--item', cola!.id]);
    expect(some).toMatchObject({ code: 0, stdout: `#${number}  done: 2× Fries, Cola · PENDING → PREPARING  (version 2)\n` });
    expect(await kitchenOnServer(number)).toEqual({ status: 'PREPARING', items: [['grill', 'COOKING'], ['fry', 'DONE'], ['bar', 'DONE']] });

    const again = await orderline.run(['orders', 'bump', String(number), '--item', cola!.id]);
    expect(again).toMatchObject({ code: 0, stdout: `#${number}  already done; nothing changed\n` });
    expect((await orderOnServer(server, number)).version).toBe(2);

    const rest = await orderline.run(['orders', 'bump', String(number)]);
    expect(rest).toMatchObject({ code: 0, stdout: `#${number}  done: Cheeseburger · PREPARING → READY  (version 3)\n` });
    expect(await kitchenOnServer(number)).toEqual({ status: 'READY', items: [['grill', 'DONE'], ['fry', 'DONE'], ['bar', 'DONE']] });
  });

  it('recall --station takes its bump back: those items cook again and the READY order is PREPARING, with the note in the log', async () => {
    const number = await burgerFriesCola();
    expect((await orderline.run(['orders', 'bump', String(number)])).code).toBe(0);
    const run = await orderline.run(['orders', 'recall', String(number), '--station', 'grill', '--note', 'undercooked']);
    expect(run).toMatchObject({ code: 0, stdout: `#${number}  grill recalled: Cheeseburger · READY → PREPARING  (version 3)\n`, stderr: '' });
    expect(await kitchenOnServer(number)).toEqual({ status: 'PREPARING', items: [['grill', 'COOKING'], ['fry', 'DONE'], ['bar', 'DONE']] });
    expect((await orderOnServer(server, number)).history.at(-1)).toMatchObject({ kind: 'RECALLED', fromStatus: 'READY', toStatus: 'PREPARING', note: 'undercooked' });
  });

  it('a recall past the window is a conflict (exit 3) with the server’s reason, and changes nothing', async () => {
    const number = await burgerFriesCola();
    expect((await orderline.run(['orders', 'bump', String(number)])).code).toBe(0);
    offsetMs += 11 * 60_000;
    const run = await orderline.run(['orders', 'recall', String(number)]);
    expect(run).toMatchObject({
      code: 3,
      stdout: '',
      stderr: `orderline: order ${number} cannot be recalled: it was bumped 11 min ago; only bumps of the last 10 min can be recalled\n`,
    });
    expect(await orderOnServer(server, number)).toMatchObject({ status: 'READY', version: 2 });
  });

  it('rush marks the order on the server and --off clears it, each saying what changed', async () => {
    const number = await burgerFriesCola();
    expect(await orderline.run(['orders', 'rush', String(number)])).toMatchObject({ code: 0, stdout: `#${number}  rush on  (version 2)\n`, stderr: '' });
    expect((await orderOnServer(server, number)).rush).toBe(true);
    expect(await orderline.run(['orders', 'rush', String(number)])).toMatchObject({ code: 0, stdout: `#${number}  rush already on; nothing changed\n` });

    const off = json(await orderline.run(['orders', 'rush', String(number), '--off', '--json']));
    expect(off).toMatchObject({ order: { number, rush: false, version: 3 }, event: { kind: 'RUSH_CHANGED' }, replayed: false });
    expect(await orderOnServer(server, number)).toMatchObject({ rush: false, version: 3 });
  });

  it('an order that does not exist exits 5 for bump, recall and rush', async () => {
    const runs = await Promise.all([['bump', '999', '--station', 'grill'], ['recall', '999'], ['rush', '999', '--off']].map((args) => orderline.run(['orders', ...args])));
    for (const run of runs) {
      expect(run).toMatchObject({ code: 5, stdout: '' });
      expect(run.stderr).toMatch(/^orderline: there is no order number 999/);
    }
  });

  it('a station the order has nothing for, --station with --item, or an item id that is not one is a usage error (exit 2) and changes nothing', async () => {
    const number = await burgerFriesCola();
    const [station, both, notAnId] = await Promise.all([
      orderline.run(['orders', 'bump', String(number), '--station', 'oven']),
      orderline.run(['orders', 'bump', String(number), '--station', 'grill', '--item', '1']),
      orderline.run(['orders', 'recall', String(number), '--item', 'fries']),
    ]);
    expect(station).toMatchObject({ code: 2, stdout: '' });
    expect(station.stderr).toContain(`order ${number} has nothing for the oven station`);
    expect(both).toMatchObject({ code: 2, stderr: expect.stringContaining("error: option '--station <name>' cannot be used with option '--item <id>'") });
    expect(notAnId).toMatchObject({ code: 2, stderr: 'orderline: "fries" is not an item id (the number `orderline orders show` lists before each item, such as 31)\n' });
    expect(await orderOnServer(server, number)).toMatchObject({ status: 'PENDING', version: 1 });
  });

  it('show lists each item with its id, station and state; --json includes them', async () => {
    const number = await burgerFriesCola();
    await orderline.run(['orders', 'bump', String(number), '--station', 'grill']);
    const [burger, fries, cola] = (await orderOnServer(server, number)).items;
    const [human, machine] = await Promise.all([orderline.run(['orders', 'show', String(number)]), orderline.run(['orders', 'show', String(number), '--json'])]);
    expect(human).toMatchObject({ code: 0, stderr: '' });
    expect(human.stdout).toMatch(
      new RegExp(
        [
          `\nItems      Cheeseburger, 2× Fries, Cola · €\\S+\n`,
          ` +${burger!.id}  Cheeseburger  grill  DONE\n`,
          ` +${fries!.id}  2× Fries      fry    COOKING\n`,
          ` +${cola!.id}  Cola          bar    COOKING\n`,
        ].join(''),
      ),
    );
    expect(json(machine).items).toMatchObject([
      { id: burger!.id, name: 'Cheeseburger', station: 'grill', state: 'DONE' },
      { id: fries!.id, name: 'Fries', station: 'fry', state: 'COOKING' },
      { id: cola!.id, name: 'Cola', station: 'bar', state: 'COOKING' },
    ]);
  });
});

describe('orders from an earlier business day (numbers restart daily)', () => {
  let server: TestServer;
  let orderline: Orderline;
  let now = new Date('2026-03-02T22:00:00Z');
  withTestServer(
    async (started) => {
      ({ server, orderline } = started);
      expect(await placeOrder(server, { customerName: 'Yesterday' })).toBe(1); // never collected
      now = new Date('2026-03-03T09:00:00Z');
      expect(await placeOrder(server, { customerName: 'Today' })).toBe(1);
    },
    { clock: () => now },
  );
  const shown = async (...date: string[]) => json(await orderline.run(['orders', 'show', '1', ...date, '--json']));
  /** Whose order a change moved. */
  const changed = async (...args: string[]) => json(await orderline.run(['orders', ...args, '--json'])).order.customerName;

  it('a number alone names today’s order; --date names that day’s, for show, set-status, advance and cancel', async () => {
    expect((await shown()).customerName).toBe('Today');
    expect((await shown('--date', '2026-03-02')).customerName).toBe('Yesterday');

    expect(await changed('advance', '1', '--date', '2026-03-02')).toBe('Yesterday');
    expect(await changed('set-status', '1', 'preparing', '--date', '2026-03-02')).toBe('Yesterday');
    expect(await changed('cancel', '1', '--date', '2026-03-02', '--reason', 'never collected')).toBe('Yesterday');
    // Yesterday's order is long past its promise, so the server may also have logged it as LATE.
    const moves = (await shown('--date', '2026-03-02')).history.filter((e: { kind: string }) => e.kind !== 'LATE');
    expect(moves.map((e: { toStatus: string }) => e.toStatus)).toEqual(['PENDING', 'CONFIRMED', 'PREPARING', 'CANCELLED']);
    expect(await orderOnServer(server, 1)).toMatchObject({ customerName: 'Today', status: 'PENDING', version: 1 });
  });

  it('--date with no such order exits 5 and points to that day’s list; a date that is not one exits 2', async () => {
    const missing = await orderline.run(['orders', 'cancel', '1', '--date', '2026-03-01', '--reason', 'x']);
    expect(missing).toMatchObject({
      code: 5,
      stdout: '',
      stderr: "orderline: there is no order number 1 on 2026-03-01; `orderline orders list --date 2026-03-01` shows that day's orders\n",
    });
    for (const date of ['2026-02-30', 'yesterday', '03/02/2026']) {
      const run = await orderline.run(['orders', 'advance', '1', '--date', date]);
      expect(run).toMatchObject({ code: 2, stderr: `orderline: "${date}" is not a date: give the business date as YYYY-MM-DD, such as 2026-03-02\n` });
    }
    expect(await orderOnServer(server, 1)).toMatchObject({ customerName: 'Today', status: 'PENDING', version: 1 });
  });
});

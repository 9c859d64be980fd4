// What staff are told as it happens: new orders, cancellations, late tickets, live statistics.
import { afterEach, describe, expect, it } from 'vitest';
import { PROVIDERS } from '../support/databases.ts';
import { CANCEL, PLACE_ORDER, takeoutOrder } from '../support/operations.ts';
import { startServer, type TestServer } from '../support/server.ts';
import { subscribe } from '../support/subscription.ts';

const NOTIFICATIONS = `subscription($after: String) { staffNotifications(after: $after) { kind message event { orderNumber cursor } } }`;
const STATS = `subscription { statsUpdated { open placedToday cancelledToday late byStatus { status count } } }`;

describe.each(PROVIDERS)('staff notifications and live statistics on %s', (provider) => {
  let server: TestServer;
  let now = Date.now();
  afterEach(() => server.stop());

  it('tells staff about new orders, cancellations and tickets that run late', async () => {
    server = await startServer({ provider, lateCheckMs: 50, clock: () => new Date(now) });
    const notes = subscribe(server.ws(), NOTIFICATIONS, { after: '0' });
    await server.gql(PLACE_ORDER, { input: takeoutOrder({ customerName: 'Robin' }) }, null);
    expect((await notes.next()).staffNotifications).toMatchObject({ kind: 'NEW_ORDER', message: 'New takeout order #1 for Robin (3 items)' });

    await server.gql(PLACE_ORDER, { input: takeoutOrder() }, null);
    await notes.next();
    await server.gql(CANCEL, { number: 2, reason: 'customer called to cancel' });
    expect((await notes.next()).staffNotifications).toMatchObject({
      kind: 'ORDER_CANCELLED',
      message: 'Order #2 was cancelled: customer called to cancel',
    });

    // Half an hour on, order 1 (a 12-minute pizza) is past its promise; it is reported once.
    now += 30 * 60_000;
    const late = (await notes.next()).staffNotifications;
    expect(late).toMatchObject({ kind: 'LATE_TICKET', event: { orderNumber: 1 } });
    expect(late.message).toMatch(/^Order #1 is late: promised for /);
    await expect(notes.next(300)).rejects.toThrow(/no subscription event/);
  });

  it('status changes are not notifications', async () => {
    server = await startServer({ provider });
    await server.gql(PLACE_ORDER, { input: takeoutOrder() }, null);
    await server.gql(`mutation { advanceOrder(number: 1) { __typename } }`);
    await server.gql(PLACE_ORDER, { input: takeoutOrder() }, null);
    const notes = subscribe(server.ws(), NOTIFICATIONS, { after: '0' });
    expect((await notes.take(2)).map((n) => n.staffNotifications.event.orderNumber)).toEqual([1, 2]);
    await expect(notes.next(300)).rejects.toThrow(/no subscription event/);
  });

  it('pushes statistics when subscribed and again after changes', async () => {
    server = await startServer({ provider });
    const stats = subscribe(server.ws(), STATS);
    expect((await stats.next()).statsUpdated).toMatchObject({ open: 0, placedToday: 0 });
    await server.gql(PLACE_ORDER, { input: takeoutOrder() }, null);
    await server.gql(PLACE_ORDER, { input: takeoutOrder() }, null);
    await server.gql(`mutation { advanceOrder(number: 1) { __typename } }`);
    // Changes in quick succession are pushed together, so wait for the counts to settle.
    let latest = (await stats.next()).statsUpdated;
    while (latest.byStatus.find((s: { status: string }) => s.status === 'CONFIRMED').count !== 1) latest = (await stats.next()).statsUpdated;
    expect(latest).toMatchObject({ open: 2, placedToday: 2, cancelledToday: 0, late: 0 });
    expect(latest.byStatus.filter((s: { count: number }) => s.count > 0)).toEqual([
      { status: 'PENDING', count: 1 },
      { status: 'CONFIRMED', count: 1 },
    ]);
  });
});

describe.each(PROVIDERS)('the pickup board on %s', (provider) => {
  let server: TestServer;
  afterEach(() => server.stop());

  it('shows numbers moving from preparing to ready, with no names, no deliveries and no dine-in orders', async () => {
    server = await startServer({ provider });
    const board = subscribe(server.ws(null), `subscription { pickupBoardUpdated { preparing { number } ready { number } } }`);
    expect((await board.next()).pickupBoardUpdated).toEqual({ preparing: [], ready: [] });
    await server.gql(PLACE_ORDER, { input: takeoutOrder({ customerName: 'Secret Name' }) }, null);
    await server.gql(PLACE_ORDER, { input: takeoutOrder({ type: 'DELIVERY', address: '9 Elm Row' }) }, null);
    await server.gql(PLACE_ORDER, { input: takeoutOrder({ type: 'DINE_IN', table: '12' }) }, null);
    for (const number of [2, 3]) for (let i = 0; i < 3; i++) await server.gql(`mutation { advanceOrder(number: ${number}) { __typename } }`);
    for (let i = 0; i < 3; i++) await server.gql(`mutation { advanceOrder(number: 1) { __typename } }`);
    let latest = (await board.next()).pickupBoardUpdated;
    while (latest.ready.length === 0) latest = (await board.next()).pickupBoardUpdated;
    expect(latest).toEqual({ preparing: [], ready: [{ number: 1 }] });
    const everything = await server.gql(`{ pickupBoard { preparing { number since } ready { number since } } }`, {}, null);
    expect(JSON.stringify(everything)).not.toContain('Secret');
  });
});

// The kitchen model through the API: station and item bumps, the order turning READY with its last
// station, expo, recall within its window, rush, and every change in the replayed event log.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RECALL_LIST } from '../../server/orders/queries.ts';
import { startServer, type TestServer } from '../support/server.ts';

const ORDER = `id number status version rush readyAt items { id name station state doneAt }`;
const RESULT = `
  __typename
  ... on OrderChange { order { ${ORDER} } event { id kind fromStatus toStatus actor itemIds station rush } }
  ... on Error { message code }
  ... on ValidationError { problems { path message } }
`;
const BUMP = `mutation($id: ID!, $station: String, $itemIds: [ID!], $expectedVersion: Int, $key: String) {
  bumpItems(id: $id, station: $station, itemIds: $itemIds, expectedVersion: $expectedVersion, idempotencyKey: $key) { ${RESULT} } }`;
const RECALL = `mutation($id: ID!, $station: String, $itemIds: [ID!]) { recallOrder(id: $id, station: $station, itemIds: $itemIds) { ${RESULT} } }`;
const RUSH = `mutation($id: ID!, $rush: Boolean!) { setRush(id: $id, rush: $rush) { ${RESULT} } }`;
const ADVANCE = `mutation($id: ID!) { advanceOrder(id: $id) { ${RESULT} } }`;
const PLACE = `mutation($input: PlaceOrderInput!) { placeOrder(input: $input) { ... on OrderChange { order { ${ORDER} } } } }`;

interface Item { id: string; name: string; station: string; state: string; doneAt: string | null }
interface Order { id: string; number: number; status: string; version: number; rush: boolean; readyAt: string | null; items: Item[] }

/** A server whose clock the test moves: recall windows are minutes long. */
function kitchen(settings: Record<string, unknown> = {}) {
  let offsetMs = 0;
  const ctx = {
    server: undefined as unknown as TestServer,
    later: (minutes: number) => void (offsetMs += minutes * 60_000),
    async burgerAndFries(): Promise<Order> {
      const input = { customerName: 'Ana', type: 'TAKEOUT', items: [{ menuItemId: 'cheeseburger', quantity: 1 }, { menuItemId: 'fries', quantity: 2 }] };
      return (await ctx.server.gql(PLACE, { input })).data.placeOrder.order;
    },
    async change(query: string, variables: Record<string, unknown>, token?: string) {
      const result = await ctx.server.gql(query, variables, token);
      if (result.errors) throw new Error(JSON.stringify(result.errors));
      return Object.values(result.data)[0] as { __typename: string; order: Order; event: any; message: string; code: string; problems?: unknown[] };
    },
  };
  beforeAll(async () => {
    ctx.server = await startServer({ settings, clock: () => new Date(Date.now() + offsetMs) });
  });
  afterAll(() => ctx.server.stop());
  return ctx;
}

describe('station bumps', () => {
  const k = kitchen();

  it('a station bump finishes only that station’s items and starts the order; the last station makes it READY', async () => {
    const order = await k.burgerAndFries();
    expect(order.items.map((item) => item.state)).toEqual(['WAITING', 'WAITING']);
    const grill = await k.change(BUMP, { id: order.id, station: 'grill', expectedVersion: order.version });
    expect(grill.__typename).toBe('OrderChange');
    expect(grill.order.status).toBe('PREPARING');
    expect(grill.order.items.map((item) => [item.station, item.state])).toEqual([['grill', 'DONE'], ['fry', 'COOKING']]);
    expect(grill.event).toMatchObject({ kind: 'ITEMS_DONE', fromStatus: 'PENDING', toStatus: 'PREPARING', station: 'grill', itemIds: [order.items[0]!.id] });

    const fry = await k.change(BUMP, { id: order.id, station: 'fry' });
    expect(fry.order.status).toBe('READY');
    expect(fry.order.items.every((item) => item.state === 'DONE')).toBe(true);
    expect(fry.event).toMatchObject({ kind: 'ITEMS_DONE', fromStatus: 'PREPARING', toStatus: 'READY', station: 'fry' });
  });

  it('bumping a done station again changes nothing; a station the order has nothing for is a typed error', async () => {
    const order = await k.burgerAndFries();
    await k.change(BUMP, { id: order.id, station: 'grill' });
    const again = await k.change(BUMP, { id: order.id, station: 'grill' });
    expect(again.event).toBeNull();
    const bar = await k.change(BUMP, { id: order.id, station: 'bar' });
    expect(bar.__typename).toBe('ValidationError');
    expect(bar.message).toMatch(/has nothing for the bar station; its stations are fry, grill/);
    expect(bar.problems).toEqual([{ path: 'station', message: expect.any(String) }]);
  });

  it('one item can be bumped by id; an item of another order is refused', async () => {
    const order = await k.burgerAndFries();
    const other = await k.burgerAndFries();
    const fries = order.items[1]!;
    const one = await k.change(BUMP, { id: order.id, itemIds: [fries.id] });
    expect(one.order.items.map((item) => item.state)).toEqual(['COOKING', 'DONE']);
    const wrong = await k.change(BUMP, { id: order.id, itemIds: [other.items[0]!.id] });
    expect(wrong.__typename).toBe('ValidationError');
  });

  it('a whole-ticket bump finishes every item; a ticket that left the kitchen cannot be bumped', async () => {
    const order = await k.burgerAndFries();
    const done = await k.change(BUMP, { id: order.id });
    expect(done.order.status).toBe('READY');
    expect(done.order.readyAt).not.toBeNull();
    const late = await k.change(BUMP, { id: order.id, station: 'grill' });
    expect(late.__typename).toBe('InvalidTransitionError');
    expect(late.message).toMatch(/cannot be bumped: it is READY/);
  });

  it('advancing a ticket to READY on the main screen marks its items done, so no station keeps it', async () => {
    const order = await k.burgerAndFries();
    for (let i = 0; i < 3; i++) await k.change(ADVANCE, { id: order.id });
    const { data } = await k.server.gql(`query($n: Int!) { order(number: $n) { status items { state } } }`, { n: order.number });
    expect(data.order).toEqual({ status: 'READY', items: [{ state: 'DONE' }, { state: 'DONE' }] });
  });

  it('a stale version is refused as a conflict, as every other change is', async () => {
    const order = await k.burgerAndFries();
    await k.change(BUMP, { id: order.id, station: 'grill' });
    const stale = await k.change(BUMP, { id: order.id, station: 'fry', expectedVersion: order.version });
    expect(stale.__typename).toBe('VersionConflictError');
  });
});

describe('recall and rush', () => {
  const k = kitchen({ recallMinutes: 10 });

  it('recalls a READY ticket within the window: PREPARING again, every item cooking, with who did it', async () => {
    const order = await k.burgerAndFries();
    await k.change(BUMP, { id: order.id });
    k.later(9);
    const recalled = await k.change(RECALL, { id: order.id });
    expect(recalled.order.status).toBe('PREPARING');
    expect(recalled.order.readyAt).toBeNull();
    expect(recalled.order.items.map((item) => item.state)).toEqual(['COOKING', 'COOKING']);
    expect(recalled.event).toMatchObject({ kind: 'RECALLED', fromStatus: 'READY', toStatus: 'PREPARING', actor: expect.stringContaining('manager') });
  });

  it('a station recalls only its own items, and the order with them', async () => {
    const order = await k.burgerAndFries();
    await k.change(BUMP, { id: order.id });
    const grill = await k.change(RECALL, { id: order.id, station: 'grill' });
    expect(grill.order.status).toBe('PREPARING');
    expect(grill.order.items.map((item) => [item.station, item.state])).toEqual([['grill', 'COOKING'], ['fry', 'DONE']]);
  });

  it('refuses a recall past the window with a typed error, and of an order that left the kitchen', async () => {
    const order = await k.burgerAndFries();
    await k.change(BUMP, { id: order.id });
    k.later(11);
    const late = await k.change(RECALL, { id: order.id });
    expect(late).toMatchObject({ __typename: 'RecallWindowError', code: 'RECALL_WINDOW_PASSED' });
    expect(late.message).toMatch(/bumped 11 min ago; only bumps of the last 10 min/);
    await k.change(ADVANCE, { id: order.id }); // READY → COMPLETED
    const final = await k.change(RECALL, { id: order.id });
    expect(final.__typename).toBe('InvalidTransitionError');
    expect(final.message).toMatch(/cannot be recalled: it is COMPLETED/);
  });

  it('nothing bumped means nothing to recall', async () => {
    const order = await k.burgerAndFries();
    const none = await k.change(RECALL, { id: order.id });
    expect(none.__typename).toBe('InvalidTransitionError');
    expect(none.message).toMatch(/nothing to recall/);
  });

  it('rush can be set and cleared with an event each; a kitchen token may do it, a customer may not', async () => {
    const order = await k.burgerAndFries();
    const kitchenToken = await k.server.token('KITCHEN');
    const on = await k.change(RUSH, { id: order.id, rush: true }, kitchenToken);
    expect(on.order.rush).toBe(true);
    expect(on.event).toMatchObject({ kind: 'RUSH_CHANGED', rush: true });
    expect((await k.change(RUSH, { id: order.id, rush: true }, kitchenToken)).event).toBeNull();
    expect((await k.change(RUSH, { id: order.id, rush: false }, kitchenToken)).order.rush).toBe(false);
    const customer = await k.server.gql(RUSH, { id: order.id, rush: true }, '');
    expect(customer.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('the event log replays every kitchen change of an order in order', async () => {
    const order = await k.burgerAndFries();
    await k.change(BUMP, { id: order.id, station: 'fry' });
    await k.change(RUSH, { id: order.id, rush: true });
    await k.change(BUMP, { id: order.id, station: 'grill' });
    await k.change(RECALL, { id: order.id, station: 'grill' });
    const { data } = await k.server.gql(`query($n: Int!) { order(number: $n) { history { kind station toStatus } } }`, { n: order.number });
    expect(data.order.history).toEqual([
      { kind: 'PLACED', station: null, toStatus: 'PENDING' },
      { kind: 'ITEMS_DONE', station: 'fry', toStatus: 'PREPARING' },
      { kind: 'RUSH_CHANGED', station: null, toStatus: null },
      { kind: 'ITEMS_DONE', station: 'grill', toStatus: 'READY' },
      { kind: 'RECALLED', station: 'grill', toStatus: 'PREPARING' },
    ]);
  });
});

describe('expo and settings', () => {
  const k = kitchen({ expo: true, bump: 'done', timers: 'dine-in=8/12,takeout=5/8,delivery=10/15', allergyWords: 'Garlic' });

  it('with expo, the last station leaves the order PREPARING until the expo bumps it', async () => {
    const order = await k.burgerAndFries();
    await k.change(BUMP, { id: order.id, station: 'grill' });
    const fry = await k.change(BUMP, { id: order.id, station: 'fry' });
    expect(fry.order.status).toBe('PREPARING');
    expect(fry.order.items.every((item) => item.state === 'DONE')).toBe(true);
    expect((await k.change(ADVANCE, { id: order.id })).order.status).toBe('READY');
  });

  it('serves the kitchen’s settings to every screen', async () => {
    const { data } = await k.server.gql(`{ kitchenSettings { bumpMode expo recallMinutes timers { type warnMinutes lateMinutes } allergyWords stations } }`);
    expect(data.kitchenSettings).toMatchObject({
      bumpMode: 'DONE',
      expo: true,
      recallMinutes: 10,
      timers: [
        { type: 'DINE_IN', warnMinutes: 8, lateMinutes: 12 },
        { type: 'TAKEOUT', warnMinutes: 5, lateMinutes: 8 },
        { type: 'DELIVERY', warnMinutes: 10, lateMinutes: 15 },
      ],
      stations: ['bar', 'cold', 'fry', 'grill', 'oven'],
    });
    expect(data.kitchenSettings.allergyWords).toEqual(expect.arrayContaining(['peanut', 'gluten', 'garlic']));
  });

  it('lists what can be recalled, the latest bump first, per station', async () => {
    const first = await k.burgerAndFries();
    const second = await k.burgerAndFries();
    await k.change(BUMP, { id: first.id, station: 'fry' });
    await k.change(BUMP, { id: second.id, station: 'grill' });
    const query = `query($station: String) { recentlyBumped(station: $station) { number } }`;
    const fry = (await k.server.gql(query, { station: 'fry' })).data.recentlyBumped.map((o: { number: number }) => o.number);
    expect(fry).toContain(first.number);
    expect(fry).not.toContain(second.number);
    const all = (await k.server.gql(query, {})).data.recentlyBumped.map((o: { number: number }) => o.number);
    expect(all.indexOf(second.number)).toBeLessThan(all.indexOf(first.number));
  });
});

describe('the recall list in a rush', () => {
  const k = kitchen();

  it('keeps the latest bumps when more tickets were bumped than it lists', async () => {
    const orders: Order[] = [];
    for (let i = 0; i <= RECALL_LIST; i++) orders.push(await k.burgerAndFries());
    // The first order's grill bump comes last, after every other ticket's.
    for (const order of orders.slice(1)) await k.change(BUMP, { id: order.id, station: 'fry' });
    await k.change(BUMP, { id: orders[0]!.id, station: 'grill' });
    const listed = (await k.server.gql(`{ recentlyBumped { number } }`)).data.recentlyBumped.map((o: { number: number }) => o.number);
    const latestFirst = [orders[0]!, ...orders.slice(2).reverse()].map((order) => order.number);
    // Fifty: the second order's bump, the oldest, is the one left out.
    expect(listed).toEqual(latestFirst);
  });
});

describe('settings are checked at start', () => {
  it('refuses a malformed timer with the setting’s name', async () => {
    await expect(startServer({ settings: { timers: 'takeout=8/5' } })).rejects.toThrow(/--timers \/ ORDERLINE_TIMERS: "takeout=8\/5" is not TYPE=WARN\/LATE/);
  });
});

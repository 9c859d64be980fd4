// A customer's own channel: the private key their browser keeps, sent with placeOrder, lists that
// customer's orders of the day (customerOrders, a query and a subscription) and nobody else's.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newCustomerKey } from '../../shared/customer-key.ts';
import { PROVIDERS } from '../support/databases.ts';
import { PLACE_ORDER, takeoutOrder } from '../support/operations.ts';
import { startServer, type TestServer } from '../support/server.ts';
import { subscribe } from '../support/subscription.ts';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

describe.each(PROVIDERS)('customer keys on %s', (provider) => {
  let server: TestServer;
  beforeAll(async () => (server = await startServer({ provider })));
  afterAll(() => server.stop());

  const place = async (customerKey: string | null, overrides: Record<string, unknown> = {}, key?: string) =>
    (await server.gql(PLACE_ORDER, { input: takeoutOrder(overrides), customerKey, key }, null)).data.placeOrder;

  it('a malformed key is a ValidationError at customerKey, and nothing is placed', async () => {
    const before = (await server.gql(`{ stats { placedToday } }`)).data;
    for (const bad of ['short', newCustomerKey().toUpperCase(), `${newCustomerKey()}!`, 'z'.repeat(65), '']) {
      const result = await place(bad);
      expect(result.__typename, bad).toBe('ValidationError');
      expect(result.problems).toEqual([{ path: 'customerKey', message: expect.stringMatching(/^a customer key is 20 to 64 characters of 0123456789abcdefghjkmnpqrstvwxyz/) }]);
    }
    expect((await server.gql(`{ stats { placedToday } }`)).data).toEqual(before);
  });

  it('stores only the key’s SHA-256, and a retry with the same key replays the first outcome', async () => {
    const customerKey = newCustomerKey();
    const first = await place(customerKey, { customerName: 'Hashed' }, 'retry-with-customer-key');
    expect(first.__typename).toBe('OrderChange');
    const again = await place(customerKey, { customerName: 'Hashed' }, 'retry-with-customer-key');
    expect(again).toMatchObject({ replayed: true, order: { id: first.order.id } });
    // Another browser's key is another sender: the same idempotency key makes an order of its own.
    const otherKey = await place(newCustomerKey(), { customerName: 'Hashed' }, 'retry-with-customer-key');
    expect(otherKey).toMatchObject({ __typename: 'OrderChange', replayed: false });
    expect(otherKey.order.id).not.toBe(first.order.id);

    const row = await server.app.services.db.read.order.findUniqueOrThrow({ where: { id: Number(first.order.id) } });
    expect(row.customerKeyHash).toBe(sha256(customerKey));
    expect(JSON.stringify(row)).not.toContain(customerKey);
  });

  it('no field of the schema returns the key or its hash', async () => {
    const customerKey = newCustomerKey();
    const placed = await place(customerKey);
    const { data } = await server.gql(`{ __schema { types { name fields { name args { name } type { kind name ofType { kind name ofType { kind name ofType { kind name } } } } } } } }`);
    type Field = { name: string; args: unknown[]; type: { kind: string; name: string | null; ofType: Field['type'] | null } };
    const types = data.__schema.types as { name: string; fields: Field[] | null }[];
    const fieldNames = types.flatMap((type) => (type.fields ?? []).map((field) => `${type.name}.${field.name}`));
    expect(fieldNames.filter((name) => /customer.?key|key.?hash/i.test(name))).toEqual([]);

    // Every plain field of the order, read back: none holds the key or the hash.
    const leaf = (type: Field['type']): boolean => (type.ofType ? leaf(type.ofType) : type.kind === 'SCALAR' || type.kind === 'ENUM');
    const order = types.find((type) => type.name === 'Order')!;
    const scalars = order.fields!.filter((field) => field.args.length === 0 && leaf(field.type)).map((field) => field.name);
    expect(scalars).toContain('trackingCode');
    const read = await server.gql(`query($code: String!) { orderByTrackingCode(code: $code) { ${scalars.join(' ')} } }`, { code: placed.order.trackingCode });
    expect(read.errors).toBeUndefined();
    const text = JSON.stringify(read.data);
    expect(text).not.toContain(customerKey);
    expect(text).not.toContain(sha256(customerKey));
  });
});

const CUSTOMER_ORDERS = `query($key: String!) { customerOrders(customerKey: $key) { id number status customerName } }`;
const CUSTOMER_ORDERS_LIVE = `subscription($key: String!) { customerOrders(customerKey: $key) { id number status customerName } }`;

type Listed = { id: string; number: number; status: string; customerName: string };

describe.each(PROVIDERS)('customerOrders on %s', (provider) => {
  let server: TestServer;
  beforeAll(async () => (server = await startServer({ provider })));
  afterAll(() => server.stop());

  const place = async (customerKey: string | null, customerName: string) => {
    const result = (await server.gql(PLACE_ORDER, { input: takeoutOrder({ customerName }), customerKey }, null)).data.placeOrder;
    expect(result.__typename).toBe('OrderChange');
    return result.order as { id: string; number: number };
  };
  const listOf = async (key: string): Promise<Listed[]> => {
    const result = await server.gql(CUSTOMER_ORDERS, { key }, null);
    expect(result.errors).toBeUndefined();
    return result.data.customerOrders;
  };
  const advance = (number: number) => server.gql(`mutation($n: Int!) { advanceOrder(number: $n) { __typename } }`, { n: number });

  it('lists the orders placed with the key, newest first, and nobody else’s', async () => {
    const alice = newCustomerKey();
    const bob = newCustomerKey();
    const a1 = await place(alice, 'Alice');
    const b1 = await place(bob, 'Bob');
    await place(null, 'Nobody');
    const a2 = await place(alice, 'Alice');
    expect((await listOf(alice)).map((order) => order.id)).toEqual([a2.id, a1.id]);
    expect((await listOf(bob)).map((order) => order.id)).toEqual([b1.id]);
    expect((await listOf(alice)).every((order) => order.customerName === 'Alice')).toBe(true);
  });

  it('keeps the day’s finished orders on the list', async () => {
    const key = newCustomerKey();
    const order = await place(key, 'Finisher');
    for (let i = 0; i < 4; i++) await advance(order.number);
    expect(await listOf(key)).toEqual([expect.objectContaining({ id: order.id, status: 'COMPLETED' })]);
  });

  it('an unknown key has an empty list, like a key with no orders', async () => {
    expect(await listOf(newCustomerKey())).toEqual([]);
  });

  it('a malformed key is a BAD_USER_INPUT error saying what a key is', async () => {
    for (const bad of ['nope', newCustomerKey().toUpperCase(), '']) {
      const result = await server.gql(CUSTOMER_ORDERS, { key: bad }, null);
      expect(result.data).toBeNull();
      expect(result.errors?.[0]).toMatchObject({
        message: expect.stringMatching(/^customerKey: a customer key is 20 to 64 characters of 0123456789abcdefghjkmnpqrstvwxyz/),
        extensions: { code: 'BAD_USER_INPUT' },
      });
    }
    const live = subscribe(server.ws(null), CUSTOMER_ORDERS_LIVE, { key: 'nope' });
    await expect(live.next()).rejects.toThrow(/BAD_USER_INPUT/);
  });

  it('lists at most 20 orders', async () => {
    const key = newCustomerKey();
    const placed: string[] = [];
    for (let i = 0; i < 21; i++) placed.push((await place(key, `Regular ${i}`)).id);
    expect((await listOf(key)).map((order) => order.id)).toEqual(placed.slice(1).reverse());
  });

  it('the subscription pushes the list at once, then on its own orders’ changes and new orders, never on another customer’s', async () => {
    const alice = newCustomerKey();
    const bob = newCustomerKey();
    const mine = await place(alice, 'Alice');
    const theirs = await place(bob, 'Bob');
    const aliceLive = subscribe<{ customerOrders: Listed[] }>(server.ws(null), CUSTOMER_ORDERS_LIVE, { key: alice });
    const bobLive = subscribe<{ customerOrders: Listed[] }>(server.ws(null), CUSTOMER_ORDERS_LIVE, { key: bob });
    expect((await aliceLive.next()).customerOrders).toEqual([expect.objectContaining({ id: mine.id, status: 'PENDING' })]);
    expect((await bobLive.next()).customerOrders).toEqual([expect.objectContaining({ id: theirs.id, status: 'PENDING' })]);

    // Bob's order moves, and Bob places another: Bob hears both, Alice nothing.
    await advance(theirs.number);
    expect((await bobLive.next()).customerOrders).toEqual([expect.objectContaining({ id: theirs.id, status: 'CONFIRMED' })]);
    const theirsToo = await place(bob, 'Bob');
    expect((await bobLive.next()).customerOrders.map((order) => order.id)).toEqual([theirsToo.id, theirs.id]);
    await expect(aliceLive.next(500)).rejects.toThrow(/no subscription event within 500 ms/);

    // Alice's own order moves: she hears it.
    await advance(mine.number);
    expect((await aliceLive.next()).customerOrders).toEqual([expect.objectContaining({ id: mine.id, status: 'CONFIRMED' })]);
    // A new order with her key: the list grows, newest first.
    const another = await place(alice, 'Alice');
    expect((await aliceLive.next()).customerOrders.map((order) => [order.id, order.status])).toEqual([
      [another.id, 'PENDING'],
      [mine.id, 'CONFIRMED'],
    ]);
    // A cancellation reaches her too.
    await server.gql(`mutation($n: Int!) { cancelOrder(number: $n, reason: "out of dough") { __typename } }`, { n: another.number });
    expect((await aliceLive.next()).customerOrders[0]).toMatchObject({ id: another.id, status: 'CANCELLED' });
    await expect(bobLive.next(500)).rejects.toThrow(/no subscription event within 500 ms/);
  });
});

describe('customerOrders across business days', () => {
  let server: TestServer;
  let now = new Date('2026-12-01T21:00:00Z');
  beforeAll(async () => (server = await startServer({ clock: () => now })));
  afterAll(() => server.stop());

  it('lists yesterday’s orders only while they are still open', async () => {
    const key = newCustomerKey();
    const placeWithKey = async () => (await server.gql(PLACE_ORDER, { input: takeoutOrder(), customerKey: key }, null)).data.placeOrder.order;
    const finished = await placeWithKey();
    const open = await placeWithKey();
    await server.gql(`mutation($n: Int!) { cancelOrder(number: $n, reason: "changed my mind") { __typename } }`, { n: finished.number });
    const list = async () => (await server.gql(CUSTOMER_ORDERS, { key }, null)).data.customerOrders.map((order: Listed) => order.id);
    expect(await list()).toEqual([open.id, finished.id]);

    now = new Date('2026-12-02T09:00:00Z'); // the next business day (UTC)
    expect(await list()).toEqual([open.id]);
    const today = await placeWithKey();
    expect(await list()).toEqual([today.id, open.id]);
  });

  it('the subscription drops yesterday’s finished orders once the day has turned', async () => {
    now = new Date('2026-12-03T21:00:00Z');
    const key = newCustomerKey();
    const placed = (await server.gql(PLACE_ORDER, { input: takeoutOrder(), customerKey: key }, null)).data.placeOrder.order;
    await server.gql(`mutation($n: Int!) { cancelOrder(number: $n, reason: "changed my mind") { __typename } }`, { n: placed.number });
    const live = subscribe<{ customerOrders: Listed[] }>(server.ws(null), CUSTOMER_ORDERS_LIVE, { key });
    expect((await live.next()).customerOrders.map((order) => order.status)).toEqual(['CANCELLED']);
    now = new Date('2026-12-04T09:00:00Z');
    // Someone else's order: nothing of this customer changed, but the subscription looks again.
    await server.gql(PLACE_ORDER, { input: takeoutOrder({ customerName: 'Someone else' }) }, null);
    expect((await live.next()).customerOrders).toEqual([]);
  });
});

// A customer's own channel: the private key their browser keeps, sent with placeOrder, lists that
// customer's orders of the day (customerOrders, a query and a subscription) and nobody else's.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newCustomerKey } from '../../shared/customer-key.ts';
import { PROVIDERS } from '../support/databases.ts';
import { PLACE_ORDER, takeoutOrder } from '../support/operations.ts';
import { startServer, type TestServer } from '../support/server.ts';

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
    const otherKey = await place(newCustomerKey(), { customerName: 'Hashed' }, 'retry-with-customer-key');
    expect(otherKey.__typename).toBe('IdempotencyKeyReusedError');

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

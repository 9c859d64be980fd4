// Idempotency keys belong to whoever sent them: a retry by the same sender gets the first outcome,
// while anyone else sending the same key (guessed, leaked, or a client bug) makes a request of
// their own and never sees the first sender's order or tracking code.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newCustomerKey } from '../../shared/customer-key.ts';
import { PROVIDERS } from '../support/databases.ts';
import { ADVANCE, PLACE_ORDER, takeoutOrder } from '../support/operations.ts';
import { startServer, type TestServer } from '../support/server.ts';

describe.each(PROVIDERS)('idempotency keys per sender on %s', (provider) => {
  let server: TestServer;
  beforeEach(async () => {
    // Behind a proxy, so each test client can come from an address of its own.
    server = await startServer({ provider, settings: { trustProxy: true } });
  });
  afterEach(() => server.stop());

  /** placeOrder as an anonymous customer at `address`, with their browser's customer key if they have one. */
  async function place(address: string, key: string, customerKey?: string) {
    const response = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': address },
      body: JSON.stringify({ query: PLACE_ORDER, variables: { input: takeoutOrder(), key, customerKey } }),
    });
    const { data, errors } = (await response.json()) as { data: any; errors?: unknown };
    expect(errors).toBeUndefined();
    return data.placeOrder;
  }

  it('two customers’ browsers sending the same key get an order each; each retry gets its own back', async () => {
    const [mine, theirs] = [newCustomerKey(), newCustomerKey()];
    const first = await place('203.0.113.7', 'checkout-1', mine);
    const other = await place('203.0.113.7', 'checkout-1', theirs);
    expect(other).toMatchObject({ __typename: 'OrderChange', replayed: false });
    expect(other.order.number).not.toBe(first.order.number);
    expect(other.order.trackingCode).not.toBe(first.order.trackingCode);

    // The same browser retrying from another network is still the same sender.
    const retry = await place('198.51.100.20', 'checkout-1', mine);
    expect(retry).toMatchObject({ replayed: true, order: { number: first.order.number, trackingCode: first.order.trackingCode } });
    expect((await place('203.0.113.7', 'checkout-1', theirs)).order.trackingCode).toBe(other.order.trackingCode);
  });

  it('without a customer key, the address tells senders apart', async () => {
    const first = await place('203.0.113.7', 'checkout-2');
    const stranger = await place('198.51.100.20', 'checkout-2');
    expect(stranger).toMatchObject({ __typename: 'OrderChange', replayed: false });
    expect(stranger.order.trackingCode).not.toBe(first.order.trackingCode);
    const retry = await place('203.0.113.7', 'checkout-2');
    expect(retry).toMatchObject({ replayed: true, order: { trackingCode: first.order.trackingCode } });
  });

  it('two staff tokens sending the same key each make their change; each retry applies nothing more', async () => {
    await place('203.0.113.7', 'checkout-3');
    const [grill, expo] = [await server.token('KITCHEN', 'Grill'), await server.token('KITCHEN', 'Expo')];
    const byGrill = (await server.gql(ADVANCE, { number: 1, key: 'bump-1' }, grill)).data.advanceOrder;
    const byExpo = (await server.gql(ADVANCE, { number: 1, key: 'bump-1' }, expo)).data.advanceOrder;
    expect(byGrill).toMatchObject({ replayed: false, order: { status: 'CONFIRMED' } });
    expect(byExpo).toMatchObject({ replayed: false, order: { status: 'PREPARING' } });
    const retried = (await server.gql(ADVANCE, { number: 1, key: 'bump-1' }, grill)).data.advanceOrder;
    expect(retried).toMatchObject({ replayed: true, event: { id: byGrill.event.id } });
    const { data } = await server.gql(`{ order(number: 1) { status version } }`);
    expect(data.order).toEqual({ status: 'PREPARING', version: 3 });
  });

  it('a key is one line of at most 200 characters', async () => {
    expect(await place('203.0.113.7', 'k'.repeat(201))).toMatchObject({ __typename: 'ValidationError', problems: [{ path: 'idempotencyKey', message: 'at most 200 characters' }] });
    expect(await place('203.0.113.7', 'key\u001b[2J')).toMatchObject({ __typename: 'ValidationError', problems: [{ path: 'idempotencyKey', message: 'must not contain control characters (found U+001B at character 4)' }] });
  });
});

// A delivery's estimated arrival, through GraphQL: set once it leaves, from --delivery-minutes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROVIDERS } from '../support/databases.ts';
import { ADVANCE, PLACE_ORDER, takeoutOrder } from '../support/operations.ts';
import { startServer, type TestServer } from '../support/server.ts';

const ARRIVAL = `query($code: String!) { orderByTrackingCode(code: $code) { status outForDeliveryAt estimatedArrivalAt } }`;

describe.each(PROVIDERS)('delivery arrival on %s', (provider) => {
  let server: TestServer;
  beforeAll(async () => (server = await startServer({ provider, settings: { deliveryMinutes: '35' } })));
  afterAll(() => server.stop());

  async function place(input: Record<string, unknown>) {
    const placed = await server.gql(PLACE_ORDER, { input: takeoutOrder(input) }, null);
    return placed.data.placeOrder.order as { number: number; trackingCode: string };
  }
  const arrival = async (code: string) => (await server.gql(ARRIVAL, { code }, null)).data.orderByTrackingCode;

  it('is when the delivery left plus the delivery minutes, and only while it is on its way', async () => {
    const { number, trackingCode } = await place({ type: 'DELIVERY', address: '1 Main St' });
    expect(await arrival(trackingCode)).toMatchObject({ status: 'PENDING', estimatedArrivalAt: null });
    for (let i = 0; i < 3; i++) await server.gql(ADVANCE, { number });
    expect(await arrival(trackingCode)).toMatchObject({ status: 'READY', estimatedArrivalAt: null });

    await server.gql(ADVANCE, { number });
    const onTheWay = await arrival(trackingCode);
    expect(onTheWay.status).toBe('OUT_FOR_DELIVERY');
    expect(Date.parse(onTheWay.estimatedArrivalAt) - Date.parse(onTheWay.outForDeliveryAt)).toBe(35 * 60_000);

    await server.gql(ADVANCE, { number });
    expect(await arrival(trackingCode)).toMatchObject({ status: 'COMPLETED', estimatedArrivalAt: null });
  });

  it('is null for a takeout order, which never goes out', async () => {
    const { number, trackingCode } = await place({});
    for (let i = 0; i < 3; i++) await server.gql(ADVANCE, { number });
    expect(await arrival(trackingCode)).toMatchObject({ status: 'READY', estimatedArrivalAt: null });
  });
});

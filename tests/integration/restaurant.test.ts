// The restaurant's details, as configured on the server, for anyone (a receipt needs no token).
import { afterEach, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../support/server.ts';

const RESTAURANT = `{ restaurant { name address phone } }`;

describe('restaurant', () => {
  let server: TestServer | undefined;
  afterEach(() => server?.stop());

  it('answers what the server was started with, without a token', async () => {
    server = await startServer({ settings: { restaurantName: 'Chez Sam', restaurantAddress: '1 Main St, Springfield', restaurantPhone: ' +1 555 0100 ' } });
    const { data, errors } = await server.gql(RESTAURANT, {}, null);
    expect(errors).toBeUndefined();
    expect(data.restaurant).toEqual({ name: 'Chez Sam', address: '1 Main St, Springfield', phone: '+1 555 0100' });
  });

  it('is "Orderline" with no address or phone when nothing is configured', async () => {
    server = await startServer();
    const { data } = await server.gql(RESTAURANT, {}, null);
    expect(data.restaurant).toEqual({ name: 'Orderline', address: null, phone: null });
  });
});

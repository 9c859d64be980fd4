// Who may do what: staff tokens by role, customers by tracking code, and nothing for a bad token.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROVIDERS } from '../support/databases.ts';
import { ORDER_EVENTS, ORDER_UPDATED, PLACE_ORDER, takeoutOrder } from '../support/operations.ts';
import { startServer, type TestServer } from '../support/server.ts';
import { subscribe } from '../support/subscription.ts';

/** Every operation that needs a staff token, with the variables it needs to be valid. */
const STAFF_QUERIES = [
  `{ order(number: 1) { number } }`,
  `{ orders(first: 5) { edges { node { number } } } }`,
  `{ stats { open } }`,
  `{ orderByTrackingCode(code: "$CODE") { history { kind } } }`,
  `mutation { updateOrderStatus(number: 1, status: CONFIRMED) { __typename } }`,
  `mutation { advanceOrder(number: 1) { __typename } }`,
  `mutation { cancelOrder(number: 1, reason: "test") { __typename } }`,
  `{ apiTokens { id } }`,
  `mutation { createApiToken(name: "x", role: KITCHEN) { __typename } }`,
  `mutation { revokeApiToken(id: "1") { __typename } }`,
];
const STAFF_SUBSCRIPTIONS = [
  `subscription { orderEvents(after: "0") { id } }`,
  `subscription { staffNotifications { kind } }`,
  `subscription { statsUpdated { open } }`,
];

describe.each(PROVIDERS)('access on %s', (provider) => {
  let server: TestServer;
  let code: string;
  let otherCode: string;
  let kitchen: string;

  beforeAll(async () => {
    server = await startServer({ provider });
    const placed = await server.gql(PLACE_ORDER, { input: takeoutOrder() }, null);
    code = placed.data.placeOrder.order.trackingCode;
    const other = await server.gql(PLACE_ORDER, { input: takeoutOrder({ customerName: 'Other' }) }, null);
    otherCode = other.data.placeOrder.order.trackingCode;
    kitchen = await server.token('KITCHEN', 'Grill screen');
  });
  afterAll(() => server.stop());

  it.each(STAFF_QUERIES)('without a token, %s is refused as UNAUTHENTICATED', async (query) => {
    const result = await server.gql(query.replace('$CODE', code), {}, null);
    expect(result.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(result.errors?.[0]?.message).toMatch(/is for staff: send a staff token/);
  });

  it.each(STAFF_QUERIES)('with a wrong token, %s is refused with HTTP 401', async (query) => {
    const result = await server.gql(query.replace('$CODE', code), {}, 'olt_this-is-not-a-real-token-at-all');
    expect(result.status).toBe(401);
    expect(result.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(result.errors?.[0]?.message).toContain('the token is unknown or revoked');
    expect(result.data ?? null).toBeNull();
  });

  it('a malformed Authorization header is refused, not ignored', async () => {
    const response = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Token abc' },
      body: JSON.stringify({ query: '{ menu { id } }' }),
    });
    expect(response.status).toBe(401);
    expect(JSON.stringify(await response.json())).toContain('authorization must look like \\"Bearer <token>\\"');
  });

  it.each(STAFF_SUBSCRIPTIONS)('without a token, %s is refused', async (query) => {
    const live = subscribe(server.ws(null), query);
    await expect(live.next()).rejects.toThrow(/UNAUTHENTICATED/);
  });

  it.each(STAFF_SUBSCRIPTIONS)('with a wrong token, the socket for %s is closed as forbidden', async (query) => {
    const live = subscribe(server.ws('olt_wrong-token-wrong-token-wrong'), query);
    await expect(live.next()).rejects.toThrow(/closed 4403 not authenticated: the token is unknown or revoked/);
  });

  it('a tracking code reads its own order and nothing else', async () => {
    const own = await server.gql(`query($c: String!) { orderByTrackingCode(code: $c) { number customerName } }`, { c: code }, null);
    expect(own.data.orderByTrackingCode).toEqual({ number: 1, customerName: 'Sam' });
    const guessed = await server.gql(`query($c: String!) { orderByTrackingCode(code: $c) { number } }`, { c: code.replace(/.$/, (ch) => (ch === '0' ? '1' : '0')) }, null);
    expect(guessed.data.orderByTrackingCode).toBeNull();
    const byNumber = await server.gql(`{ order(number: 2) { customerName } }`, {}, null);
    expect(byNumber.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(byNumber.data).toEqual({ order: null });
  });

  it('a tracking code subscribes to its own order only', async () => {
    const own = subscribe(server.ws(null), ORDER_UPDATED, { code });
    expect((await own.next()).orderUpdated.number).toBe(1);
    const other = subscribe(server.ws(null), ORDER_UPDATED, { code: otherCode });
    expect((await other.next()).orderUpdated.number).toBe(2);
    // Order 2 changing must not reach the subscriber of order 1.
    await server.gql(`mutation { advanceOrder(number: 2) { __typename } }`);
    expect((await other.next()).orderUpdated).toMatchObject({ number: 2, status: 'CONFIRMED' });
    await expect(own.next(500)).rejects.toThrow(/no subscription event within 500 ms/);
    const unknown = subscribe(server.ws(null), ORDER_UPDATED, { code: 'aaaaaaaaaaaaaaaaaaaa' });
    await expect(unknown.next()).rejects.toThrow(/NOT_FOUND/);
  });

  it('a KITCHEN token moves orders along but cannot cancel them', async () => {
    const bump = await server.gql(`mutation { advanceOrder(number: 1) { __typename } }`, {}, kitchen);
    expect(bump.data.advanceOrder.__typename).toBe('OrderChange');
    const cancel = await server.gql(`mutation { cancelOrder(number: 1, reason: "no") { __typename } }`, {}, kitchen);
    expect(cancel.errors?.[0]).toMatchObject({ extensions: { code: 'FORBIDDEN' } });
    expect(cancel.errors?.[0]?.message).toBe('Mutation.cancelOrder needs a MANAGER token; "Grill screen" is KITCHEN');
    const viaStatus = await server.gql(`mutation { updateOrderStatus(number: 1, status: CANCELLED, note: "no") { __typename } }`, {}, kitchen);
    expect(viaStatus.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const status = await server.gql(`{ order(number: 1) { status } }`);
    expect(status.data.order.status).toBe('CONFIRMED');
  });

  it('a KITCHEN token cannot see or manage tokens', async () => {
    for (const query of [`{ apiTokens { id } }`, `mutation { createApiToken(name: "x", role: MANAGER) { __typename } }`, `mutation { revokeApiToken(id: "1") { __typename } }`]) {
      const result = await server.gql(query, {}, kitchen);
      expect(result.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
  });

  it('a revoked token stops working at once, on HTTP, on its open socket and for a new connection', async () => {
    const token = await server.token('KITCHEN', 'Old tablet');
    const socket = server.ws(token);
    const live = subscribe(socket, ORDER_EVENTS, { after: '0' });
    await live.next();
    const list = await server.gql(`{ apiTokens { id name } }`);
    const id = list.data.apiTokens.find((t: { name: string }) => t.name === 'Old tablet').id;
    const revoked = await server.gql(`mutation($id: ID!) { revokeApiToken(id: $id) { ... on ApiToken { revokedAt } } }`, { id });
    expect(revoked.data.revokeApiToken.revokedAt).toBeTruthy();
    expect((await server.gql(`{ stats { open } }`, {}, token)).status).toBe(401);
    expect(await live.ended).toMatchObject({ code: 4403, reason: 'Forbidden: token revoked' });
    const again = subscribe(socket, ORDER_EVENTS, { after: '0' });
    await expect(again.next()).rejects.toThrow(/the token is unknown or revoked/);
  });

  it('refuses to revoke the last manager token', async () => {
    const result = await server.gql(`mutation { revokeApiToken(id: "1") { __typename ... on ValidationError { message } } }`);
    expect(result.data.revokeApiToken).toMatchObject({ __typename: 'ValidationError' });
    expect(result.data.revokeApiToken.message).toContain('is the last manager token');
  });

  it('the viewer says who a request acts as', async () => {
    expect((await server.gql(`{ viewer { kind name role } }`, {}, kitchen)).data.viewer).toEqual({ kind: 'STAFF', name: 'Grill screen', role: 'KITCHEN' });
    expect((await server.gql(`{ viewer { kind name role } }`, {}, null)).data.viewer).toEqual({ kind: 'CUSTOMER', name: null, role: null });
  });

  it('customers cannot mark their own order as rush', async () => {
    const result = await server.gql(PLACE_ORDER, { input: takeoutOrder({ rush: true }) }, null);
    expect(result.data.placeOrder.problems).toEqual([{ path: 'rush', message: 'only staff can mark an order as rush' }]);
  });
});

// Free text reaches kitchen terminals, so the API refuses what could drive one (ESC sequences, BEL,
// NUL, bidirectional overrides, C1 controls, lone surrogates) and staff text has length limits.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PROVIDERS } from '../support/databases.ts';
import { CANCEL, PLACE_ORDER, SET_STATUS, takeoutOrder } from '../support/operations.ts';
import { startServer, type TestServer } from '../support/server.ts';

const CLEAR_SCREEN = '\u001b[2J';
const RETITLE = '\u001b]0;pwned\u0007';

const BUMP_WITH_NOTE = `
  mutation Bump($number: Int!, $note: String) {
    bumpItems(number: $number, note: $note) { __typename ... on ValidationError { problems { path message } } }
  }
`;

const CREATE_TOKEN = `
  mutation Create($name: String!) {
    createApiToken(name: $name, role: KITCHEN) { __typename ... on ValidationError { problems { path message } } }
  }
`;

describe.each(PROVIDERS)('free text on %s', (provider) => {
  let server: TestServer;
  beforeEach(async () => {
    server = await startServer({ provider });
  });
  afterEach(() => server.stop());

  async function placeProblems(overrides: Record<string, unknown>) {
    const { data, errors } = await server.gql(PLACE_ORDER, { input: takeoutOrder(overrides) }, null);
    expect(errors).toBeUndefined();
    expect(data.placeOrder.__typename).toBe('ValidationError');
    return data.placeOrder.problems as { path: string; message: string }[];
  }

  it('a customer’s name and notes with terminal escapes are refused, field by field, and nothing is stored', async () => {
    const problems = await placeProblems({
      type: 'DELIVERY',
      customerName: `Sam${CLEAR_SCREEN}`,
      address: `12 Quay St${RETITLE}`,
      notes: 'ring\u0007 twice',
      items: [{ menuItemId: 'margherita', quantity: 1, modifiers: ['extra cheese\u0000'], notes: 'cut\u009b2J' }],
    });
    expect(problems).toEqual([
      { path: 'customerName', message: 'must not contain control characters (found U+001B at character 4)' },
      { path: 'address', message: 'must not contain control characters (found U+001B at character 11)' },
      { path: 'notes', message: 'must not contain control characters (found U+0007 at character 5)' },
      { path: 'items.0.modifiers.0', message: 'must not contain control characters (found U+0000 at character 13)' },
      { path: 'items.0.notes', message: 'must not contain control characters (found U+009B at character 4)' },
    ]);
    const { data } = await server.gql(`{ orders(first: 5) { edges { node { id } } } }`);
    expect(data.orders.edges).toEqual([]);
  });

  it('bidirectional overrides and isolates, and lone surrogates, are refused', async () => {
    expect(await placeProblems({ customerName: 'evil\u202egnp.exe', notes: 'a\u2066b' })).toEqual([
      { path: 'customerName', message: 'must not contain bidirectional formatting characters (found U+202E at character 5)' },
      { path: 'notes', message: 'must not contain bidirectional formatting characters (found U+2066 at character 2)' },
    ]);
    expect(await placeProblems({ customerName: 'Sam\ud800' })).toEqual([
      { path: 'customerName', message: 'must be valid Unicode text (found a lone surrogate, U+D800 at character 4)' },
    ]);
  });

  it('one-line fields refuse line breaks and tabs; notes keep their lines (CRLF as LF)', async () => {
    expect(await placeProblems({ customerName: 'Sam\nSmith', type: 'DINE_IN', table: '4\t5' })).toEqual([
      { path: 'customerName', message: 'must be one line, without line breaks or tabs (found U+000A at character 4)' },
      { path: 'table', message: 'must be one line, without line breaks or tabs (found U+0009 at character 2)' },
    ]);
    const { data } = await server.gql(
      `mutation($input: PlaceOrderInput!) { placeOrder(input: $input) { ... on OrderChange { order { customerName notes } } } }`,
      { input: takeoutOrder({ customerName: 'Zoë 李', notes: 'no onions\r\nring the bell ' }) },
      null,
    );
    expect(data.placeOrder.order).toEqual({ customerName: 'Zoë 李', notes: 'no onions\nring the bell' });
  });

  it('a 500 kB cancel reason is refused and the order stays as it was; a short one is kept', async () => {
    await server.gql(PLACE_ORDER, { input: takeoutOrder() }, null);
    // Under request-bytes, so it is the reason's own limit that refuses it (5 MB would be a 413).
    const huge = await server.gql(CANCEL, { number: 1, reason: 'x'.repeat(500 * 1024) });
    expect(huge.data.cancelOrder).toMatchObject({ __typename: 'ValidationError', message: 'reason: at most 200 characters' });
    const escaped = await server.gql(CANCEL, { number: 1, reason: `sorry${CLEAR_SCREEN}` });
    expect(escaped.data.cancelOrder).toMatchObject({ __typename: 'ValidationError', message: 'reason: must not contain control characters (found U+001B at character 6)' });
    const viaStatus = await server.gql(SET_STATUS, { number: 1, status: 'CANCELLED', note: 'closed\nearly' });
    expect(viaStatus.data.updateOrderStatus).toMatchObject({ __typename: 'ValidationError', message: 'reason: must be one line, without line breaks or tabs (found U+000A at character 7)' });
    const { data } = await server.gql(`{ order(number: 1) { status cancelReason } }`);
    expect(data.order).toEqual({ status: 'PENDING', cancelReason: null });

    const ok = await server.gql(CANCEL, { number: 1, reason: ' kitchen closed ' });
    expect(ok.data.cancelOrder.order.status).toBe('CANCELLED');
    expect(ok.data.cancelOrder.event.note).toBe('kitchen closed');
  });

  it('staff notes and token names have limits and the same character rules', async () => {
    await server.gql(PLACE_ORDER, { input: takeoutOrder() }, null);
    const long = await server.gql(BUMP_WITH_NOTE, { number: 1, note: 'n'.repeat(501) });
    expect(long.data.bumpItems).toEqual({ __typename: 'ValidationError', problems: [{ path: 'note', message: 'at most 500 characters' }] });
    const bell = await server.gql(SET_STATUS, { number: 1, status: 'CONFIRMED', note: 'ok\u0007' });
    expect(bell.data.updateOrderStatus.message).toBe('note: must not contain control characters (found U+0007 at character 3)');
    const lines = await server.gql(SET_STATUS, { number: 1, status: 'CONFIRMED', note: 'called back\nall good' });
    expect(lines.data.updateOrderStatus.event.note).toBe('called back\nall good');

    const named = await server.gql(CREATE_TOKEN, { name: `Grill${RETITLE}` });
    expect(named.data.createApiToken.problems).toEqual([{ path: 'name', message: 'must not contain control characters (found U+001B at character 6)' }]);
    const longName = await server.gql(CREATE_TOKEN, { name: 'g'.repeat(61) });
    expect(longName.data.createApiToken.problems).toEqual([{ path: 'name', message: 'at most 60 characters' }]);
    expect((await server.gql(CREATE_TOKEN, { name: '  ' })).data.createApiToken.problems).toEqual([{ path: 'name', message: 'give the token a name, e.g. "Grill screen"' }]);
  });
});

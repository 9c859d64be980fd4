// What one GraphQL operation may ask for, over HTTP and graphql-ws: an operation past a limit is
// refused before it runs, quickly, with a typed error that names the setting; malformed cursors and
// oversized pages are the client's error; only staff introspect or get "Did you mean".
import { Kind, getIntrospectionQuery, print, type DocumentNode, type ExecutionResult, type GraphQLError } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as cliOperations from '../../cli/api/operations.ts';
import * as boardDocuments from '../../web-tracker/src/board/documents.ts';
import * as checkoutDocuments from '../../web-tracker/src/checkout/documents.ts';
import * as orderDocuments from '../../web-tracker/src/order/documents.ts';
import { PLACE_ORDER, takeoutOrder } from '../support/operations.ts';
import { LIMITS } from '../../server/limits.ts';
import { startServer, type TestServer } from '../support/server.ts';

/** The errors of a graphql-ws operation: those that end it at validation, or those of its first result. */
async function wsErrors(server: TestServer, token: string | null, query: string): Promise<GraphQLError[]> {
  return await new Promise((resolve, reject) => {
    server.ws(token).subscribe(
      { query },
      {
        next: (result) => (result.errors ? resolve(result.errors as GraphQLError[]) : reject(new Error(`expected errors, got ${JSON.stringify(result)}`))),
        error: (error) => (Array.isArray(error) ? resolve(error) : reject(error as Error)),
        complete: () => reject(new Error('the operation completed without errors')),
      },
    );
  });
}

/** GraphQL over HTTP as our clients (urql) send it, accepting application/graphql-response+json, where a refused operation is HTTP 400. */
async function ask(server: TestServer, query: string, token: string | null = null, variables: Record<string, unknown> = {}) {
  const response = await fetch(`${server.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = await response.text();
  return { status: response.status, size: body.length, ...(JSON.parse(body) as ExecutionResult<any>) };
}

const aliasesOfMenu = (count: number) => `{ ${Array.from({ length: count }, (_, i) => `m${i}: menu { id }`).join(' ')} }`;

/** `{ ...F0 }` and a chain of fragments, each spreading the next. */
function nestedFragments(count: number): string {
  const fragments = Array.from({ length: count }, (_, i) => `fragment F${i} on Query { ${i + 1 < count ? `...F${i + 1}` : '__typename'} }`);
  return `{ ...F0 } ${fragments.join(' ')}`;
}

/** orders → history → order → history …, `turns` times round the cycle. */
function historyCycle(turns: number, page = '(first: 100)'): string {
  const inner = Array.from({ length: turns }, () => 'history { kind order {').join(' ') + ' number' + ' } }'.repeat(turns);
  return `{ orders${page} { edges { node { number ${inner} } } } }`;
}

describe('GraphQL operation limits with the default limits', () => {
  let server: TestServer;
  let kitchen: string;

  beforeAll(async () => {
    server = await startServer();
    kitchen = await server.token('KITCHEN', 'Grill screen');
    for (const customerName of ['Ada', 'Grace', 'Edsger']) await server.gql(PLACE_ORDER, { input: takeoutOrder({ customerName }) }, null);
  });
  afterAll(() => server.stop());

  it('5,000 aliases of menu from an anonymous client are refused before parsing, with a small typed answer', async () => {
    const result = await ask(server, aliasesOfMenu(5_000));
    expect(result.status).toBe(400);
    expect(result.size).toBeLessThan(1_000);
    expect(result.errors).toHaveLength(1);
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', limit: 'query-tokens' });
    expect(result.errors?.[0]?.message).toBe("the document has more than 3000 tokens; ask for less in one operation (the server's `orderline serve --limit query-tokens=N`)");

    // 5,000 would not fit in one graphql-ws message (message-bytes closes it with 1009); 2,000 do.
    const [wsError] = await wsErrors(server, null, aliasesOfMenu(2_000));
    expect(wsError?.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', limit: 'query-tokens' });
  });

  it('more aliases than query-aliases allows are refused on both transports', async () => {
    const result = await ask(server, aliasesOfMenu(31));
    expect(result.status).toBe(400);
    expect(result.errors).toHaveLength(1);
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', limit: 'query-aliases' });
    expect(result.errors?.[0]?.message).toMatch(/^Aliases limit of 30 exceeded, found 31; ask for less/);
    expect((await ask(server, aliasesOfMenu(30))).errors).toBeUndefined();

    const [wsError] = await wsErrors(server, null, aliasesOfMenu(31));
    expect(wsError?.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', limit: 'query-aliases' });
  });

  it('the orders → history → order → history cycle with a kitchen token is refused by its cost, a variable page size included', async () => {
    const literal = await ask(server, historyCycle(2), kitchen);
    expect(literal.status).toBe(400);
    expect(literal.errors?.[0]?.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', limit: 'query-cost' });
    expect(literal.errors?.[0]?.message).toMatch(/^query cost limit of 5000 exceeded: the answer could hold about \d+ objects; ask for less/);

    const variable = await ask(server, historyCycle(2, '(first: $n)').replace('{', 'query($n: Int) {'), kitchen, { n: 1 });
    expect(variable.errors?.[0]?.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', limit: 'query-cost' });

    const [wsError] = await wsErrors(server, kitchen, historyCycle(2));
    expect(wsError?.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', limit: 'query-cost' });
  });

  it('one turn of the cycle on a small page is answered', async () => {
    const result = await ask(server, historyCycle(1, '(first: 5)'), kitchen);
    expect(result.errors).toBeUndefined();
    expect(result.data.orders.edges).toHaveLength(3);
    expect(result.data.orders.edges[0].node.history[0].order.number).toBe(1);
  });

  it('an operation nested deeper than query-depth is refused, however it nests', async () => {
    const tooDeep = await ask(server, historyCycle(5, '(first: 1)'), kitchen);
    expect(tooDeep.status).toBe(400);
    expect(tooDeep.errors?.[0]?.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', limit: 'query-depth' });
    expect(tooDeep.errors?.[0]?.message).toMatch(/^query depth limit of 12 exceeded, found 14; ask for less/);

    const spreadsItself = await ask(server, `{ ...Loop } fragment Loop on Query { menu { id } ...Loop }`);
    expect(spreadsItself.errors?.[0]?.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', limit: 'query-depth' });
    expect(spreadsItself.errors?.[0]?.message).toMatch(/a fragment spreads itself/);
  });

  it('5,000 nested fragments get a validation error, not "Unexpected error."', async () => {
    const result = await ask(server, nestedFragments(5_000));
    expect(result.status).toBe(400);
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX' });

    const [wsError] = await wsErrors(server, null, nestedFragments(1_500));
    expect(wsError?.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX' });
  });

  it('a cursor that is not one is BAD_USER_INPUT naming the argument, on queries and subscriptions', async () => {
    const result = await ask(server, `{ orders(after: "abc") { edges { cursor } } }`, kitchen);
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'after' });
    expect(result.errors?.[0]?.message).toBe('after: expected a cursor this server gave (digits, such as "42"), got "abc"');

    const [wsError] = await wsErrors(server, kitchen, `subscription { orderEvents(after: "abc") { id } }`);
    expect(wsError?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'after' });
  });

  it('a page larger than page-size is BAD_USER_INPUT naming the argument and the maximum', async () => {
    for (const argument of ['first', 'last']) {
      const result = await ask(server, `query($n: Int) { orders(${argument}: $n) { edges { cursor } } }`, kitchen, { n: 101 });
      expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument });
      expect(result.errors?.[0]?.message).toMatch(new RegExp(`^${argument}: ask for 0 to 100 items a page \\(the server's --limit page-size\\), got 101`));
    }
    const full = await ask(server, `{ orders(first: 100) { edges { cursor } } }`, kitchen);
    expect(full.errors).toBeUndefined();
  });

  it('introspection is for staff: anonymous clients are refused, a staff token gets the whole schema', async () => {
    const anonymous = await ask(server, `{ __schema { queryType { name } } }`);
    expect(anonymous.status).toBe(400);
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(anonymous.errors?.[0]?.message).toBe('__schema: introspection is for staff; send a staff token as "Authorization: Bearer <token>"');
    expect((await ask(server, `{ __type(name: "Order") { name } }`)).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const [wsError] = await wsErrors(server, null, `{ __schema { queryType { name } } }`);
    expect(wsError?.extensions?.code).toBe('UNAUTHENTICATED');

    // GraphiQL's own introspection query, as staff send it.
    const staff = await ask(server, getIntrospectionQuery(), kitchen);
    expect(staff.errors).toBeUndefined();
    expect(staff.data.__schema.types.map((type: { name: string }) => type.name)).toContain('Order');
  });

  it('a misspelt field gets no suggestion without a staff token, and one with it', async () => {
    const anonymous = await ask(server, `{ mneu { id } }`);
    expect(anonymous.errors?.[0]?.message).toBe('Cannot query field "mneu" on type "Query".');
    const enumValue = await ask(server, `mutation { updateOrderStatus(number: 1, status: READ) { __typename } }`);
    expect(enumValue.errors?.[0]?.message).not.toMatch(/Did you mean/);
    const [wsError] = await wsErrors(server, null, `{ mneu { id } }`);
    expect(wsError?.message).toBe('Cannot query field "mneu" on type "Query".');

    const staff = await ask(server, `{ mneu { id } }`, kitchen);
    expect(staff.errors?.[0]?.message).toBe('Cannot query field "mneu" on type "Query". Did you mean "menu"?');
  });

  it('a misspelt name in the variables gets no suggestion without a staff token either', async () => {
    const place = 'mutation($input: PlaceOrderInput!) { placeOrder(input: $input) { __typename } }';
    const input = { customerNme: 'Sam', type: 'TAKOUT', items: [{ menuItemId: 'cola', quantity: 1 }] };
    const anonymous = await ask(server, place, null, { input });
    expect(anonymous.errors?.length).toBeGreaterThan(0);
    for (const error of anonymous.errors ?? []) expect(error.message).not.toMatch(/Did you mean/);

    const staff = await ask(server, place, kitchen, { input });
    expect(staff.errors?.map((error) => error.message).join(' ')).toMatch(/Did you mean .*"TAKEOUT"\?/);
  });
});

describe('GraphQL operation limits when an operator raises the token limit', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startServer({ settings: { limits: 'query-tokens=200000' } });
  });
  afterAll(() => server.stop());

  it('5,000 nested fragments are refused by their depth, without overflowing the stack', async () => {
    const result = await ask(server, nestedFragments(5_000));
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', limit: 'query-depth' });
    expect(result.errors?.[0]?.message).toMatch(/^query depth limit of 12 exceeded, found 5001/);
  });

  it('5,000 nested selections are refused before the parser recurses into them', async () => {
    const result = await ask(server, `{ ${'orders { edges { node { history { order { '.repeat(1_000)}number${' } } } } }'.repeat(1_000)} }`);
    expect(result.status).toBe(400);
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', limit: 'query-depth' });
    expect(result.errors?.[0]?.message).toMatch(/^the document nests brackets more than 21 deep, beyond the depth limit of 12/);
  });
});

describe('every operation our clients ship passes the default limits', () => {
  let server: TestServer;

  beforeAll(async () => {
    // Every document is sent with a refused token: more of them than one address may send a minute.
    server = await startServer({ settings: { limits: 'failed-logins-per-minute=1000' } });
  });
  afterAll(() => server.stop());

  const modules = {
    'cli/api/operations.ts': cliOperations,
    'web-tracker/src/board/documents.ts': boardDocuments,
    'web-tracker/src/checkout/documents.ts': checkoutDocuments,
    'web-tracker/src/order/documents.ts': orderDocuments,
  };
  const shipped = Object.entries(modules).flatMap(([file, exports]) =>
    Object.entries(exports as Record<string, unknown>)
      .filter((entry): entry is [string, DocumentNode] => isDocument(entry[1]) && entry[1].definitions.some((d) => d.kind === Kind.OPERATION_DEFINITION))
      .map(([name, document]) => [`${file} ${name}`, print(document)] as const),
  );

  it('finds the documents', () => {
    expect(shipped.length).toBeGreaterThan(20);
  });

  // A refused token stops an operation right after validation, so nothing runs and every
  // document can be sent as it is, variables or not; limits are the same for every actor.
  it.each(shipped)('%s', async (_name, query) => {
    const result = await ask(server, query, 'olt_a-token-this-server-never-made');
    expect(result.errors?.map((error) => error.message)).toEqual(['not authenticated: the token is unknown or revoked; check ORDERLINE_TOKEN or ask a manager for a token']);
    // A page size is checked when the operation runs, against a page-size an operator may lower to
    // its minimum: our clients leave the size to the server's default.
    for (const [, argument, size] of query.matchAll(/\b(first|last): (\d+)/g)) {
      expect(Number(size), `${argument}: ${size}`).toBeLessThanOrEqual(LIMITS['page-size'].min);
    }
  });
});

function isDocument(value: unknown): value is DocumentNode {
  return typeof value === 'object' && value !== null && (value as DocumentNode).kind === Kind.DOCUMENT;
}

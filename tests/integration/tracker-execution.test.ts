// What a tracker's live view executes for every push, and for every estimate that moved: the web
// tracker's own document, executed as shared-execution.ts executes it (the order as the root
// value). Thousands of views run it after one change, so while the kitchen's load is at hand it
// completes synchronously, with no promise for graphql-js to build and await (LiveCache.use).
import { execute, print } from 'graphql';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CUSTOMER } from '../../server/auth/actor.ts';
import { createContext } from '../../server/graphql/context.ts';
import { schema } from '../../server/graphql/schema/index.ts';
import { OrderUpdatedSubscription } from '../../web-tracker/src/order/documents.ts';
import { PROVIDERS } from '../support/databases.ts';
import { PLACE_ORDER, takeoutOrder } from '../support/operations.ts';
import { startServer, type TestServer } from '../support/server.ts';

describe.each(PROVIDERS)("a tracker's execution on %s", (provider) => {
  let server: TestServer;
  beforeEach(async () => {
    server = await startServer({ provider });
  });
  afterEach(() => server.stop());

  it('completes synchronously while the kitchen load is at hand, and waits for it while it is read', async () => {
    const placed = await server.gql(PLACE_ORDER, { input: takeoutOrder() }, null);
    const { trackingCode } = placed.data.placeOrder.order;
    const { services } = server.app;
    const order = await services.queries.byTrackingCode(trackingCode);
    const run = () =>
      execute({
        schema,
        document: OrderUpdatedSubscription,
        variableValues: { trackingCode },
        contextValue: createContext(CUSTOMER, services, server.url, '127.0.0.1'),
        rootValue: order,
      });

    services.kitchen.invalidate();
    const whileRead = run();
    expect(whileRead).toBeInstanceOf(Promise);
    const read = await whileRead;

    const atHand = run();
    expect(atHand).not.toBeInstanceOf(Promise);
    expect(atHand).toEqual(read);
    expect(atHand).toMatchObject({ data: { orderUpdated: { trackingCode, status: 'PENDING', minutesLate: 0 } } });
    expect(Date.parse((atHand as { data: { orderUpdated: { estimatedReadyAt: string } } }).data.orderUpdated.estimatedReadyAt)).toBeGreaterThan(Date.now());
    expect(print(OrderUpdatedSubscription)).toContain('estimatedReadyAt');
  });
});

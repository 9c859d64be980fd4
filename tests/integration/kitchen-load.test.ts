// The kitchen's load (what every estimate is computed from) is kept up to date from the orders
// that events commit, instead of being read again after every event (services.ts, loadAfter in
// domain/eta.ts). Whatever the kitchen does, it must stay what a fresh read of the database says.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../server/auth/actor.ts';
import type { KitchenLoad } from '../../server/domain/eta.ts';
import { OrderlineError } from '../../server/errors.ts';
import { readKitchenLoad } from '../../server/orders/kitchen-load.ts';
import type { Services } from '../../server/services.ts';
import { PROVIDERS } from '../support/databases.ts';
import { startServer, type TestServer } from '../support/server.ts';

const MANAGER: Actor = { kind: 'staff', tokenId: 1, name: 'Load test', role: 'MANAGER' };

const action = fc.oneof(
  fc.record({ kind: fc.constant('place' as const), rush: fc.boolean(), dish: fc.constantFrom('cola', 'margherita') }),
  fc.record({ kind: fc.constantFrom('advance' as const, 'cancel' as const, 'bump' as const, 'recall' as const), order: fc.nat(5) }),
  fc.record({ kind: fc.constant('rush' as const), order: fc.nat(5), rush: fc.boolean() }),
);

/** The load as estimates read it: every ticket's own fields, in queue order, and the pace samples. */
function asRead({ open, recentPaces }: KitchenLoad) {
  return {
    open: open.map(({ id, status, placedAt, preparingAt, readyAt, prepMinutes, rush }) => ({ id, status, placedAt, preparingAt, readyAt, prepMinutes, rush })),
    recentPaces,
  };
}

/** Resolves once the bus has dispatched the event with this id (publishing is not part of the write). */
function dispatched(services: Services, id: number): Promise<void> {
  return new Promise((resolve) => {
    const off = services.bus.onEvent((event) => {
      if (event.id < id) return;
      off();
      resolve();
    });
  });
}

describe.each(PROVIDERS)('the kitchen load on %s', (provider) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer({ provider });
  });
  afterAll(() => server.stop());

  it('after any sequence of kitchen actions is what reading the database says', async () => {
    const { orders, db, kitchen, clock } = server.app.services;
    const placed: number[] = [];
    await fc.assert(
      fc.asyncProperty(fc.array(action, { minLength: 1, maxLength: 15 }), async (actions) => {
        for (const step of actions) {
          // One of the latest orders, so earlier runs' finished orders do not take every action.
          const target = step.kind === 'place' || placed.length === 0 ? undefined : placed.at(-1 - (step.order % placed.length));
          let change;
          try {
            if (step.kind === 'place') {
              change = await orders.placeOrder({ customerName: 'Load', type: 'TAKEOUT', rush: step.rush, items: [{ menuItemId: step.dish, quantity: 1 }] }, MANAGER);
              placed.push(change.order.id);
            } else if (target === undefined) continue;
            else if (step.kind === 'rush') change = await orders.setRush({ order: { id: target }, rush: step.rush }, MANAGER);
            else if (step.kind === 'advance') change = await orders.advance({ order: { id: target } }, MANAGER);
            else if (step.kind === 'cancel') change = await orders.cancel({ order: { id: target }, reason: 'load test' }, MANAGER);
            else if (step.kind === 'bump') change = await orders.bumpItems({ order: { id: target } }, MANAGER);
            else change = await orders.recall({ order: { id: target } }, MANAGER);
          } catch (error) {
            if (!(error instanceof OrderlineError)) throw error;
            continue;
          }
          if (change.event) await dispatched(server.app.services, change.event.id);
          expect(asRead(await kitchen.get())).toEqual(asRead(await readKitchenLoad(db.read, clock())));
        }
      }),
      { numRuns: provider === 'sqlite' ? 25 : 10 },
    );
  }, 120_000);

  it('takes a placement from its event without reading the database, and reads it again when the pace may move', async () => {
    const { orders, db, kitchen } = server.app.services;
    const place = async (customerName: string) => {
      const { event } = await orders.placeOrder({ customerName, type: 'TAKEOUT', items: [{ menuItemId: 'cola', quantity: 1 }] }, MANAGER);
      await dispatched(server.app.services, event!.id);
      return event!.orderId;
    };
    const prepMinutesOf = async (id: number) => (await kitchen.get()).open.find((ticket) => ticket.id === id)?.prepMinutes;
    const watched = await place('Watched');
    const cooked = await place('Cooked');
    const before = await prepMinutesOf(watched);
    // Behind the service's back, so no event says it: only a fresh read sees it.
    await db.write.order.update({ where: { id: watched }, data: { prepMinutes: before! + 7 } });

    const placed = await place('Placed');
    expect((await kitchen.get()).open.map((ticket) => ticket.id)).toContain(placed);
    expect(await prepMinutesOf(watched)).toBe(before);

    // A ticket becoming ready sets the kitchen's pace: the load is read again, and the change is seen.
    for (let step = 0; step < 3; step++) {
      const { event } = await orders.advance({ order: { id: cooked } }, MANAGER);
      await dispatched(server.app.services, event!.id);
    }
    expect((await db.read.order.findUniqueOrThrow({ where: { id: cooked } })).status).toBe('READY');
    expect(await prepMinutesOf(watched)).toBe(before! + 7);
  });
});

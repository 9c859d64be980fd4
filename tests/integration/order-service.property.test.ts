// Random sequences of kitchen and manager actions against the real order service and database:
// whatever happens, each order's event history is a valid path and matches its final status.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../server/auth/actor.ts';
import { ORDER_STATUSES, ORDER_TYPES, type OrderStatus } from '../../shared/lifecycle.ts';
import { OrderlineError } from '../../server/errors.ts';
import { PROVIDERS } from '../support/databases.ts';
import { isAllowedHistory } from '../support/lifecycle-model.ts';
import { startServer, type TestServer } from '../support/server.ts';

const MANAGER: Actor = { kind: 'staff', tokenId: 1, name: 'Property test', role: 'MANAGER' };

const action = fc.oneof(
  fc.record({ kind: fc.constant('advance' as const), order: fc.nat(2) }),
  fc.record({ kind: fc.constant('set' as const), order: fc.nat(2), to: fc.constantFrom(...ORDER_STATUSES) }),
  fc.record({ kind: fc.constant('cancel' as const), order: fc.nat(2) }),
  fc.record({ kind: fc.constant('stale' as const), order: fc.nat(2) }),
);

describe.each(PROVIDERS)('order service on %s', (provider) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer({ provider });
  });
  afterAll(() => server.stop());

  it('no sequence of actions breaks the lifecycle or the event log', async () => {
    const { orders, db } = server.app.services;
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...ORDER_TYPES), fc.array(action, { minLength: 1, maxLength: 12 }), async (type, actions) => {
        const placed = [];
        for (let i = 0; i < 3; i++) {
          const input = { customerName: `P${i}`, type, table: '1', address: '1 Road', items: [{ menuItemId: 'cola', quantity: 1 }] };
          placed.push((await orders.placeOrder(input, MANAGER)).order);
        }
        for (const step of actions) {
          const order = { id: placed[step.order]!.id };
          try {
            if (step.kind === 'advance') await orders.advance({ order }, MANAGER);
            else if (step.kind === 'set') await orders.changeStatus({ order, to: step.to }, MANAGER);
            else if (step.kind === 'cancel') await orders.cancel({ order, reason: 'property test' }, MANAGER);
            else await orders.advance({ order, expectedVersion: 0 }, MANAGER); // always stale
          } catch (error) {
            // Refusals are expected; anything else is a bug.
            if (!(error instanceof OrderlineError)) throw error;
          }
        }
        for (const { id } of placed) {
          const order = await db.read.order.findUniqueOrThrow({ where: { id } });
          const events = await db.read.orderEvent.findMany({ where: { orderId: id }, orderBy: { id: 'asc' } });
          const path = events.filter((e) => e.kind !== 'LATE').map((e) => e.toStatus as OrderStatus);
          expect(isAllowedHistory(order.type, path)).toBe(true);
          expect(path.at(-1)).toBe(order.status);
          expect(order.version).toBe(path.length);
        }
      }),
      { numRuns: provider === 'sqlite' ? 40 : 15 },
    );
    // The log as a whole: ids 1..n with no gap.
    const ids = (await db.read.orderEvent.findMany({ select: { id: true }, orderBy: { id: 'asc' } })).map((e) => e.id);
    expect(ids).toEqual(ids.map((_, i) => i + 1));
  }, 120_000);
});

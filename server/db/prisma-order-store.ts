// The order store on Prisma (used on PostgreSQL): each transaction is an interactive Prisma
// transaction; the queries are the ones the order service made before it had a store.
import type { Prisma, PrismaClient, Tx } from './models.ts';
import type { OrderStore, WriteTx } from './order-store.ts';
import { IN_KITCHEN } from '../../shared/lifecycle.ts';

export function prismaOrderStore(write: PrismaClient): OrderStore {
  return {
    async transaction(work, committed) {
      const result = await write.$transaction((tx) => work(prismaWriteTx(tx)));
      committed?.(result);
      return result;
    },
    isUniqueViolation: (error) => (error as { code?: string } | null)?.code === 'P2002',
    close: async () => {},
  };
}

function prismaWriteTx(tx: Tx): WriteTx {
  return {
    findKey: (key) => tx.idempotencyKey.findUnique({ where: { key }, select: { operation: true, requestHash: true, orderId: true, eventId: true } }),
    insertKey: async (key, stored) => void (await tx.idempotencyKey.create({ data: { key, ...stored } })),
    orderById: (id) => tx.order.findUnique({ where: { id }, include: { items: true } }),
    orderByNumber: (number) => tx.order.findFirst({ where: { number }, orderBy: { id: 'desc' }, include: { items: true } }),
    orderState: (id) => tx.order.findUniqueOrThrow({ where: { id }, select: { version: true, status: true } }),
    async updateOrderAtVersion(id, version, columns) {
      return (await tx.order.updateMany({ where: { id, version }, data: columns })).count > 0;
    },
    setItemsDone: async (ids, doneAt) => void (await tx.orderItem.updateMany({ where: { id: { in: ids } }, data: { doneAt } })),
    async nextOrderNumber(businessDate) {
      const { lastNumber } = await tx.orderNumberCounter.upsert({
        where: { businessDate },
        create: { businessDate, lastNumber: 1 },
        update: { lastNumber: { increment: 1 } },
      });
      return lastNumber;
    },
    insertOrder: (order, items) => tx.order.create({ data: { ...order, items: { create: items } }, include: { items: true } }),
    async flagLate(orderId, now) {
      const { count } = await tx.order.updateMany({
        where: { id: orderId, lateFlaggedAt: null, status: { in: IN_KITCHEN } },
        data: { lateFlaggedAt: now },
      });
      return count > 0;
    },
    async nextEventId() {
      const { lastId } = await tx.eventSequence.update({ where: { id: 1 }, data: { lastId: { increment: 1 } }, select: { lastId: true } });
      return lastId;
    },
    insertEvent: ({ payload, ...event }) => tx.orderEvent.create({ data: { ...event, payload: payload as Prisma.InputJsonObject | undefined } }),
  };
}

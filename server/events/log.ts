// The event log as the streams read it: committed OrderEvents in log order, with the order facts
// subscription filters need.
//
// On SQLite the order is the id's: ids are gap-free and commit in order (one writer, the
// EventSequence row). On PostgreSQL writers take ids from a sequence without waiting for each
// other, so a later id can commit first, and a reader that took it and moved its cursor past would
// never see the earlier one. There the log's order is (tx, id), tx being the writing transaction's
// id, and a read takes only events whose transaction is older than every transaction still running
// (pg_snapshot_xmin of the current snapshot): those transactions have all ended, so no event can
// ever appear before one already read. An event waits, unread, while a transaction that began
// before its own is still running; for a change that is a few milliseconds. This is how the
// PostgreSQL event stores that let writers run side by side keep readers exact (a transaction id
// beside the global position, read below the snapshot's xmin).
import type { Logger } from 'pino';
import type { Database, PrismaClient } from '../db/client.ts';
import type { EventKind, EventMessage } from './message.ts';
import type { EventLog, Position } from './stream.ts';
import type { OrderStatus, OrderType } from '../../shared/lifecycle.ts';

export const ORDER_FACTS = { select: { number: true, type: true, customerKeyHash: true, items: { select: { station: true } } } } as const;

interface EventRow {
  id: number;
  tx: bigint | number;
  orderId: number;
  kind: EventKind;
  fromStatus: OrderStatus | null;
  toStatus: OrderStatus | null;
  actor: string;
  at: Date;
  payload: unknown;
  order: { number: number; type: OrderType; customerKeyHash: string | null; items: { station: string }[] };
}

export function toMessage(row: EventRow): EventMessage {
  const payload = (row.payload ?? {}) as { note?: string; itemIds?: number[]; station?: string; rush?: boolean };
  return {
    id: row.id,
    // An xid8 is exact as a number below 2^53: 2 million wraparounds of the 32-bit counter.
    tx: Number(row.tx),
    orderId: row.orderId,
    orderNumber: row.order.number,
    orderType: row.order.type,
    stations: [...new Set(row.order.items.map((item) => item.station))].sort(),
    kind: row.kind,
    fromStatus: row.fromStatus,
    toStatus: row.toStatus,
    actor: row.actor,
    at: row.at.toISOString(),
    note: payload.note ?? null,
    itemIds: payload.itemIds ?? [],
    station: payload.station ?? null,
    rush: payload.rush ?? null,
    customerKeyHash: row.order.customerKeyHash,
  };
}

const INCLUDE = { order: ORDER_FACTS } as const;

export function eventLog(db: Database, logger: Logger): EventLog {
  return db.target.provider === 'sqlite' ? sqliteEventLog(db.read) : postgresEventLog(db.read, logger);
}

function sqliteEventLog(db: PrismaClient): EventLog {
  const head = async (): Promise<Position> => ({ tx: 0, id: (await db.eventSequence.findUniqueOrThrow({ where: { id: 1 } })).lastId });
  return {
    gapFree: true,
    async after(after, limit) {
      const rows = await db.orderEvent.findMany({ where: { id: { gt: after.id } }, orderBy: { id: 'asc' }, take: limit, include: INCLUDE });
      return rows.map(toMessage);
    },
    position: async (cursor) => ({ tx: 0, id: cursor }),
    head,
    newest: head, // every committed event can be read at once
  };
}

/** Before every event: those written before the log recorded transactions (tx 0), and those moved below zero by alignRestoredLog. */
const START: Position = { tx: Number.MIN_SAFE_INTEGER, id: 0 };

/**
 * A log restored or replicated from another PostgreSQL cluster carries that cluster's transaction
 * ids, which may be ahead of this one's: every new event would sort before all of them, and every
 * stream past them would wait for ever. Shifted below zero, they keep their order and come before
 * every new event. Run under the migration lock, before the server serves; true when it shifted.
 */
export async function alignRestoredLog(db: Database): Promise<boolean> {
  if (db.target.provider !== 'postgresql') return false;
  const [newest, [{ next }]] = await Promise.all([
    db.write.orderEvent.aggregate({ _max: { tx: true } }),
    db.write.$queryRaw<[{ next: string }]>`SELECT pg_snapshot_xmax(pg_current_snapshot())::text AS next`,
  ]);
  const ahead = newest._max.tx;
  if (ahead === null || ahead < BigInt(next)) return false;
  await db.write.orderEvent.updateMany({ data: { tx: { decrement: ahead + 1n } } });
  return true;
}

/** How often a process says which transaction holds live events back, while one does. */
const HELD_BACK_WARNING_EVERY_MS = 30_000;

interface OldestTransaction {
  pid: number;
  xid: string;
  state: string | null;
  since: Date | null;
  application: string;
  client: string | null;
  query: string | null;
}

function postgresEventLog(db: PrismaClient, logger: Logger): EventLog {
  let warnedAt = -Infinity;
  /**
   * The transaction running longest is the one every reader waits for: a session left idle in a
   * transaction holds back every screen of every process, which nothing else would tell.
   */
  async function heldBack(): Promise<void> {
    if (Date.now() - warnedAt < HELD_BACK_WARNING_EVERY_MS) return;
    warnedAt = Date.now();
    try {
      const [oldest] = await db.$queryRaw<OldestTransaction[]>`
        SELECT pid, backend_xid::text AS xid, state, xact_start AS since, application_name AS application,
               client_addr::text AS client, left(query, 200) AS query
        FROM pg_stat_activity WHERE backend_xid IS NOT NULL ORDER BY age(backend_xid) DESC LIMIT 1`;
      logger.warn(
        { transaction: oldest ?? null },
        oldest
          ? `live events are held back by PostgreSQL transaction ${oldest.xid} (backend ${oldest.pid}, ${oldest.state ?? 'state unknown'} since ${oldest.since?.toISOString() ?? 'an unknown time'}): they reach screens once it ends; end it with pg_terminate_backend(${oldest.pid}), and set idle_in_transaction_session_timeout so no session can do this`
          : 'live events are held back by a PostgreSQL transaction this role cannot see (a prepared transaction, or another role’s): they reach screens once it ends',
      );
    } catch (error) {
      logger.warn({ err: error }, 'live events are held back by a PostgreSQL transaction, and looking for it failed');
    }
  }

  /** Every transaction below this has ended. Taken before the read, so the read sees them all. */
  const fence = async () => Number((await db.$queryRaw<[{ xmin: string }]>`SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS xmin`)[0].xmin);
  async function last(below?: number): Promise<Position> {
    const where = below === undefined ? {} : { tx: { lt: below } };
    const row = await db.orderEvent.findFirst({ where, orderBy: [{ tx: 'desc' }, { id: 'desc' }], select: { tx: true, id: true } });
    return row ? { tx: Number(row.tx), id: row.id } : { tx: 0, id: 0 };
  }
  const head = async () => last(await fence());
  return {
    gapFree: false,
    async after(after, limit) {
      const rows = await db.orderEvent.findMany({
        // (tx, id) > after, written so that the index on (tx, id) starts at after.tx.
        where: { tx: { gte: after.tx, lt: await fence() }, OR: [{ tx: { gt: after.tx } }, { id: { gt: after.id } }] },
        orderBy: [{ tx: 'asc' }, { id: 'asc' }],
        take: limit,
        include: INCLUDE,
      });
      return rows.map(toMessage);
    },
    // A cursor names an event ("0" is before them all). One no reader has passed yet (a change's
    // own event, handed out with its answer while a transaction that began before it still runs)
    // stands before every event not yet final, the stream skipping its own: an event committing
    // later, yet before it in the log, is delivered rather than lost.
    async position(cursor) {
      if (cursor === 0) return START;
      const [row, below] = await Promise.all([db.orderEvent.findUnique({ where: { id: cursor }, select: { tx: true, id: true } }), fence()]);
      if (!row) return head(); // never handed out (an id not committed, or not yet taken): from now on
      const named = { tx: Number(row.tx), id: row.id };
      return named.tx < below ? named : { tx: below, id: 0 };
    },
    head,
    newest: () => last(),
    heldBack,
  };
}

// The running server: GraphQL over HTTP and graphql-ws on one port, /health, and a stop() that
// really stops. graphql-ws goes through Yoga's enveloped pipeline, so both transports share the
// same schema, context and error masking.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { GraphQLError } from 'graphql';
import { CloseCode } from 'graphql-ws';
import { useServer } from 'graphql-ws/use/ws';
import { createYoga, maskError, type YogaInitialContext } from 'graphql-yoga';
import type { Logger } from 'pino';
import { WebSocketServer } from 'ws';
import { CUSTOMER, type Actor } from '../auth/actor.ts';
import { parseAuthorization, staffForSecret } from '../auth/tokens.ts';
import { openDatabase } from '../db/client.ts';
import { firstStart, type FirstStartResult } from '../db/first-start.ts';
import { migrate } from '../db/migrate.ts';
import { isDatabaseUnavailable } from '../db/unavailable.ts';
import { databaseIdentity, describeTarget, resolveDatabaseTarget } from '../db/target.ts';
import { MemoryBus, RedisBus, type EventBus } from '../events/bus.ts';
import { prismaEventLog } from '../events/log.ts';
import { createContext } from '../graphql/context.ts';
import { schema } from '../graphql/schema/index.ts';
import { startLateWatch } from '../orders/late-watch.ts';
import type { ServerConfig } from '../config.ts';
import { createServices, type Services } from '../services.ts';
import { healthReport } from './health.ts';
import { webTracker } from './static-web.ts';

export const GRAPHQL_PATH = '/graphql';
/** graphql-ws pings every client this often and drops those that do not answer in time. */
export const KEEP_ALIVE_MS = 12_000;
/** How long stop() lets in-flight HTTP requests finish before cutting them off. */
const DRAIN_MS = 10_000;

export interface App {
  services: Services;
  firstStart: FirstStartResult;
  /** Listens on `port` (0 picks a free one) and resolves with the address. */
  start(port: number, host?: string): Promise<{ port: number; url: string }>;
  /** Stops accepting, lets requests finish, closes live connections, then the database. */
  stop(): Promise<void>;
}

export interface AppOptions {
  keepAliveMs?: number;
  lateCheckMs?: number;
  /** The time source; tests move it forward instead of waiting. */
  clock?: () => Date;
}

export async function buildApp(config: ServerConfig, logger: Logger, options: AppOptions = {}): Promise<App> {
  const target = resolveDatabaseTarget(config.databaseUrl, config.dataDir);
  const db = await openDatabase(target);
  let setup: FirstStartResult = { seededMenu: false };
  let bus: EventBus;
  try {
    const { applied } = await migrate(target, {
      whileLocked: async () => {
        setup = await firstStart(db.write, { dataDir: config.dataDir, adminToken: config.adminToken });
      },
    });
    logger.info({ database: describeTarget(target), applied }, applied.length ? 'database migrated' : 'database up to date');
    bus = config.redisUrl
      ? await RedisBus.connect(config.redisUrl, { namespace: databaseIdentity(target), logHead: prismaEventLog(db.read).head, logger })
      : new MemoryBus();
  } catch (error) {
    await db.close();
    throw error;
  }

  const services = createServices({ db, bus, timeZone: config.timeZone, logger, clock: options.clock });
  const lateWatch = startLateWatch(services, options.lateCheckMs);

  const yoga = createYoga<{ actor?: Actor }>({
    schema,
    graphqlEndpoint: GRAPHQL_PATH,
    landingPage: false,
    graphiql: { title: 'Orderline GraphQL', subscriptionsProtocol: 'WS' },
    logging: {
      debug: (...args) => logger.debug(args.join(' ')),
      info: (...args) => logger.info(args.join(' ')),
      warn: (...args) => logger.warn(args.join(' ')),
      // Yoga reports every masked error here as a bare message; maskError below already logged it
      // with its stack and path, so this copy is only for debugging.
      error: (...args) => logger.debug(args.join(' ')),
    },
    maskedErrors: {
      maskError(error, message, isDev) {
        const cause = error instanceof GraphQLError ? (error.originalError ?? error) : error;
        const path = error instanceof GraphQLError ? error.path : undefined;
        if (isDatabaseUnavailable(cause)) {
          logger.warn({ err: cause, path }, 'the database is not answering');
          return new GraphQLError('the database is not answering; try again in a moment (changes sent with an idempotency key are safe to retry)', {
            ...(error instanceof GraphQLError ? { nodes: error.nodes, path: error.path } : {}),
            extensions: { code: 'DATABASE_UNAVAILABLE', http: { status: 503 } },
          });
        }
        const masked = maskError(error, message, isDev);
        if (masked !== error) logger.error({ err: cause, path }, 'unexpected error');
        return masked;
      },
    },
    context: async (initial: YogaInitialContext & { actor?: Actor; origin?: string }) =>
      createContext(
        initial.actor ?? (await actorFor(initial.request.headers.get('authorization'))),
        services,
        config.publicUrl ?? initial.origin ?? new URL(initial.request.url).origin,
      ),
  });

  /** The actor for an Authorization value; a token that is sent but not valid is refused, never ignored. */
  async function actorFor(authorization: unknown): Promise<Actor> {
    const credentials = parseAuthorization(authorization);
    if (credentials.kind === 'none') return CUSTOMER;
    const staff = credentials.kind === 'bearer' ? await staffForSecret(db.read, credentials.secret) : null;
    if (staff) return staff;
    const reason = credentials.kind === 'malformed' ? credentials.reason : 'the token is unknown or revoked';
    throw new GraphQLError(`not authenticated: ${reason}; check ORDERLINE_TOKEN or ask a manager for a token`, {
      extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } },
    });
  }

  const inFlight = new Set<ServerResponse>();
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    inFlight.add(res);
    res.on('close', () => inFlight.delete(res));
    const path = (req.url ?? '/').split('?')[0];
    if (path === '/health') return void sendHealth(res);
    if (path === GRAPHQL_PATH || path?.startsWith(`${GRAPHQL_PATH}/`)) return void yoga(req, res);
    web(req, res);
  });
  const web = webTracker();

  async function sendHealth(res: ServerResponse): Promise<void> {
    const report = await healthReport(services, sockets.clients.size);
    res.writeHead(report.status === 'down' ? 503 : 200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
    res.end(JSON.stringify(report));
  }

  const sockets = new WebSocketServer({ server, path: GRAPHQL_PATH });
  const graphqlWs = useServer<{ authorization?: unknown }, { actor?: Actor }>(
    {
      onConnect: async (ctx) => {
        try {
          await actorFor(ctx.connectionParams?.authorization);
          return true;
        } catch (error) {
          ctx.extra.socket.close(CloseCode.Forbidden, (error as Error).message.slice(0, 120));
          return false;
        }
      },
      onSubscribe: async (ctx, _id, payload) => {
        // Checked again for every operation, so a token revoked mid-connection stops working.
        let actor: Actor;
        try {
          actor = await actorFor(ctx.connectionParams?.authorization);
        } catch (error) {
          return [error as GraphQLError];
        }
        const origin = `http://${ctx.extra.request.headers.host ?? 'localhost'}`;
        const enveloped = yoga.getEnveloped({ ...ctx, req: ctx.extra.request, socket: ctx.extra.socket, params: payload, actor, origin });
        let document;
        try {
          document = enveloped.parse(payload.query);
        } catch (error) {
          return [error as GraphQLError];
        }
        const errors = enveloped.validate(enveloped.schema, document);
        if (errors.length) return errors;
        return {
          schema: enveloped.schema,
          document,
          operationName: payload.operationName,
          variableValues: payload.variables,
          contextValue: await enveloped.contextFactory(),
          rootValue: { execute: enveloped.execute, subscribe: enveloped.subscribe },
        };
      },
      execute: (args) => (args.rootValue as { execute: typeof import('graphql').execute }).execute(args),
      subscribe: (args) => (args.rootValue as { subscribe: typeof import('graphql').subscribe }).subscribe(args),
    },
    sockets,
    options.keepAliveMs ?? KEEP_ALIVE_MS,
  );

  let stopping: Promise<void> | undefined;
  return {
    services,
    firstStart: setup,
    start(port, host = config.host) {
      return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          server.off('error', reject);
          const { port: bound } = server.address() as AddressInfo;
          resolve({ port: bound, url: `http://localhost:${bound}` });
        });
      });
    },
    stop() {
      stopping ??= (async () => {
        logger.info('stopping: no new connections; finishing requests');
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        // Clients see 1001 "going away": graphql-ws clients reconnect and resume from their cursor.
        await graphqlWs.dispose();
        await drain(server, inFlight, closed);
        await lateWatch.stop();
        services.kitchen.dispose();
        services.stats.dispose();
        services.pickupBoard.dispose();
        await bus.close();
        await db.close();
        logger.info('stopped');
      })();
      return stopping;
    },
  };
}

/** Waits for in-flight requests, closing connections as they go idle, up to DRAIN_MS. */
async function drain(server: ReturnType<typeof createServer>, inFlight: Set<ServerResponse>, closed: Promise<void>) {
  const deadline = Date.now() + DRAIN_MS;
  while (inFlight.size > 0 && Date.now() < deadline) {
    server.closeIdleConnections();
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  server.closeAllConnections();
  await closed;
}

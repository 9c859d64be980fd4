// The running server, wired: the database and the bus, the services, GraphQL over HTTP (Yoga) and
// graphql-ws on one port, the web tracker, /health, and a stop() that really stops.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createYoga, type YogaInitialContext } from 'graphql-yoga';
import type { Logger } from 'pino';
import { CUSTOMER } from '../auth/actor.ts';
import { authenticator } from '../auth/authenticate.ts';
import { openDatabase } from '../db/client.ts';
import { lockDatabaseFile } from '../db/data-lock.ts';
import { firstStart, type FirstStartResult } from '../db/first-start.ts';
import { migrate } from '../db/migrate.ts';
import { databaseIdentity, describeTarget, resolveDatabaseTarget } from '../db/target.ts';
import { MemoryBus, RedisBus, type EventBus } from '../events/bus.ts';
import { alignRestoredLog, eventLog } from '../events/log.ts';
import { createContext } from '../graphql/context.ts';
import { operationLimits } from '../graphql/limits/index.ts';
import { useSharedExecution } from '../graphql/shared-execution.ts';
import { schema } from '../graphql/schema/index.ts';
import { startLateWatch } from '../orders/late-watch.ts';
import { kitchenSettingsOf, restaurantOf, type ServerConfig } from '../config.ts';
import { createServices, type Services } from '../services.ts';
import { clientAddress } from './client-address.ts';
import { corsOptions, crossSiteRefusal, type Refusal } from './cross-site.ts';
import { trackConnections } from './drain.ts';
import { serveGraphqlWs } from './graphql-ws.ts';
import type { TransportContext } from './transport-context.ts';
import { healthReport } from './health.ts';
import { errorMasking, maskingOf } from './mask-errors.ts';
import { createRateLimits, useRateLimits } from './rate-limits.ts';
import { readBody } from './request-body.ts';
import { GRAPHIQL_POLICY, servedOverHttps, setSecurityHeaders } from './security-headers.ts';
import { webTracker } from './static-web.ts';
import { useSubscriptionsOverWebSocket } from './subscriptions-over-ws.ts';

export const GRAPHQL_PATH = '/graphql';
/** graphql-ws pings every client this often and drops those that do not answer in time. */
export const KEEP_ALIVE_MS = 12_000;

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
  /** How often live connections' tokens are checked for a revocation made by another process. */
  revocationCheckMs?: number;
  /** The time source; tests move it forward instead of waiting. */
  clock?: () => Date;
  /** The built web tracker to serve; web-tracker/dist by default. */
  webDist?: string;
}

export async function buildApp(config: ServerConfig, logger: Logger, options: AppOptions = {}): Promise<App> {
  const target = resolveDatabaseTarget(config.databaseUrl, config.dataDir);
  // SQLite only: on PostgreSQL several processes sharing the database is the point.
  const dataLock = target.provider === 'sqlite' ? lockDatabaseFile(target.file) : undefined;
  const db = await openDatabase(target).catch((error: unknown) => {
    dataLock?.release();
    throw error;
  });
  let setup: FirstStartResult = { seededMenu: false };
  let bus: EventBus;
  try {
    const { applied } = await migrate(target, {
      whileLocked: async () => {
        setup = await firstStart(db.write, { dataDir: config.dataDir, adminToken: config.adminToken });
        if (await alignRestoredLog(db)) logger.warn('the event log came from another PostgreSQL cluster: its transaction ids were moved below this one’s, in the same order');
      },
    });
    logger.info({ database: describeTarget(target), applied }, applied.length ? 'database migrated' : 'database up to date');
    const log = eventLog(db, logger);
    bus = config.redisUrl
      ? await RedisBus.connect(config.redisUrl, { namespace: databaseIdentity(target), logHead: async () => (await log.head()).id, logger })
      : new MemoryBus();
  } catch (error) {
    await db.close();
    dataLock?.release();
    throw error;
  }

  const services = createServices({ db, bus, timeZone: config.timeZone, kitchenSettings: kitchenSettingsOf(config), restaurant: restaurantOf(config), deliveryMinutes: config.deliveryMinutes, limits: config.limits, logger, clock: options.clock });
  const lateWatch = startLateWatch(services, options.lateCheckMs);

  const rateLimits = createRateLimits(config.limits, { redisUrl: config.redisUrl, namespace: databaseIdentity(target), logger });
  const auth = authenticator(db, { clock: services.clock, logger, failedLogins: rateLimits.failedLogins });
  const masking = errorMasking(logger);
  const yoga = createYoga<TransportContext>({
    schema,
    graphqlEndpoint: GRAPHQL_PATH,
    landingPage: false,
    cors: corsOptions(config),
    graphiql: { title: 'Orderline GraphQL', subscriptionsProtocol: 'WS' },
    logging: {
      debug: (...args) => logger.debug(args.join(' ')),
      info: (...args) => logger.info(args.join(' ')),
      warn: (...args) => logger.warn(args.join(' ')),
      // Yoga reports every masked error here as a bare message; the masking already logged it
      // with its stack and path, so this copy is only for debugging.
      error: (...args) => logger.debug(args.join(' ')),
    },
    maskedErrors: masking,
    // Operations over a limit are refused before they run, and before they count against a rate.
    plugins: [...operationLimits(config.limits), useRateLimits(rateLimits), useSubscriptionsOverWebSocket(), useSharedExecution(maskingOf(masking))],
    context: (initial: YogaInitialContext & TransportContext) => {
      if (initial.refusal) throw initial.refusal;
      return createContext(initial.actor, services, config.publicUrl ?? initial.origin ?? new URL(initial.request.url).origin, initial.address);
    },
  });

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const path = (req.url ?? '/').split('?')[0];
    const isGraphql = path === GRAPHQL_PATH || path?.startsWith(`${GRAPHQL_PATH}/`);
    // Yoga answers a browser's GET of /graphql with GraphiQL (its own rule: GET, accepting HTML).
    const graphiql = isGraphql && req.method === 'GET' && Boolean(req.headers.accept?.includes('text/html'));
    setSecurityHeaders(res, { https: servedOverHttps(req, config), policy: graphiql ? GRAPHIQL_POLICY : undefined });
    if (path === '/health') return void sendHealth(res);
    if (isGraphql) {
      // A client that goes away mid-request (its body half sent, a socket cut at a stop's
      // deadline) fails only its own request, never the process.
      return void serveGraphql(req, res).catch((error: unknown) => {
        logger.debug({ err: error }, 'a request ended before it was answered');
        res.destroy();
      });
    }
    web(req, res);
  });
  const connections = trackConnections(server);
  const web = webTracker(options.webDist);
  const live = serveGraphqlWs({ server, path: GRAPHQL_PATH, yoga, authenticate: auth.authenticate, keepAliveMs: options.keepAliveMs ?? KEEP_ALIVE_MS, config, db, logger, revocationCheckMs: options.revocationCheckMs });

  // Who is asking is known before Yoga parses and validates, so those steps can depend on it.
  async function serveGraphql(req: IncomingMessage, res: ServerResponse): Promise<void> {
    // The CORS answer depends on the Origin: caches must keep one per origin.
    res.setHeader('vary', 'Origin');
    const refusal = crossSiteRefusal(req, config);
    if (refusal) return sendRefusal(res, refusal);
    if (req.method === 'POST') {
      const limit = config.limits['request-bytes'];
      const body = await readBody(req, limit);
      if (!body) {
        // The rest of the body is never read: the connection closes after the answer.
        res.setHeader('connection', 'close');
        return sendRefusal(res, { status: 413, code: 'PAYLOAD_TOO_LARGE', message: `the request body is over ${limit} bytes; send a smaller operation, or raise the limit with --limit request-bytes=<bytes>` });
      }
      // Yoga's request adapter (@whatwg-node/server) takes a body already read from `req.body`.
      Object.assign(req, { body });
    }
    const address = clientAddress(req, config.trustProxy);
    const who = await auth.authenticate(req.headers.authorization, address).then(
      (actor) => ({ actor }),
      (refusal: Error) => ({ actor: CUSTOMER, refusal }),
    );
    await yoga(req, res, { transport: 'http', address, ...who });
  }

  function sendRefusal(res: ServerResponse, refusal: Refusal): void {
    res.writeHead(refusal.status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
    res.end(JSON.stringify({ errors: [{ message: refusal.message, extensions: { code: refusal.code } }] }));
  }

  async function sendHealth(res: ServerResponse): Promise<void> {
    const report = await healthReport(services, live.count());
    res.writeHead(report.status === 'down' ? 503 : 200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
    res.end(JSON.stringify(report));
  }

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
        const drained = connections.drain();
        // Clients see 1001 "going away": graphql-ws clients reconnect and resume from their cursor.
        await live.dispose();
        await drained;
        await lateWatch.stop();
        await auth.settled();
        services.kitchen.dispose();
        services.stats.dispose();
        services.pickupBoard.dispose();
        await bus.close();
        await rateLimits.close();
        await db.close();
        dataLock?.release();
        logger.info('stopped');
      })();
      return stopping;
    },
  };
}

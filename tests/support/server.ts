// A real Orderline server for a test: its own database, port 0, real HTTP and real graphql-ws.
import { createClient, type Client } from 'graphql-ws';
import type { Logger } from 'pino';
import WebSocket from 'ws';
import { parseServerConfig } from '../../server/config.ts';
import { buildApp, type App } from '../../server/http/app.ts';
import { createLogger } from '../../server/logger.ts';
import { createTestDatabase, type Provider, type TestDatabase } from './databases.ts';
import { graphqlOver, type Gql } from './graphql-http.ts';

export interface TestServer {
  app: App;
  url: string;
  wsUrl: string;
  database: TestDatabase;
  managerToken: string;
  /** A GraphQL request over HTTP; `token` null sends no Authorization header. */
  gql: Gql;
  /** A graphql-ws client that does not retry (tests about retrying pass their own options). */
  ws(token?: string | null, options?: Partial<Parameters<typeof createClient>[0]>): Client;
  /** Creates a token with the manager token and returns its secret. */
  token(role: 'KITCHEN' | 'MANAGER', name?: string): Promise<string>;
  stop(): Promise<void>;
  port: number;
}

export interface StartOptions {
  provider?: Provider;
  database?: TestDatabase;
  adminToken?: string;
  redisUrl?: string;
  logger?: Logger;
  keepAliveMs?: number;
  lateCheckMs?: number;
  revocationCheckMs?: number;
  clock?: () => Date;
  /** Listen on this port (to restart a server where its clients expect it); 0 by default. */
  port?: number;
  /** More server settings, as `orderline serve` takes them (e.g. `{ expo: true }`). */
  settings?: Record<string, unknown>;
  /** Serve this built web tracker instead of web-tracker/dist. */
  webDist?: string;
}

export async function startServer(options: StartOptions = {}): Promise<TestServer> {
  const database = options.database ?? (await createTestDatabase(options.provider ?? 'sqlite'));
  const config = parseServerConfig({
    port: 0,
    host: '127.0.0.1',
    dataDir: database.dataDir,
    databaseUrl: database.databaseUrl,
    redisUrl: options.redisUrl,
    logLevel: process.env.ORDERLINE_TEST_LOG_LEVEL ?? 'silent',
    adminToken: options.adminToken,
    timeZone: 'UTC',
    ...options.settings,
  });
  const app = await buildApp(config, options.logger ?? createLogger(config.logLevel, { pretty: false }), { keepAliveMs: options.keepAliveMs, lateCheckMs: options.lateCheckMs, revocationCheckMs: options.revocationCheckMs, clock: options.clock, webDist: options.webDist });
  const { port } = await app.start(options.port ?? 0, '127.0.0.1');
  const url = `http://127.0.0.1:${port}`;
  const clients: Client[] = [];
  const managerToken = app.firstStart.managerToken?.secret ?? options.adminToken ?? '';

  const gql = graphqlOver(url, managerToken);

  return {
    app,
    url,
    wsUrl: `ws://127.0.0.1:${port}/graphql`,
    database,
    managerToken,
    gql,
    ws(token = managerToken, overrides = {}) {
      const client = createClient({
        url: `ws://127.0.0.1:${port}/graphql`,
        webSocketImpl: WebSocket,
        retryAttempts: 0,
        connectionParams: token ? { authorization: `Bearer ${token}` } : {},
        ...overrides,
      });
      clients.push(client);
      return client;
    },
    async token(role, name = `${role.toLowerCase()} test token`) {
      const result = await gql(
        `mutation($name: String!, $role: Role!) { createApiToken(name: $name, role: $role) { ... on CreatedApiToken { secret } } }`,
        { name, role },
      );
      if (result.errors) throw new Error(JSON.stringify(result.errors));
      return result.data.createApiToken.secret;
    },
    async stop() {
      await Promise.all(clients.map(async (client) => await client.dispose()));
      await app.stop();
      if (!options.database) await database.drop();
    },
    port,
  };
}

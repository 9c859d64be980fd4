// graphql-ws on the same port and path as GraphQL over HTTP. Operations go through Yoga's
// enveloped pipeline, so both transports share the schema, the context and the error masking.
import type { IncomingMessage, Server } from 'node:http';
import { CloseCode } from 'graphql-ws';
import { GraphQLError, type DocumentNode, type GraphQLSchema } from 'graphql';
import { isAsyncIterable, type YogaServerInstance } from 'graphql-yoga';
import type { Logger } from 'pino';
import { WebSocketServer, type WebSocket } from 'ws';
import { RATE_LIMITED_CLOSE } from '../../shared/close-codes.ts';
import type { Actor } from '../auth/actor.ts';
import type { Authenticate } from '../auth/authenticate.ts';
import type { ServerConfig } from '../config.ts';
import type { Database } from '../db/client.ts';
import type { LiveDelivery } from '../graphql/shared-execution.ts';
import type { TransportContext } from './transport-context.ts';
import { clientAddress } from './client-address.ts';
import { CONNECTION_RETRY_AFTER_S, ConnectionsPerAddress, tooManyOperations } from './live-limits.ts';
import { originAllowed } from './origin.ts';
import { serveProtocol } from './graphql-ws-protocol.ts';
import { endRevokedConnections } from './revoked-connections.ts';

export interface LiveConnections {
  /** Open WebSocket connections, for /health. */
  count(): number;
  /** Closes every connection with 1001 "going away": clients reconnect and resume from their cursor. */
  dispose(): Promise<void>;
}

export function serveGraphqlWs(options: {
  server: Server;
  path: string;
  yoga: YogaServerInstance<TransportContext, object>;
  authenticate: Authenticate;
  keepAliveMs: number;
  config: Pick<ServerConfig, 'limits' | 'trustProxy' | 'allowedOrigins' | 'publicUrl'>;
  /** Where revoked tokens are looked up, and whose revocations in this process end connections at once. */
  db: Database;
  logger: Logger;
  /** How often open connections' tokens are checked for a revocation made by another process. */
  revocationCheckMs?: number | undefined;
}): LiveConnections {
  const { server, path, yoga, authenticate, keepAliveMs, config, db, logger } = options;
  const { limits } = config;
  const perAddress = new ConnectionsPerAddress(limits['connections-per-address']);
  const revoked = endRevokedConnections({ db, logger, recheckMs: options.revocationCheckMs });

  // Refused before the upgrade, with a plain HTTP status: a page from another site (a browser
  // sends its Origin; the CLI sends none), and an address holding too many connections already.
  // Synchronous, so nothing runs between this check and the connection being counted.
  function refusal(request: IncomingMessage): Refusal | undefined {
    if (!originAllowed(request.headers.origin, request.headers.host, { publicUrl: config.publicUrl, allowedOrigins: config.allowedOrigins })) {
      return { status: 403, message: 'this page may not open a live connection to Orderline: its origin is not allowed (a server admin can allow it with --allow-origin)' };
    }
    if (!perAddress.allows(clientAddress(request, config.trustProxy))) {
      const message = `too many live connections from this address (at most ${limits['connections-per-address']}); close some and try again`;
      return { status: 429, message, headers: { 'Retry-After': String(CONNECTION_RETRY_AFTER_S) } };
    }
    return undefined;
  }
  const sockets = new WebSocketServer({
    server,
    path,
    // A frame longer than this closes the socket with 1009 as its header arrives, before it is
    // buffered, and whether or not connection_init came first. Our clients' largest operation with
    // its variables is about 1.5 kB, and a connection_init with a token about 100 bytes.
    maxPayload: limits['message-bytes'],
    verifyClient: ({ req }, callback) => {
      const refused = refusal(req);
      if (refused) callback(false, refused.status, refused.message, refused.headers);
      else callback(true);
    },
  });
  const graphqlWs = serveProtocol<{ authorization?: unknown }>(
    sockets,
    {
      onConnect: async (ctx) => {
        try {
          const actor = await authenticate(ctx.connectionParams?.authorization, ctx.extra.address);
          if (actor.kind === 'staff') revoked.track(actor.tokenId, ctx.extra.socket);
          return true;
        } catch (error) {
          const refusal = asRefusal(error, logger);
          ctx.extra.socket.close(refusedConnectionCode(refusal), closeReason(refusal.message));
          return false;
        }
      },
      onSubscribe: async (ctx, id, payload) => {
        // Before any await: operations arriving together are counted one by one. graphql-ws has
        // already entered this one in ctx.subscriptions, and removes it when it ends or is refused.
        const overLimit = tooManyOperations(Object.keys(ctx.subscriptions).length, limits['subscriptions-per-connection']);
        if (overLimit) return [overLimit];
        // Checked again for every operation, so a token revoked mid-connection stops working.
        const { address, origin } = ctx.extra;
        let actor: Actor;
        try {
          actor = await authenticate(ctx.connectionParams?.authorization, address);
        } catch (error) {
          return [asRefusal(error, logger)];
        }
        const enveloped = yoga.getEnveloped({ ...ctx, socket: ctx.extra.socket, params: payload, transport: 'ws', actor, origin, address });
        // Envelop types its pipeline loosely (any); these are graphql-js's own functions.
        let document: DocumentNode;
        try {
          document = enveloped.parse(payload.query) as DocumentNode;
        } catch (error) {
          return [asRefusal(error, logger)];
        }
        const schema = enveloped.schema as GraphQLSchema;
        const errors = enveloped.validate(schema, document) as readonly GraphQLError[];
        if (errors.length) return errors;
        return {
          schema,
          document,
          operationName: payload.operationName,
          variableValues: payload.variables,
          contextValue: await enveloped.contextFactory(),
          rootValue: { execute: enveloped.execute, subscribe: enveloped.subscribe, delivery: deliveryTo(ctx.extra.socket, id) },
        };
      },
      execute: (args) => (args.rootValue as { execute: typeof import('graphql').execute }).execute(args),
      subscribe: async (held) => {
        // graphql-ws holds `held` for the operation's lifetime; the operation runs on a copy.
        const args = { ...held };
        const result = await (args.rootValue as { subscribe: typeof import('graphql').subscribe }).subscribe(args);
        // A stream delivered by shared-execution.ts yields nothing to graphql-ws, which never
        // reads these arguments again: the operation's context (and Envelop's) need not live as
        // long as the operation, thousands of times over, when a group's stream does not need it.
        const { stream } = (args.rootValue as { delivery: LiveDelivery }).delivery;
        if (!stream || !isAsyncIterable(result)) return result;
        Object.assign(held, { contextValue: undefined, rootValue: undefined, variableValues: undefined });
        return stream;
      },
    },
    keepAliveMs,
    (socket, request) => {
      const address = clientAddress(request, config.trustProxy);
      perAddress.track(address, socket);
      return { address, origin: `http://${request.headers.host ?? 'localhost'}` };
    },
    logger,
  );
  return {
    count: () => sockets.clients.size,
    dispose: async () => {
      revoked.stop();
      await graphqlWs.dispose();
    },
  };
}

/** Standard WebSocket "try again later": the check itself failed (the database is not answering). */
const CLOSE_TRY_AGAIN_LATER = 1013;

/**
 * What a socket may have queued and unsent before it counts as stalled: far more than a screen's
 * burst of changes. A stalled client is closed with "try again later" rather than fed without
 * end; it reconnects and catches up from its cursor, or with the order as it is.
 */
const STALLED_BYTES = 4 * 1024 * 1024;

/** A subscription's results as `next` messages on its socket, the payload spliced in as it was serialised once for its group. */
function deliveryTo(socket: WebSocket, id: string): LiveDelivery {
  const head = `{"id":${JSON.stringify(id)},"type":"next","payload":`;
  return {
    send(payload) {
      if (socket.readyState !== socket.OPEN) return;
      if (socket.bufferedAmount > STALLED_BYTES) return void socket.close(CLOSE_TRY_AGAIN_LATER, 'not reading its messages: reconnect to catch up');
      socket.send(`${head}${payload}}`);
    },
  };
}

/**
 * Why a token was not accepted, as a client may read it: the authenticator's own refusals as
 * they are, and a failure to check at all (the database not answering) as a retryable error
 * that carries none of the database's own message.
 */
function asRefusal(error: unknown, logger: Logger): GraphQLError {
  if (error instanceof GraphQLError) return error;
  logger.warn({ err: error }, 'could not check a live connection’s token');
  return new GraphQLError('the database is not answering; try again in a moment', { extensions: { code: 'DATABASE_UNAVAILABLE' } });
}

/** A WebSocket close reason is at most 123 bytes of UTF-8. */
function closeReason(message: string): string {
  let reason = message;
  while (Buffer.byteLength(reason) > 123) reason = reason.slice(0, -1);
  return reason;
}

/** How a connection_init that was not accepted ends: each close code tells a client what to do next. */
function refusedConnectionCode(error: GraphQLError): number {
  const { code } = error.extensions;
  if (code === 'RATE_LIMITED') return RATE_LIMITED_CLOSE; // wait, then reconnect
  if (code === 'UNAUTHENTICATED') return CloseCode.Forbidden; // a token problem: retrying will not help
  return CLOSE_TRY_AGAIN_LATER;
}

/** Why an upgrade is refused: the HTTP status, message and headers the client receives. */
interface Refusal {
  status: number;
  message: string;
  headers?: Record<string, string>;
}

// graphql-ws on the same port and path as GraphQL over HTTP. Operations go through Yoga's
// enveloped pipeline, so both transports share the schema, the context and the error masking.
import type { IncomingMessage, Server } from 'node:http';
import { CloseCode } from 'graphql-ws';
import { getOperationAST, GraphQLError, OperationTypeNode, type DocumentNode, type ExecutionResult, type GraphQLSchema } from 'graphql';
import { isAsyncIterable, type YogaServerInstance } from 'graphql-yoga';
import type { Logger } from 'pino';
import { WebSocketServer } from 'ws';
import { RATE_LIMITED_CLOSE } from '../../shared/close-codes.ts';
import type { Actor } from '../auth/actor.ts';
import type { Authenticate } from '../auth/authenticate.ts';
import type { ServerConfig } from '../config.ts';
import type { Database } from '../db/client.ts';
import type { TransportContext } from './transport-context.ts';
import { clientAddress } from './client-address.ts';
import { CONNECTION_RETRY_AFTER_S, ConnectionsPerAddress, tooManyOperations } from './live-limits.ts';
import { originAllowed } from './origin.ts';
import { CLOSE_TRY_AGAIN_LATER, serveProtocol } from './graphql-ws-protocol.ts';
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
  const graphqlWs = serveProtocol(
    sockets,
    {
      connect: async (connection) => {
        try {
          const actor = await authenticate(connection.params?.authorization, connection.address);
          // Gone while its token was checked: nothing to track, nothing to acknowledge.
          if (connection.socket.readyState !== connection.socket.OPEN) return false;
          if (actor.kind === 'staff') {
            connection.tokenId = actor.tokenId;
            revoked.track(actor.tokenId, connection.socket);
          }
          return true;
        } catch (error) {
          const refusal = asRefusal(error, logger);
          connection.close(refusedConnectionCode(refusal), closeReason(refusal.message));
          return false;
        }
      },
      run: async (connection, operation, payload) => {
        // Before any await: operations arriving together are counted one by one. The protocol has
        // already entered this one in the connection's operations, and removes it when it ends.
        const overLimit = tooManyOperations(connection.operations.length, limits['subscriptions-per-connection']);
        if (overLimit) return [overLimit];
        // Checked again for every operation, so a token revoked mid-connection stops working.
        const { address, origin } = connection;
        let actor: Actor;
        try {
          actor = await authenticate(connection.params?.authorization, address);
        } catch (error) {
          return [asRefusal(error, logger)];
        }
        // Not the operation's text (`params`, as Yoga's own graphql-ws example passes): the context
        // lives as long as a live view's group does, and nothing here reads it.
        const enveloped = yoga.getEnveloped({ transport: 'ws', actor, origin, address });
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
        const operationAst = getOperationAST(document, payload.operationName);
        if (!operationAst) return [new GraphQLError('Unable to identify operation')];
        const args = {
          schema,
          document,
          operationName: payload.operationName,
          variableValues: payload.variables,
          contextValue: await enveloped.contextFactory(),
          // A subscription's results go to the operation itself (shared-execution.ts).
          rootValue: { delivery: operation },
        };
        if (operationAst.operation !== OperationTypeNode.SUBSCRIPTION) return (await enveloped.execute(args)) as ExecutionResult;
        const result = (await enveloped.subscribe(args)) as ExecutionResult | AsyncIterable<ExecutionResult>;
        if (!isAsyncIterable(result)) return result;
        if (!operation.membership) throw new Error('a subscription over graphql-ws was not delivered to its operation');
        return undefined;
      },
      closed: (connection) => {
        perAddress.release(connection.address);
        if (connection.tokenId !== undefined) revoked.forget(connection.tokenId, connection.socket);
      },
    },
    keepAliveMs,
    (_socket, request) => {
      const address = clientAddress(request, config.trustProxy);
      perAddress.add(address);
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

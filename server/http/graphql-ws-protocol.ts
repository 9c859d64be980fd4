// The graphql-transport-ws protocol (graphql-ws's) on the `ws` server: graphql-ws's messages, their
// parsing and its close codes, with the state of a connection and of an operation kept as two small
// records. graphql-ws's own server (makeServer) holds, for every connection and operation,
// closures, promises and a suspended loop: about 7 KB per subscribed connection, three times a
// bare socket, thousands of times over in a process. Here a shared group writes an operation's
// results to its record directly (LiveDelivery), and its listeners are the same few functions for
// every socket.
import type { IncomingMessage } from 'node:http';
import type { ExecutionResult, GraphQLError } from 'graphql';
import { CloseCode, GRAPHQL_TRANSPORT_WS_PROTOCOL, MessageType, parseMessage, stringifyMessage, type Message, type SubscribePayload } from 'graphql-ws';
import type { Logger } from 'pino';
import type { RawData, WebSocket, WebSocketServer } from 'ws';
import { nextTurn, SOCKETS_PER_TURN } from '../event-loop.ts';
import type { LiveDelivery, Membership } from '../graphql/shared-execution.ts';

/** graphql-ws's default: a socket that has not sent connection_init by then is closed with 4408. */
const CONNECTION_INIT_WAIT_MS = 3_000;

/** Standard WebSocket "try again later". */
export const CLOSE_TRY_AGAIN_LATER = 1013;

/**
 * What a socket may have queued and unsent before it counts as stalled: far more than a screen's
 * burst of changes. A stalled client is closed with "try again later" rather than fed without
 * end; it reconnects and catches up from its cursor, or with the order as it is.
 */
const STALLED_BYTES = 4 * 1024 * 1024;

/** What the server does with a connection's messages: who it is, and its operations. */
export interface LiveOperations {
  /**
   * connection_init, its payload in `connection.params`: true to acknowledge it. To refuse it,
   * close the socket with the reason and return false.
   */
  connect(connection: LiveConnection): Promise<boolean>;
  /**
   * A subscribe message: errors to refuse it with, the result of a query or a mutation (or of a
   * subscription that could not start), or undefined for a subscription delivered to `operation`
   * (it has joined a Membership, which ends it).
   */
  run(connection: LiveConnection, operation: LiveOperation, payload: SubscribePayload): Promise<readonly GraphQLError[] | ExecutionResult | undefined>;
  /** The socket has closed and its operations have ended. */
  closed(connection: LiveConnection): void;
}

/** One socket speaking the protocol. */
export class LiveConnection {
  /**
   * Its operations, from their subscribe message until they end: a few at most (a limit
   * refuses more), so an array, replaced rather than grown so that it holds no spare slots:
   * about 40 bytes against a Map's 300, thousands of connections over.
   */
  operations: readonly LiveOperation[] = [];
  /** connection_init's payload, once it has come. */
  params: Record<string, unknown> | undefined;
  /** The staff token it connected with, so that revoking it ends the connection (revoked-connections.ts). */
  tokenId: number | undefined;
  initialised = false;
  acknowledged = false;
  /** Answered the last keep-alive ping. */
  answered = true;
  initWait: NodeJS.Timeout | undefined;

  constructor(
    readonly socket: WebSocket,
    /** The client's address (client-address.ts). */
    readonly address: string,
    /** The origin the client reached this server at. */
    readonly origin: string,
    readonly server: ProtocolServer,
  ) {}

  send(message: Message): void {
    if (this.socket.readyState === this.socket.OPEN) this.socket.send(stringifyMessage(message));
  }

  close(code: number, reason: string): void {
    this.socket.close(code, reason);
  }

  async receive(text: string): Promise<void> {
    let message: Message;
    try {
      message = parseMessage(text);
    } catch {
      return this.close(CloseCode.BadRequest, 'Invalid message received');
    }
    switch (message.type) {
      case MessageType.ConnectionInit:
        if (this.initialised) return this.close(CloseCode.TooManyInitialisationRequests, 'Too many initialisation requests');
        this.initialised = true;
        clearTimeout(this.initWait);
        this.initWait = undefined;
        this.params = message.payload ?? undefined;
        if (!(await this.server.operations.connect(this))) return; // refused: the socket is closed
        this.acknowledged = true;
        return this.send({ type: MessageType.ConnectionAck });
      case MessageType.Ping:
        return this.send(message.payload ? { type: MessageType.Pong, payload: message.payload } : { type: MessageType.Pong });
      case MessageType.Pong:
        return;
      case MessageType.Subscribe:
        return this.#subscribe(message.id, message.payload);
      case MessageType.Complete: {
        const operation = this.operation(message.id);
        if (!operation) return;
        this.remove(operation);
        return await operation.membership?.leave(operation);
      }
      default:
        // A message only a server sends breaks the protocol, as any other malformed one.
        return this.close(CloseCode.BadRequest, `Unexpected message of type ${message.type} received`);
    }
  }

  async #subscribe(id: string, payload: SubscribePayload): Promise<void> {
    if (!this.acknowledged) return this.close(CloseCode.Unauthorized, 'Unauthorized');
    if (this.operation(id)) return this.close(CloseCode.SubscriberAlreadyExists, `Subscriber for ${id} already exists`);
    const operation = new LiveOperation(this, id);
    this.operations = this.operations.concat([operation]);
    const result = await this.server.operations.run(this, operation, payload);
    // Completed by the client, or its socket gone, while it started: it ends without a word.
    if (!this.operations.includes(operation)) return void (await operation.membership?.leave(operation));
    if (result === undefined) return; // delivered: its membership ends it
    if (Array.isArray(result)) return operation.end(result);
    this.send({ id, type: MessageType.Next, payload: result as ExecutionResult });
    operation.end();
  }

  operation(id: string): LiveOperation | undefined {
    return this.operations.find((operation) => operation.id === id);
  }

  /** Ends `operation`'s place on this connection; false when it had ended already. */
  remove(operation: LiveOperation): boolean {
    const index = this.operations.indexOf(operation);
    if (index < 0) return false;
    // concat allocates what it holds; push and filter leave room for 16 more.
    this.operations = this.operations.slice(0, index).concat(this.operations.slice(index + 1));
    return true;
  }

  closed(): void {
    clearTimeout(this.initWait);
    const { operations } = this;
    this.operations = [];
    // At once, not after its streams have ended (which may wait for a read): the address's slot
    // is free for the client's reconnection.
    this.server.operations.closed(this);
    for (const operation of operations) void operation.membership?.leave(operation);
  }
}

/** One operation of a connection: its results are `next` messages, its end `complete` or `error`. */
export class LiveOperation implements LiveDelivery {
  membership: Membership | undefined;
  /** The start of each of its `next` messages; the payload, serialised once for its group, follows. */
  readonly #head: string;

  constructor(
    readonly connection: LiveConnection,
    readonly id: string,
  ) {
    this.#head = `{"id":${JSON.stringify(id)},"type":"next","payload":`;
  }

  send(payload: string): void {
    const { socket } = this.connection;
    if (socket.readyState !== socket.OPEN) return;
    if (socket.bufferedAmount > STALLED_BYTES) return void socket.close(CLOSE_TRY_AGAIN_LATER, 'not reading its messages: reconnect to catch up');
    socket.send(`${this.#head}${payload}}`);
  }

  end(errors?: readonly GraphQLError[]): void {
    const { connection, id } = this;
    // Unless it has ended already: completed by the client, or its socket closed.
    if (!connection.remove(this)) return;
    connection.send(errors ? { id, type: MessageType.Error, payload: errors.map((error) => error.toJSON()) } : { id, type: MessageType.Complete });
  }
}

/** What a connection's listeners reach its server by. */
interface ProtocolServer {
  readonly operations: LiveOperations;
  readonly logger: Logger;
}

/** Each socket's connection, for listeners that are the same function on every socket. */
const connectionOf = new WeakMap<WebSocket, LiveConnection>();

function onMessage(this: WebSocket, data: RawData): void {
  const connection = connectionOf.get(this)!;
  connection.receive(textOf(data)).catch((error: unknown) => {
    connection.server.logger.error({ err: error }, 'a live connection’s message could not be handled');
    connection.close(CloseCode.InternalServerError, 'Internal server error');
  });
}

function onPong(this: WebSocket): void {
  connectionOf.get(this)!.answered = true;
}

function onClose(this: WebSocket): void {
  connectionOf.get(this)!.closed();
}

// ws emits an error only for a frame that breaks the protocol or the size limit, and has already
// closed the socket with the fitting code (1009, 1002, 1007): nothing more to do.
function onError(this: WebSocket, error: Error): void {
  connectionOf.get(this)!.server.logger.debug({ err: error }, 'a live connection sent a frame it may not; closed');
}

/**
 * Serves the protocol on `sockets`. One keep-alive timer for every socket: a socket is pinged
 * every `keepAliveMs`, and cut when it has not answered a ping one keep-alive later. `accept`
 * takes each new socket on and says what its upgrade request said; the request is not kept.
 */
export function serveProtocol(
  sockets: WebSocketServer,
  operations: LiveOperations,
  keepAliveMs: number,
  accept: (socket: WebSocket, request: IncomingMessage) => { address: string; origin: string },
  logger: Logger,
): { dispose(): Promise<void> } {
  const server: ProtocolServer = { operations, logger };
  // A ping costs about as much as any other frame: pinging thousands of sockets at once held
  // the event loop for half a second, so they are pinged a slice per turn, as changes are sent.
  const beat = async () => {
    let pinged = 0;
    for (const socket of [...sockets.clients]) {
      const connection = connectionOf.get(socket)!;
      if (socket.readyState !== socket.OPEN) continue;
      if (!connection.answered) {
        socket.terminate();
        continue;
      }
      connection.answered = false;
      socket.ping();
      if (++pinged % SOCKETS_PER_TURN === 0) await nextTurn();
    }
  };
  const keepAlive = keepAliveMs > 0 && Number.isFinite(keepAliveMs) ? setInterval(() => void beat(), keepAliveMs) : undefined;
  sockets.on('connection', (socket, request) => {
    const { address, origin } = accept(socket, request);
    const connection = new LiveConnection(socket, address, origin, server);
    connectionOf.set(socket, connection);
    socket.on('close', onClose);
    socket.on('error', onError);
    if (socket.protocol !== GRAPHQL_TRANSPORT_WS_PROTOCOL) return connection.close(CloseCode.SubprotocolNotAcceptable, 'Subprotocol not acceptable');
    socket.on('message', onMessage);
    socket.on('pong', onPong);
    // Cleared when connection_init comes.
    connection.initWait = setTimeout(() => connection.close(CloseCode.ConnectionInitialisationTimeout, 'Connection initialisation timeout'), CONNECTION_INIT_WAIT_MS);
  });
  return {
    async dispose() {
      clearInterval(keepAlive);
      for (const socket of sockets.clients) socket.close(1001, 'Going away');
      await new Promise<void>((resolve, reject) => sockets.close((error) => (error ? reject(error) : resolve())));
    },
  };
}

/** A message's text, whichever form `ws` hands it in (one buffer, fragments, an ArrayBuffer). */
function textOf(data: RawData): string {
  return (Array.isArray(data) ? Buffer.concat(data) : Buffer.isBuffer(data) ? data : Buffer.from(data)).toString();
}

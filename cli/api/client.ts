// The one typed GraphQL client the terminal clients share: urql's core over HTTP (with retries
// for idempotent and keyed calls only) and graphql-ws for subscriptions.
import { Client, CombinedError, fetchExchange, stringifyDocument, type AnyVariables, type TypedDocumentNode } from '@urql/core';
import { retryExchange } from '@urql/exchange-retry';
import type { Client as WsClient } from 'graphql-ws';
import type WebSocket from 'ws';
import { CliError, EXIT, ServerUnreachable } from '../errors.ts';
import { say } from '../output.ts';
import { RATE_LIMITED_CLOSE } from '../../shared/close-codes.ts';

export interface ApiOptions {
  server: string;
  token?: string | undefined;
  /** Attempts for a retryable call that meets network trouble, the first included. */
  attempts?: number;
  /** How long one HTTP request may take. */
  timeoutMs?: number;
  /** How the live connection checks that the server still answers; HEARTBEAT by default. */
  heartbeat?: Heartbeat;
  /** Where the client says that it is waiting out a rate limit; stderr by default. */
  notice?: (message: string) => void;
}

export interface Heartbeat {
  /** Quiet time on an open connection before the client pings the server. */
  everyMs: number;
  /** How long the server may take to answer: the WebSocket handshake, the connection_init, each ping. */
  timeoutMs: number;
}

/**
 * A hung server (stopped, frozen, behind a dead link) keeps its TCP connections open and says
 * nothing, so only a missed answer shows it: with these, a kitchen screen knows within 9 s.
 */
export const HEARTBEAT: Heartbeat = { everyMs: 5_000, timeoutMs: 4_000 };

/**
 * The live connection failed. `unanswered` when the server did not answer at all (the connection
 * was refused or timed out, or a heartbeat went unanswered), rather than closing it.
 */
export class ConnectionLost extends CliError {
  constructor(
    message: string,
    readonly unanswered: boolean,
  ) {
    super(message, EXIT.failure);
  }
}

const DEFAULT_ATTEMPTS = 4;
/**
 * How many times one call waits out the server's rate limit (RATE_LIMITED, Retry-After) before it
 * fails: a batch keeps going through a few busy minutes rather than stopping at the first.
 */
const RATE_LIMIT_WAITS = 5;
/** graphql-ws's code for a connection the client terminated: here, only for a missed answer. */
const TERMINATED = 4499;

export class Api {
  readonly server: string;
  readonly #token: string | undefined;
  readonly #attempts: number;
  readonly #heartbeat: Heartbeat;
  readonly #notice: (message: string) => void;
  readonly #urql: Client;
  #ws: WsClient | undefined;
  readonly #onConnected = new Set<() => void>();

  constructor(options: ApiOptions) {
    this.server = options.server.replace(/\/+$/, '');
    this.#token = options.token;
    this.#attempts = options.attempts ?? DEFAULT_ATTEMPTS;
    this.#heartbeat = options.heartbeat ?? HEARTBEAT;
    this.#notice = options.notice ?? ((message) => say(`orderline: ${message}`));
    const timeoutMs = options.timeoutMs ?? 15_000;
    this.#urql = new Client({
      url: `${this.server}/graphql`,
      preferGetMethod: false,
      requestPolicy: 'network-only',
      fetchOptions: (): RequestInit => ({
        headers: this.#token ? { authorization: `Bearer ${this.#token}` } : {},
      }),
      // Not a `signal` in fetchOptions: urql replaces it with its own, so the deadline lives here.
      fetch: fetchWithDeadline(timeoutMs),
      exchanges: [
        retryExchange({
          initialDelayMs: 250,
          maxDelayMs: 4_000,
          randomDelay: true,
          maxNumberAttempts: this.#attempts,
          // Reads are safe to repeat; a change is only when it carries an idempotency key.
          retryIf: (error, operation) =>
            Boolean(error.networkError) &&
            (operation.kind === 'query' || (operation.variables as { idempotencyKey?: unknown })?.idempotencyKey != null),
        }),
        fetchExchange,
      ],
    });
  }

  async query<D, V extends AnyVariables>(document: TypedDocumentNode<D, V>, variables: V): Promise<D> {
    return this.#unwrap(await this.#waitingOutRateLimits(() => this.#urql.query(document, variables).toPromise(), true), true);
  }

  async mutate<D, V extends AnyVariables>(document: TypedDocumentNode<D, V>, variables: V): Promise<D> {
    const retryable = (variables as { idempotencyKey?: unknown }).idempotencyKey != null;
    return this.#unwrap(await this.#waitingOutRateLimits(() => this.#urql.mutation(document, variables).toPromise(), retryable), retryable);
  }

  /**
   * Runs a call again after the wait the server asks for when it answers RATE_LIMITED, if the call
   * is safe to repeat: a read, or a change with an idempotency key (applied once however often
   * it is sent). Says so on stderr, so a batch that pauses is not mistaken for a hung one.
   */
  async #waitingOutRateLimits<R extends { error?: CombinedError }>(call: () => Promise<R>, retryable: boolean): Promise<R> {
    for (let waits = 0; ; waits++) {
      const result = await call();
      const limited = result.error?.graphQLErrors.find((error) => error.extensions?.code === 'RATE_LIMITED');
      if (!limited || !retryable || waits === RATE_LIMIT_WAITS) return result;
      const seconds = Number(limited.extensions.retryAfterSeconds) || 1;
      this.#notice(`the server at ${this.server} says: ${limited.message}; waiting ${seconds} s, then sending the same request again`);
      await new Promise((resolve) => setTimeout(resolve, seconds * 1_000));
    }
  }

  /**
   * The results of a subscription; throws (as a CliError) when it fails or the connection drops.
   * Ends quietly when `signal` aborts, even while waiting for the next result.
   */
  async *subscribe<D, V extends AnyVariables>(document: TypedDocumentNode<D, V>, variables: V, signal?: AbortSignal): AsyncGenerator<D> {
    const iterator = (await this.#socket()).iterate<D>({ query: stringifyDocument(document), variables: variables as Record<string, unknown> });
    // Each wait is its own promise, which an abort settles: racing every next() against one
    // long-lived "aborted" promise would leave a reaction on it per result, kept all day by a
    // screen that runs all day.
    let abortWait = () => {};
    const onAbort = () => abortWait();
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      for (;;) {
        if (signal?.aborted) return;
        const next = await new Promise<Awaited<ReturnType<typeof iterator.next>> | 'aborted'>((resolve, reject) => {
          abortWait = () => resolve('aborted');
          iterator.next().then(resolve, reject);
        });
        if (next === 'aborted' || next.done) return;
        if (next.value.errors?.length) throw graphqlError(next.value.errors, this.server, this.#token !== undefined);
        yield next.value.data as D;
      }
    } catch (error) {
      throw error instanceof CliError ? error : connectionError(error, this.server, this.#heartbeat);
    } finally {
      // A follower subscribes again after every drop on the same signal: leave no listener behind.
      signal?.removeEventListener('abort', onAbort);
      await iterator.return?.();
    }
  }

  /** Called each time the live connection is (re)established; returns a function that stops it. */
  onConnected(listener: () => void): () => void {
    this.#onConnected.add(listener);
    return () => this.#onConnected.delete(listener);
  }

  async close(): Promise<void> {
    // dispose() waits for a connection under way, and rejects when that one fails (refused, timed
    // out): it then has nothing left to close.
    await Promise.resolve(this.#ws?.dispose()).catch(() => undefined);
    this.#ws = undefined;
  }

  /** Loaded on first use: most commands never open a socket. */
  async #socket(): Promise<WsClient> {
    if (this.#ws) return this.#ws;
    const [{ createClient: createWsClient }, { default: WebSocketImpl }] = await Promise.all([import('graphql-ws'), import('ws')]);
    const { everyMs, timeoutMs } = this.#heartbeat;
    // graphql-ws constructs the socket itself, with no options: a handshake the server never
    // answers (it accepts TCP while stopped) would otherwise wait for ever.
    class WithHandshakeTimeout extends WebSocketImpl {
      constructor(address: string, protocols?: string | string[]) {
        super(address, protocols, { handshakeTimeout: timeoutMs });
      }
    }
    // One answer awaited at a time: the connection_ack after opening, then the pong to each ping.
    let socket: WebSocket | undefined;
    let awaited: NodeJS.Timeout | undefined;
    const expectAnswer = () => {
      clearTimeout(awaited);
      awaited = setTimeout(() => {
        // Not socket.close(): its closing handshake needs the very server that stopped answering,
        // and ws waits 30 s for it before giving up. terminate() fails the operations now (as a
        // TERMINATED close), and the ws socket's own terminate() lets go of the TCP connection.
        client.terminate();
        socket?.terminate();
      }, timeoutMs);
    };
    const answered = () => clearTimeout(awaited);
    const client = createWsClient({
      url: `${this.server.replace(/^http/, 'ws')}/graphql`,
      webSocketImpl: WithHandshakeTimeout,
      connectionParams: this.#token ? { authorization: `Bearer ${this.#token}` } : {},
      lazy: true,
      // Callers that follow a stream reconnect themselves, with their latest cursor.
      retryAttempts: 0,
      // The server's own keep-alive (WebSocket pings) only lets it drop dead clients; the client
      // learns of a dead server from graphql-ws pings of its own.
      keepAlive: everyMs,
      on: {
        opened: (opened) => {
          socket = opened as WebSocket;
          expectAnswer();
        },
        connected: () => {
          answered();
          this.#onConnected.forEach((listener) => listener());
        },
        ping: (received) => {
          if (!received) expectAnswer();
        },
        pong: (received) => {
          if (received) answered();
        },
        closed: answered,
      },
    });
    this.#ws = client;
    return client;
  }

  #unwrap<D>(result: { data?: D; error?: CombinedError }, retried: boolean): D {
    if (result.error?.networkError) throw networkError(result.error, this.server, retried ? this.#attempts : 1);
    if (result.error?.graphQLErrors.length) throw graphqlError(result.error.graphQLErrors, this.server, this.#token !== undefined);
    if (result.data === undefined) throw new CliError(`the server at ${this.server} sent no data`);
    return result.data;
  }
}

/**
 * fetch with a deadline for the whole request, body included. The timer is an ordinary (ref'd)
 * one on purpose: Node 20's fetch can leave a request unsettled when the server drops the
 * connection as it opens, and with nothing else to wait for, the process would end with exit
 * code 13 and no word. Past the deadline the request fails like any network error, retried if
 * it may be.
 */
function fetchWithDeadline(timeoutMs: number): typeof fetch {
  return async (input, init) => {
    const deadline = new AbortController();
    const timer = setTimeout(() => deadline.abort(new Error(`no answer within ${timeoutMs / 1000} s`)), timeoutMs);
    try {
      const signal = init?.signal ? AbortSignal.any([init.signal, deadline.signal]) : deadline.signal;
      const response = await fetch(input, { ...init, signal });
      const body = response.body === null ? null : await response.arrayBuffer();
      return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
    } finally {
      clearTimeout(timer);
    }
  };
}

function networkError(error: CombinedError, server: string, attempts: number): ServerUnreachable {
  const cause = error.networkError?.cause as { code?: string; message?: string } | undefined;
  const reason = cause?.code ?? cause?.message ?? error.networkError?.message ?? 'network error';
  const tries = attempts > 1 ? ` after ${attempts} attempts` : '';
  return new ServerUnreachable(
    `could not reach the Orderline server at ${server} (${reason})${tries}.\nIs it running? Start it with \`orderline serve\`, or point --server / ORDERLINE_SERVER at it.`,
    EXIT.failure,
  );
}

function connectionError(error: unknown, server: string, heartbeat: Heartbeat): CliError {
  const close = error as { code?: number; reason?: string; message?: string };
  if (close.code === 4403 || close.code === 4401) {
    return new CliError(`${close.reason || 'the server refused the token'}\nCheck --token / ORDERLINE_TOKEN; \`orderline whoami\` shows which one is used.`, EXIT.auth);
  }
  if (close.code === RATE_LIMITED_CLOSE) {
    // Too many refused tokens from this address: not this token's fault; wait and try again.
    return new ConnectionLost(`the server at ${server} asks this address to wait: ${close.reason || 'too many requests'}`, false);
  }
  if (close.code === TERMINATED) {
    return new ConnectionLost(`the server at ${server} stopped answering (nothing for ${heartbeat.timeoutMs / 1000} s)`, true);
  }
  // A close event means the server (or something on the way) closed the connection; anything
  // else is the socket failing: refused, reset, or a handshake that timed out.
  if (typeof close.code === 'number') {
    return new ConnectionLost(`lost the live connection to ${server} (closed ${close.code}${close.reason ? ` ${close.reason}` : ''})`, false);
  }
  return new ConnectionLost(`lost the live connection to ${server} (${close.message ?? String(error)})`, true);
}

function graphqlError(errors: readonly { message: string; extensions?: Record<string, unknown> }[], server: string, hasToken: boolean): CliError {
  const first = errors[0]!;
  const code = first.extensions?.code;
  if (code === 'UNAUTHENTICATED' && !hasToken) {
    // The server's words are about HTTP headers; say where the CLI looks for a token instead.
    return new CliError(
      `this needs a staff token, and none was found.\nPass --token, set ORDERLINE_TOKEN, or add "token" to the config file; \`orderline whoami\` shows where the CLI looks.`,
      EXIT.auth,
    );
  }
  if (code === 'UNAUTHENTICATED' || code === 'FORBIDDEN') {
    return new CliError(`${first.message}\nCheck --token / ORDERLINE_TOKEN; \`orderline whoami\` shows which one is used.`, EXIT.auth);
  }
  if (code === 'NOT_FOUND') return new CliError(first.message, EXIT.notFound, 'NOT_FOUND');
  if (code === 'GRAPHQL_VALIDATION_FAILED' || code === 'BAD_USER_INPUT') {
    return new CliError(`${first.message} (is ${server} running the same version of Orderline?)`, EXIT.usage);
  }
  return new CliError(`the server at ${server} answered: ${errors.map((e) => e.message).join('; ')}`, EXIT.failure);
}

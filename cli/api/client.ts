// The one typed GraphQL client the terminal clients share: urql's core over HTTP (with retries
// for idempotent and keyed calls only) and graphql-ws for subscriptions.
import { Client, CombinedError, fetchExchange, stringifyDocument, type AnyVariables, type TypedDocumentNode } from '@urql/core';
import { retryExchange } from '@urql/exchange-retry';
import type { Client as WsClient } from 'graphql-ws';
import { CliError, EXIT, ServerUnreachable } from '../errors.ts';

export interface ApiOptions {
  server: string;
  token?: string | undefined;
  /** Attempts for a retryable call that meets network trouble, the first included. */
  attempts?: number;
  /** How long one HTTP request may take. */
  timeoutMs?: number;
}

const DEFAULT_ATTEMPTS = 4;

export class Api {
  readonly server: string;
  readonly #token: string | undefined;
  readonly #attempts: number;
  readonly #urql: Client;
  #ws: WsClient | undefined;
  readonly #onConnected = new Set<() => void>();

  constructor(options: ApiOptions) {
    this.server = options.server.replace(/\/+$/, '');
    this.#token = options.token;
    this.#attempts = options.attempts ?? DEFAULT_ATTEMPTS;
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
    return this.#unwrap(await this.#urql.query(document, variables).toPromise(), true);
  }

  async mutate<D, V extends AnyVariables>(document: TypedDocumentNode<D, V>, variables: V): Promise<D> {
    const retryable = (variables as { idempotencyKey?: unknown }).idempotencyKey != null;
    return this.#unwrap(await this.#urql.mutation(document, variables).toPromise(), retryable);
  }

  /**
   * The results of a subscription; throws (as a CliError) when it fails or the connection drops.
   * Ends quietly when `signal` aborts, even while waiting for the next result.
   */
  async *subscribe<D, V extends AnyVariables>(document: TypedDocumentNode<D, V>, variables: V, signal?: AbortSignal): AsyncGenerator<D> {
    const iterator = (await this.#socket()).iterate<D>({ query: stringifyDocument(document), variables: variables as Record<string, unknown> });
    let onAbort = () => {};
    const aborted = new Promise<'aborted'>((resolve) => {
      onAbort = () => resolve('aborted');
      if (signal?.aborted) onAbort();
      signal?.addEventListener('abort', onAbort, { once: true });
    });
    try {
      for (;;) {
        const next = await Promise.race([iterator.next(), aborted]);
        if (next === 'aborted' || next.done) return;
        if (next.value.errors?.length) throw graphqlError(next.value.errors, this.server, this.#token !== undefined);
        yield next.value.data as D;
      }
    } catch (error) {
      throw error instanceof CliError ? error : connectionError(error, this.server);
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
    await this.#ws?.dispose();
    this.#ws = undefined;
  }

  /** Loaded on first use: most commands never open a socket. */
  async #socket(): Promise<WsClient> {
    if (this.#ws) return this.#ws;
    const [{ createClient: createWsClient }, { default: WebSocket }] = await Promise.all([import('graphql-ws'), import('ws')]);
    this.#ws = createWsClient({
      url: `${this.server.replace(/^http/, 'ws')}/graphql`,
      webSocketImpl: WebSocket,
      connectionParams: this.#token ? { authorization: `Bearer ${this.#token}` } : {},
      lazy: true,
      // Callers that follow a stream reconnect themselves, with their latest cursor.
      retryAttempts: 0,
      on: { connected: () => this.#onConnected.forEach((listener) => listener()) },
    });
    return this.#ws;
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

function connectionError(error: unknown, server: string): CliError {
  const close = error as { code?: number; reason?: string; message?: string };
  if (close.code === 4403 || close.code === 4401) {
    return new CliError(`${close.reason || 'the server refused the token'}\nCheck --token / ORDERLINE_TOKEN; \`orderline whoami\` shows which one is used.`, EXIT.auth);
  }
  const detail = typeof close.code === 'number' ? `closed ${close.code}${close.reason ? ` ${close.reason}` : ''}` : (close.message ?? String(error));
  return new CliError(`lost the live connection to ${server} (${detail})`, EXIT.failure);
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

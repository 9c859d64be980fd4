// One load-generating process for the HTTP benchmarks (forked by http-load.ts, so the clients never
// share a CPU-bound event loop with the server or with each other's bookkeeping). It runs `clients`
// loops, each one request at a time on its own keep-alive connection (fetch pools per origin and
// opens a socket per concurrent request), and reports the latency of every request that finished
// inside the measured window, plus every failure it saw at any time. It serves one task after
// another until the parent disconnects.
import { randomUUID } from 'node:crypto';
import type { Task, WorkerResult } from './http-load.ts';

/** The clock every process shares, so the parent's window means the same instant here. */
const now = () => performance.timeOrigin + performance.now();

process.on('message', (task: Task) => void run(task).then((result) => process.send!(result)));
process.once('disconnect', () => process.exit(0));
process.send!('ready');

async function run({ url, token, clients, firstClient, from, until, bodies }: Task): Promise<WorkerResult> {
  const latencies: number[] = [];
  const failures: string[] = [];
  const client = async (c: number) => {
    const body = bodies[(firstClient + c) % bodies.length]!;
    for (let i = 0; now() < until; i++) {
      const started = now();
      const problem = await request(url, token, body.query, fill(body.variables, i));
      const ended = now();
      if (problem) failures.push(problem);
      else if (ended >= from && ended <= until) latencies.push(ended - started);
    }
  };
  await Promise.all(Array.from({ length: clients }, (_, c) => client(c)));
  return { latencies, failures: failures.slice(0, 5), failed: failures.length };
}

/** A failure as a short sentence, or null when the request did what it was asked. */
async function request(url: string, token: string | null, query: string, variables: unknown): Promise<string | null> {
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token === null ? {} : { authorization: `Bearer ${token}` }) },
      body: JSON.stringify({ query, variables }),
    });
    const text = await response.text();
    if (response.status !== 200) return `HTTP ${response.status}: ${text.slice(0, 200)}`;
    const result = JSON.parse(text) as { data?: Record<string, { __typename?: string; event?: unknown } | string>; errors?: unknown };
    if (result.errors) return `GraphQL errors: ${JSON.stringify(result.errors).slice(0, 200)}`;
    // A mutation's result is a union: anything but the change itself is a refusal, and a change
    // without an event changed nothing (rush set on an order already rush).
    const outcome = Object.values(result.data ?? {})[0];
    if (typeof outcome === 'object' && (outcome?.__typename !== 'OrderChange' || outcome.event === null)) return `refused or no change: ${JSON.stringify(outcome).slice(0, 200)}`;
    return null;
  } catch (error) {
    return `request failed: ${(error as Error).message}`;
  }
}

/**
 * The request's variables with the placeholders filled in: "$key" becomes a fresh idempotency key,
 * as the CLI makes one per change, and "$odd" is true for the 1st, 3rd, … request of a client.
 */
function fill(variables: Record<string, unknown>, i: number): Record<string, unknown> {
  return Object.fromEntries(Object.entries(variables).map(([name, value]) => [name, value === '$key' ? randomUUID() : value === '$odd' ? i % 2 === 0 : value]));
}

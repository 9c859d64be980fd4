// Load over HTTP from separate processes (http-worker.ts), for benchmarks that measure a server
// running in a process of its own: `clients` concurrent clients in total, spread over up to
// PROCESSES workers, each client sending one request at a time for a fixed window of time; the
// rate is the requests that finished inside the window, per second.
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { quantile } from './report.ts';

const WORKER = fileURLToPath(new URL('./http-worker.ts', import.meta.url));
/** More workers than this only add processes competing with the server for the CPU. */
const PROCESSES = 4;

export interface RequestBody {
  query: string;
  /** "$key" and "$odd" are filled in per request (http-worker.ts, fill). */
  variables: Record<string, unknown>;
}

/** What a worker is asked to do: its share of the clients, client c sending bodies[(firstClient + c) % length]. */
export interface Task {
  url: string;
  /** null: as a customer, without one. */
  token: string | null;
  clients: number;
  firstClient: number;
  /** Epoch milliseconds: requests finishing before `from` warm up and are not counted; none start after `until`. */
  from: number;
  until: number;
  bodies: RequestBody[];
}

export interface WorkerResult {
  latencies: number[];
  /** The first few failures, to show; `failed` counts them all. */
  failures: string[];
  failed: number;
}

export interface Load {
  perSecond: number;
  p50: number;
  p99: number;
  requests: number;
  failed: number;
  failures: string[];
}

export interface LoadGenerator {
  /** Runs `clients` clients against `url` (the /graphql address) for warmupMs, then measures for durationMs. */
  run(url: string, token: string | null, bodies: RequestBody[], clients: number, window: { warmupMs: number; durationMs: number }): Promise<Load>;
  close(): void;
}

/** Starts the worker processes once; each run then uses as many of them as it has clients, up to all. */
export async function startLoadGenerator(): Promise<LoadGenerator> {
  const workers = await Promise.all(
    Array.from({ length: PROCESSES }, async () => {
      const child = fork(WORKER, { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
      await nextMessage(child); // 'ready': loaded, so no run measures a worker's start-up
      return child;
    }),
  );
  return {
    async run(url, token, bodies, clients, { warmupMs, durationMs }) {
      const busy = workers.slice(0, Math.min(clients, PROCESSES));
      // Every worker gets its task before the clock starts.
      const from = Date.now() + 50 + warmupMs;
      const until = from + durationMs;
      let firstClient = 0;
      const results = await Promise.all(
        busy.map((child, w) => {
          const share = Math.floor(clients / busy.length) + (w < clients % busy.length ? 1 : 0);
          const task: Task = { url, token, clients: share, firstClient, from, until, bodies };
          firstClient += share;
          child.send(task);
          return nextMessage<WorkerResult>(child);
        }),
      );
      const latencies = results.flatMap((result) => result.latencies);
      return {
        perSecond: latencies.length / (durationMs / 1000),
        p50: quantile(latencies, 0.5),
        p99: quantile(latencies, 0.99),
        requests: latencies.length,
        failed: results.reduce((sum, result) => sum + result.failed, 0),
        failures: results.flatMap((result) => result.failures),
      };
    },
    close: () => workers.forEach((child) => child.disconnect()),
  };
}

/** The worker's next message; fails if the worker exits first, rather than waiting forever. */
function nextMessage<T>(child: ChildProcess): Promise<T> {
  return new Promise((resolve, reject) => {
    const exited = (code: number | null) => reject(new Error(`a load worker exited (${code}) before it answered`));
    child.once('exit', exited);
    child.once('message', (message: T) => {
      child.off('exit', exited);
      resolve(message);
    });
  });
}

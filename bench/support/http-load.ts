// Load over HTTP from separate processes (http-worker.ts), for benchmarks that measure a server
// running in a process of its own: `clients` concurrent clients in total, spread over up to
// PROCESSES workers, each client sending one request at a time for a fixed window of time.
import { fork } from 'node:child_process';
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
  token: string;
  clients: number;
  firstClient: number;
  /** Epoch milliseconds: requests before `from` warm up and are not counted; none start after `until`. */
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

/** Runs `clients` clients against `url` (the /graphql address) for warmupMs, then measures for durationMs. */
export async function load(url: string, token: string, bodies: RequestBody[], clients: number, { warmupMs, durationMs }: { warmupMs: number; durationMs: number }): Promise<Load> {
  const processes = Math.min(clients, PROCESSES);
  const workers = await Promise.all(
    Array.from({ length: processes }, async () => {
      const child = fork(WORKER, { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
      await new Promise<void>((resolve, reject) => {
        child.once('message', () => resolve());
        child.once('exit', (code) => reject(new Error(`a load worker exited with ${code} before it was ready`)));
      });
      return child;
    }),
  );
  // Every worker is loaded before the clock starts, so none measures another's start-up.
  const from = Date.now() + 50 + warmupMs;
  const until = from + durationMs;
  let firstClient = 0;
  const results = await Promise.all(
    workers.map((child, w) => {
      const share = Math.floor(clients / processes) + (w < clients % processes ? 1 : 0);
      const task: Task = { url, token, clients: share, firstClient, from, until, bodies };
      firstClient += share;
      return new Promise<WorkerResult>((resolve, reject) => {
        child.once('message', (result: WorkerResult) => resolve(result));
        child.once('exit', (code) => reject(new Error(`a load worker exited with ${code}`)));
        child.send(task);
      });
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
}

// A redis-server of the test's own, on a free port, that a test may stop and start again: never
// the machine's shared Redis. Needs the redis-server binary (ORDERLINE_TEST_REDIS_SERVER names it).
import { spawn, type ChildProcess } from 'node:child_process';
import { createConnection } from 'node:net';
import { freePort } from './ports.ts';

export const REDIS_SERVER = process.env.ORDERLINE_TEST_REDIS_SERVER;

export interface OwnRedis {
  url: string;
  stop(): Promise<void>;
  start(): Promise<void>;
  /** SIGSTOP: Redis hangs, its connections stay open and say nothing. */
  freeze(): void;
  /** SIGCONT. */
  thaw(): void;
}

export async function startOwnRedis(): Promise<OwnRedis> {
  if (!REDIS_SERVER) throw new Error('ORDERLINE_TEST_REDIS_SERVER is not set');
  const port = await freePort();
  let child: ChildProcess | undefined;
  const redis: OwnRedis = {
    url: `redis://127.0.0.1:${port}`,
    async start() {
      child = spawn(REDIS_SERVER, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
      await waitForPort(port, true);
    },
    freeze: () => void child?.kill('SIGSTOP'),
    thaw: () => void child?.kill('SIGCONT'),
    async stop() {
      if (!child || child.exitCode !== null) return;
      const exited = new Promise((resolve) => child!.once('exit', resolve));
      child.kill('SIGKILL'); // like a crash: no goodbye to its clients
      await exited;
      await waitForPort(port, false);
    },
  };
  await redis.start();
  return redis;
}

/** Waits until the port accepts connections (`open`) or refuses them. */
export async function waitForPort(port: number, open: boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const accepting = await new Promise<boolean>((resolve) => {
      const socket = createConnection(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (accepting === open) return;
    if (Date.now() > deadline) throw new Error(`port ${port} did not ${open ? 'open' : 'close'} within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

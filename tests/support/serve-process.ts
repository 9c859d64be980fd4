// A real `orderline serve` in a child process, for what a test cannot do to a server in its own
// process: hang it. SIGSTOP freezes the whole process while the kernel keeps its sockets open
// (and even accepts new connections into the backlog), exactly like a server stuck in a loop or
// on a dead disk; SIGCONT lets it go on where it stopped.
import { finished, startCli, waitForOutput, type CliProcess } from './cli.ts';
import { createTestDatabase } from './databases.ts';
import { PLACE_ORDER, takeoutOrder } from './operations.ts';

export interface ServeProcess {
  child: CliProcess;
  url: string;
  managerToken: string;
  /** Places a takeout order over HTTP; returns its number. */
  placeOrder(): Promise<number>;
  /** SIGSTOP: the server hangs, its connections stay open and say nothing. */
  hang(): void;
  /** SIGCONT. */
  resume(): void;
  /** Kills it (a hung process too) and removes its database. */
  stop(): Promise<void>;
}

export async function startServeProcess(): Promise<ServeProcess> {
  const database = await createTestDatabase('sqlite');
  const managerToken = 'serve-process-test-manager-token';
  const child = startCli(['serve', '--port', '0', '--host', '127.0.0.1', '--data-dir', database.dataDir], { env: { ORDERLINE_ADMIN_TOKEN: managerToken } });
  const stop = async () => {
    // SIGKILL, as SIGTERM would wait for a SIGCONT that a failed test may never send.
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL');
      await finished(child);
    }
    await database.drop();
  };
  let url: string;
  try {
    url = (await waitForOutput(child, /GraphQL\s+(http:\/\/\S+)\/graphql/))[1]!;
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    child,
    url,
    managerToken,
    async placeOrder() {
      const response = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${managerToken}` },
        body: JSON.stringify({ query: PLACE_ORDER, variables: { input: takeoutOrder() } }),
      });
      const result = (await response.json()) as { data?: { placeOrder: { order?: { number: number } } } };
      if (!result.data?.placeOrder.order) throw new Error(`could not place an order: ${JSON.stringify(result)}`);
      return result.data.placeOrder.order.number;
    },
    hang: () => void child.kill('SIGSTOP'),
    resume: () => void child.kill('SIGCONT'),
    stop,
  };
}

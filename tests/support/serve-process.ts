// A real `orderline serve` in a child process, for what a test cannot do to a server in its own
// process: hang it. SIGSTOP freezes the whole process while the kernel keeps its sockets open
// (and even accepts new connections into the backlog), exactly like a server stuck in a loop or
// on a dead disk; SIGCONT lets it go on where it stopped.
import { newAdminToken } from './admin-token.ts';
import { finished, startCli, waitForOutput, type CliProcess } from './cli.ts';
import { createTestDatabase, type TestDatabase } from './databases.ts';
import { PLACE_ORDER, takeoutOrder } from './operations.ts';
import { graphqlOver, type Gql } from './graphql-http.ts';

export interface ServeProcess {
  child: CliProcess;
  url: string;
  managerToken: string;
  /** GraphQL over HTTP, as the manager unless another token (or null) is given. */
  gql: Gql;
  /** Places a takeout order over HTTP; returns its number. */
  placeOrder(): Promise<number>;
  /** SIGSTOP: the server hangs, its connections stay open and say nothing. */
  hang(): void;
  /** SIGCONT. */
  resume(): void;
  /** SIGKILL: the server dies at once, closing nothing; its database stays for a restart. */
  kill(): Promise<void>;
  /** Kills it (a hung process too) and removes its database, unless the test passed one in. */
  stop(): Promise<void>;
  database: TestDatabase;
  port: number;
}

export interface ServeProcessOptions {
  /** Another server's database and port: a restart of that server. */
  restartOf?: ServeProcess;
  /** More `orderline serve` flags. */
  args?: string[];
}

export async function startServeProcess({ restartOf, args = [] }: ServeProcessOptions = {}): Promise<ServeProcess> {
  const database = restartOf?.database ?? (await createTestDatabase('sqlite'));
  const managerToken = restartOf?.managerToken ?? newAdminToken();
  const port = String(restartOf?.port ?? 0);
  const child = startCli(['serve', '--port', port, '--host', '127.0.0.1', '--data-dir', database.dataDir, ...args], { env: { ORDERLINE_ADMIN_TOKEN: managerToken } });
  const kill = async () => {
    // SIGKILL, as SIGTERM would wait for a SIGCONT that a failed test may never send.
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL');
      await finished(child);
    }
  };
  const stop = async () => {
    await kill();
    if (!restartOf) await database.drop();
  };
  let url: string;
  try {
    url = (await waitForOutput(child, /GraphQL\s+(http:\/\/\S+)\/graphql/))[1]!;
  } catch (error) {
    await stop();
    throw error;
  }
  const gql = graphqlOver(url, managerToken);
  return {
    child,
    url,
    managerToken,
    gql,
    async placeOrder() {
      const result = await gql<{ placeOrder: { order?: { number: number } } }>(PLACE_ORDER, { input: takeoutOrder() });
      if (!result.data?.placeOrder.order) throw new Error(`could not place an order: ${JSON.stringify(result)}`);
      return result.data.placeOrder.order.number;
    },
    hang: () => void child.kill('SIGSTOP'),
    resume: () => void child.kill('SIGCONT'),
    kill,
    stop,
    database,
    port: Number(new URL(url).port),
  };
}

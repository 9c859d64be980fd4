// Every --help ends with examples, and the first example of each command that is safe to run
// works as written, typed into a real shell against a real server. Mistakes in a command line are
// usage errors (exit 2) with a suggestion.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Command } from 'commander';
import { buildProgram } from '../../cli/program.ts';
import { runCli, runShell, type RunResult } from '../support/cli.ts';
import { startServer, type TestServer } from '../support/server.ts';
import { placeOrders } from './support/orderline.ts';

/** Every command as typed: 'orderline', 'orderline orders', 'orderline orders list', … */
function commandLines(command: Command = buildProgram(), path = ['orderline']): string[] {
  return [path.join(' '), ...command.commands.flatMap((sub) => commandLines(sub, [...path, sub.name()]))];
}

/** Commands whose first example only reads, or places and moves an order on the test server. */
const SAFE_TO_RUN = ['orders', 'orders list', 'orders show', 'orders place', 'orders advance', 'tokens', 'tokens list', 'stats', 'whoami', 'completion'].map(
  (command) => `orderline ${command}`,
);

const helps = new Map<string, Promise<RunResult>>();
/** `<command> --help`, run once however many tests read it. */
function helpOf(command: string): Promise<RunResult> {
  if (!helps.has(command)) helps.set(command, runCli([...command.split(' ').slice(1), '--help']));
  return helps.get(command)!;
}

/** The example command lines that close a help text; none when it does not end with them. */
function examplesOf(help: string): string[] {
  const section = help.match(/\nExamples:\n((?: {2}\$ .+\n)+)$/)?.[1];
  return section ? section.trimEnd().split('\n').map((line) => line.replace(/^ {2}\$ /, '')) : [];
}

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
  await placeOrders(server, 12); // the examples speak of order 12
});
afterAll(() => server.stop());

describe('--help', () => {
  it.concurrent.for(commandLines())('`%s --help` ends with examples', async (command, { expect }) => {
    const help = await helpOf(command);
    expect(help).toMatchObject({ code: 0, stderr: '' });
    expect(examplesOf(help.stdout), help.stdout).not.toEqual([]);
  });

  it.concurrent.for(SAFE_TO_RUN)('the first example of `%s --help` works as written', async (command, { expect }) => {
    const [example] = examplesOf((await helpOf(command)).stdout);
    expect(example).toMatch(/^orderline /);
    const run = await runShell(example!, { env: { ORDERLINE_SERVER: server.url, ORDERLINE_TOKEN: server.managerToken } });
    expect(run, `$ ${example}`).toMatchObject({ code: 0 });
  });

  it('the root help documents every exit code', async () => {
    const { stdout } = await helpOf('orderline');
    expect(stdout).toMatch(/Exit codes:\n {2}0 +ok\n {2}1 +failure.*\n {2}2 +usage.*\n {2}3 +conflict.*\n {2}4 +authentication.*\n {2}5 +not found\n {2}130 +interrupted/);
  });
});

describe('command line mistakes (exit 2)', () => {
  it('a mistyped command or option gets a suggestion', async () => {
    const [command, subcommand, option] = await Promise.all([
      runCli(['ordrs', 'list']),
      runCli(['orders', 'lst']),
      runCli(['orders', 'list', '--stauts', 'ready']),
    ]);
    expect(command).toMatchObject({ code: 2, stdout: '', stderr: "error: unknown command 'ordrs'\n(Did you mean orders?)\n(add --help for usage)\n" });
    expect(subcommand).toMatchObject({ code: 2, stderr: "error: unknown command 'lst'\n(Did you mean list?)\n(add --help for usage)\n" });
    expect(option).toMatchObject({ code: 2, stderr: "error: unknown option '--stauts'\n(Did you mean --status?)\n(add --help for usage)\n" });
  });

  it('no command at all shows the help on stderr, and is still a usage error', async () => {
    const [none, group] = await Promise.all([runCli([]), runCli(['orders'])]);
    expect(none).toMatchObject({ code: 2, stdout: '', stderr: expect.stringMatching(/^Usage: orderline \[options\] \[command\]/) });
    expect(group).toMatchObject({ code: 2, stdout: '', stderr: expect.stringMatching(/^Usage: orderline orders \[options\] \[command\]/) });
  });

  it('--version prints the version', async () => {
    expect(await runCli(['--version'])).toMatchObject({ code: 0, stdout: '0.1.0\n' });
  });
});

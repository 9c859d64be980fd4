// Every --help ends with examples, and the first example of each command that is safe to run
// works as written, typed into a real shell against a real server. Mistakes in a command line are
// usage errors (exit 2) with a suggestion. Help texts are rendered by commander in this process
// (a binary run costs half a second each); the binary's own --help is compared with them for the
// commands whose examples run.
import { describe, expect, it } from 'vitest';
import type { CommandUnknownOpts } from '@commander-js/extra-typings';
import { buildProgram } from '../../cli/program.ts';
import { runCli, runShell, type RunResult } from '../support/cli.ts';
import type { TestServer } from '../support/server.ts';
import { placeOrders, withTestServer } from './support/orderline.ts';

/** Every command, as typed: 'orderline', 'orderline orders', 'orderline orders list', … */
function allCommands(command: CommandUnknownOpts = buildProgram(), path = ['orderline']): { line: string; command: CommandUnknownOpts }[] {
  return [{ line: path.join(' '), command }, ...command.commands.flatMap((sub) => allCommands(sub, [...path, sub.name()]))];
}
const COMMANDS = allCommands();

/** What `<line> --help` prints, as commander renders it here. */
function renderedHelp(line: string): string {
  const { command } = COMMANDS.find((c) => c.line === line)!;
  let text = '';
  command.configureOutput({ writeOut: (chunk) => (text += chunk) });
  command.outputHelp();
  return text;
}

/** Commands whose first example only reads, or places and moves an order on the test server. */
const SAFE_TO_RUN = ['orders', 'orders list', 'orders show', 'orders place', 'orders advance', 'orders bump', 'orders rush', 'tokens', 'tokens list', 'stats', 'whoami', 'completion'].map(
  (command) => `orderline ${command}`,
);

/** `<line> --help` run by the binary. */
const helpOf = (line: string): Promise<RunResult> => runCli([...line.split(' ').slice(1), '--help']);

/** The example command lines that close a help text; none when it does not end with them. */
function examplesOf(help: string): string[] {
  const section = help.match(/\nExamples:\n((?: {2}\$ .+\n)+)$/)?.[1];
  return section ? section.trimEnd().split('\n').map((line) => line.replace(/^ {2}\$ /, '')) : [];
}

let server: TestServer;
withTestServer(async (started) => {
  server = started.server;
  await placeOrders(server, 12); // the examples speak of order 12
});

describe('--help', () => {
  it.for(COMMANDS.map((c) => c.line))('`%s --help` ends with examples', (line) => {
    const help = renderedHelp(line);
    expect(examplesOf(help), help).not.toEqual([]);
  });

  it.concurrent.for(SAFE_TO_RUN)('the first example of `%s --help` works as written', async (line, { expect }) => {
    const help = await helpOf(line);
    expect(help).toMatchObject({ code: 0, stdout: renderedHelp(line), stderr: '' });
    const [example] = examplesOf(help.stdout);
    expect(example).toMatch(/^orderline /);
    const run = await runShell(example!, { env: { ORDERLINE_SERVER: server.url, ORDERLINE_TOKEN: server.managerToken } });
    expect(run, `$ ${example}`).toMatchObject({ code: 0 });
  });

  it('the root help documents every exit code', async () => {
    const { stdout } = await helpOf('orderline');
    expect(stdout).toBe(renderedHelp('orderline'));
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

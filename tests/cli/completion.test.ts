// `orderline completion bash|zsh|fish`. The bash script is loaded into a real bash and asked, the
// way bash asks on Tab, what it offers. zsh and fish are not installed here: their scripts are read.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.ts';

const STATUSES = ['pending', 'confirmed', 'preparing', 'ready', 'out_for_delivery', 'completed', 'cancelled'];

describe('bash completion', () => {
  let folder: string;
  let script: string;
  beforeAll(async () => {
    const run = await runCli(['completion', 'bash']);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    folder = mkdtempSync(join(tmpdir(), 'orderline-completion-'));
    script = join(folder, 'orderline.bash');
    writeFileSync(script, run.stdout);
  });
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  /** What bash offers for the command line typed so far; the last word is the one being completed. */
  async function offers(...words: string[]): Promise<string[]> {
    const quoted = words.map((word) => `'${word.replaceAll("'", `'\\''`)}'`).join(' ');
    const probe = `source '${script}'; COMP_WORDS=(${quoted}); COMP_CWORD=${words.length - 1}; _orderline; printf '%s\\n' "\${COMPREPLY[@]}"`;
    const { stdout } = await promisify(execFile)('bash', ['--norc', '--noprofile', '-c', probe]);
    return stdout.split('\n').filter(Boolean);
  }

  it('offers the commands, then each command’s subcommands and options', async () => {
    expect(await offers('orderline', '')).toEqual(expect.arrayContaining(['orders', 'kitchen', 'queue', 'tokens', 'stats', 'whoami', 'simulate', 'completion', '--server', '--token']));
    expect(await offers('orderline', 'ord')).toEqual(['orders']);
    expect(await offers('orderline', 'orders', '')).toEqual(expect.arrayContaining(['list', 'show', 'place', 'set-status', 'advance', 'cancel', 'bump', 'recall', 'rush', 'apply', 'watch', 'wait']));
    expect(await offers('orderline', '--server', 'http://kitchen:4000', 'orders', 'l')).toEqual(['list']);
    expect(await offers('orderline', 'orders', 'list', '--')).toEqual(expect.arrayContaining(['--status', '--type', '--station', '--json']));
    expect(await offers('orderline', 'orders', 'bump', '--')).toEqual(expect.arrayContaining(['--station', '--item', '--expect-version', '--json']));
    expect(await offers('orderline', 'orders', 'rush', '--')).toEqual(expect.arrayContaining(['--off', '--json']));
  });

  it('offers statuses after `orders set-status 12 ` and after --status, roles after --role, shells after completion', async () => {
    expect(await offers('orderline', 'orders', 'set-status', '12', '')).toEqual(STATUSES);
    expect(await offers('orderline', 'orders', 'set-status', '12', 're')).toEqual(['ready']);
    expect(await offers('orderline', 'orders', 'watch', '--status', '')).toEqual(STATUSES);
    expect(await offers('orderline', 'tokens', 'create', '--role', '')).toEqual(['kitchen', 'manager']);
    expect(await offers('orderline', 'completion', '')).toEqual(expect.arrayContaining(['bash', 'zsh', 'fish']));
  });
});

describe('zsh and fish completion', () => {
  it('zsh loads the bash completion through bashcompinit, with every command', async () => {
    const run = await runCli(['completion', 'zsh']);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout).toMatch(/^# orderline completion for zsh/);
    expect(run.stdout).toContain('autoload -U +X bashcompinit && bashcompinit');
    expect(run.stdout).toContain('complete -F _orderline orderline');
    expect(run.stdout).toContain('"orders") words="list show place set-status advance cancel bump recall rush apply watch wait --help"');
  });

  it('fish completes the commands, their subcommands and options, and statuses', async () => {
    const run = await runCli(['completion', 'fish']);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    const lines = run.stdout.split('\n');
    expect(lines).toContain("complete -c orderline -f -n '__fish_use_subcommand' -a 'serve db orders kitchen queue tokens stats whoami simulate completion'");
    expect(lines).toContain("complete -c orderline -f -n '__fish_seen_subcommand_from orders' -a 'list show place set-status advance cancel bump recall rush apply watch wait'");
    expect(lines).toContain("complete -c orderline -n '__fish_seen_subcommand_from place' -l customer");
    expect(lines).toContain(`complete -c orderline -n '__fish_seen_subcommand_from set-status wait watch list' -a '${STATUSES.join(' ')}'`);
  });

  it('an unknown shell is a usage error (exit 2) naming the ones there are', async () => {
    const run = await runCli(['completion', 'tcsh']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("error: command-argument value 'tcsh' is invalid for argument 'shell'. Allowed choices are bash, zsh, fish.");
  });
});

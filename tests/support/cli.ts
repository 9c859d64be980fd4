// Runs the real `orderline` binary as a child process, hermetically: every run gets a fresh empty
// working directory and home, and none of the variables Orderline reads unless the test passes
// them, so a developer's ~/.config/orderline, ./data or ORDERLINE_TOKEN never leaks into a test.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const BIN = fileURLToPath(new URL('../../bin/orderline.js', import.meta.url));

/** What the CLI or the server read from the environment (and colour switches the test runner sets). */
const INHERITED_SETTINGS = /^(ORDERLINE_\w+|NO_COLOR|FORCE_COLOR|DATABASE_URL|REDIS_URL|PORT|HOST|LOG_LEVEL|XDG_CONFIG_HOME)$/;

export interface CliOptions {
  /** Added to a clean environment; `undefined` removes a variable. */
  env?: Record<string, string | undefined>;
  /** The working directory; a fresh empty one by default. */
  cwd?: string;
}

export interface RunResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export type CliProcess = ChildProcess & {
  output: { stdout: string; stderr: string };
  /** The fresh folder this run got: `work` (the default cwd), `home` and `bin` inside; removed when it ends. */
  sandbox: string;
  /** Settles when the process has exited and its output is all read. */
  closed: Promise<RunResult>;
};

export function runCli(args: string[], options: CliOptions & { input?: string; timeoutMs?: number } = {}): Promise<RunResult> {
  const child = startCli(args, options);
  // Always end stdin: a command that may read it (`orders apply`) must not wait for a test.
  child.stdin!.end(options.input ?? '');
  return finished(child, options.timeoutMs);
}

export function startCli(args: string[], options: CliOptions = {}): CliProcess {
  return startHermetic(process.execPath, [BIN, ...args], options);
}

/**
 * Runs a shell command line as a user would type it, with `orderline` on the PATH: for the
 * examples in --help, pipes and all.
 */
export function runShell(line: string, options: CliOptions & { timeoutMs?: number } = {}): Promise<RunResult> {
  const child = startHermetic('bash', ['-c', line], options, { orderlineOnPath: true });
  child.stdin!.end();
  return finished(child, options.timeoutMs);
}

/** Runs any program the way startCli runs orderline: a fresh folder and home, no inherited settings. */
export function startHermetic(command: string, args: string[], options: CliOptions, { orderlineOnPath = false } = {}): CliProcess {
  const sandbox = mkdtempSync(join(tmpdir(), 'orderline-cli-'));
  const home = join(sandbox, 'home');
  const work = join(sandbox, 'work');
  const bin = join(sandbox, 'bin');
  for (const folder of [home, work, bin]) mkdirSync(folder);
  const env: Record<string, string | undefined> = { ...process.env };
  for (const key of Object.keys(env)) if (INHERITED_SETTINGS.test(key)) delete env[key];
  if (orderlineOnPath) {
    writeFileSync(join(bin, 'orderline'), `#!/bin/sh\nexec '${process.execPath}' '${BIN}' "$@"\n`, { mode: 0o755 });
    env.PATH = `${bin}:${env.PATH}`;
  }
  Object.assign(env, { HOME: home, XDG_CONFIG_HOME: join(home, '.config'), LOG_LEVEL: 'warn' }, options.env);
  for (const [key, value] of Object.entries(env)) if (value === undefined) delete env[key];

  const child = spawn(command, args, { cwd: options.cwd ?? work, env: env, stdio: ['pipe', 'pipe', 'pipe'] });
  const output = { stdout: '', stderr: '' };
  child.stdout.on('data', (chunk) => (output.stdout += chunk));
  child.stderr.on('data', (chunk) => (output.stderr += chunk));
  // 'close' (not 'exit') comes after the pipes are drained, so the output is complete.
  const closed = new Promise<RunResult>((resolve) =>
    child.once('close', (code, signal) => {
      rmSync(sandbox, { recursive: true, force: true });
      resolve({ code, signal, stdout: output.stdout, stderr: output.stderr });
    }),
  );
  return Object.assign(child, { output, sandbox, closed });
}

/** Resolves when the process has ended; kills it and fails if it takes longer than `timeoutMs`. */
export async function finished(child: CliProcess, timeoutMs = 20_000): Promise<RunResult> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`orderline did not finish within ${timeoutMs} ms; stderr:\n${child.output.stderr}`));
    }, timeoutMs);
  });
  try {
    return await Promise.race([child.closed, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Resolves when `pattern` appears on the child's stdout or stderr. */
export function waitForOutput(child: CliProcess, pattern: RegExp, timeoutMs = 20_000): Promise<RegExpMatchArray> {
  return waitFor(child, (output) => (output.stdout + output.stderr).match(pattern) ?? undefined, `${pattern}`, timeoutMs);
}

/** Resolves with what `check` finds in the child's output once it finds something. */
export function waitFor<T>(child: CliProcess, check: (output: CliProcess['output']) => T | undefined, what: string, timeoutMs = 20_000): Promise<T> {
  return new Promise((resolve, reject) => {
    const look = () => {
      const found = check(child.output);
      if (found === undefined) return false;
      cleanup();
      resolve(found);
      return true;
    };
    const fail = (reason: string) => {
      cleanup();
      reject(new Error(`${reason}; output:\n${child.output.stdout}\n${child.output.stderr}`));
    };
    const timer = setTimeout(() => fail(`no ${what} within ${timeoutMs} ms`), timeoutMs);
    const onClose = () => look() || fail(`orderline exited before printing ${what}`);
    const cleanup = () => {
      clearTimeout(timer);
      child.stdout!.off('data', look);
      child.stderr!.off('data', look);
      child.off('close', onClose);
    };
    child.stdout!.on('data', look);
    child.stderr!.on('data', look);
    child.once('close', onClose);
    look();
  });
}

/** Stops a child that may still be running and waits for it; for afterEach. */
export async function stopCli(child: CliProcess, signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
  if (child.exitCode === null && child.signalCode === null) child.kill(signal);
  await child.closed;
}

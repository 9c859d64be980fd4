// Runs the real `orderline` binary as a child process.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const BIN = fileURLToPath(new URL('../../bin/orderline.js', import.meta.url));

export interface RunResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export function runCli(args: string[], options: { env?: Record<string, string | undefined>; input?: string; timeoutMs?: number } = {}): Promise<RunResult> {
  const child = startCli(args, options);
  if (options.input !== undefined) child.stdin?.end(options.input);
  return finished(child, options.timeoutMs);
}

export function startCli(args: string[], options: { env?: Record<string, string | undefined> } = {}): ChildProcess & { output: { stdout: string; stderr: string } } {
  const env: Record<string, string | undefined> = { ...process.env, NO_COLOR: '1', LOG_LEVEL: 'warn', ...options.env };
  for (const [key, value] of Object.entries(env)) if (value === undefined) delete env[key];
  const child = spawn(process.execPath, [BIN, ...args], { env: env as NodeJS.ProcessEnv, stdio: ['pipe', 'pipe', 'pipe'] });
  const output = { stdout: '', stderr: '' };
  child.stdout!.on('data', (chunk) => (output.stdout += chunk));
  child.stderr!.on('data', (chunk) => (output.stderr += chunk));
  return Object.assign(child, { output });
}

export function finished(child: ReturnType<typeof startCli> | ChildProcess, timeoutMs = 20_000): Promise<RunResult> {
  const output = (child as ReturnType<typeof startCli>).output;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`orderline did not finish within ${timeoutMs} ms; stderr:\n${output.stderr}`));
    }, timeoutMs);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      // Let the pipes flush what the process wrote last.
      setImmediate(() => resolve({ code, signal, stdout: output.stdout, stderr: output.stderr }));
    });
  });
}

/** Resolves when `pattern` appears on the child's stdout or stderr. */
export function waitForOutput(child: ReturnType<typeof startCli>, pattern: RegExp, timeoutMs = 20_000): Promise<RegExpMatchArray> {
  return new Promise((resolve, reject) => {
    const check = () => {
      const match = (child.output.stdout + child.output.stderr).match(pattern);
      if (match) {
        cleanup();
        resolve(match);
      }
    };
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`no ${pattern} within ${timeoutMs} ms; output:\n${child.output.stdout}\n${child.output.stderr}`));
    }, timeoutMs);
    const onExit = () => {
      cleanup();
      reject(new Error(`orderline exited before printing ${pattern}; output:\n${child.output.stdout}\n${child.output.stderr}`));
    };
    const cleanup = () => {
      clearTimeout(timer);
      child.stdout!.off('data', check);
      child.stderr!.off('data', check);
      child.off('exit', onExit);
    };
    child.stdout!.on('data', check);
    child.stderr!.on('data', check);
    child.once('exit', onExit);
    check();
  });
}

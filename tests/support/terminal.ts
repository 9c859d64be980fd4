// A real terminal for a test: a detached tmux session of a given size, its own tmux server (so
// tests never meet each other's or a developer's sessions), keys sent in and the screen read back.
import { execFile } from 'node:child_process';
import { rmSync } from 'node:fs';
import { promisify } from 'node:util';
import { BIN } from './cli.ts';

/** tmux's path; CI sets it (and then these tests must run). */
export const TMUX = process.env.ORDERLINE_TEST_TMUX;

/** Quoted for a POSIX shell. */
export const quote = (text: string) => `'${text.replaceAll("'", `'\\''`)}'`;

const EXITED = /orderline-exited-with (\d+)/;

/** The checkout's own `orderline`: this Node running bin/orderline.js. */
const CHECKOUT_ORDERLINE = [process.execPath, BIN];

/** A shell line running `orderline <args>` with exactly these settings and no colour settings inherited. */
function orderlineLine(args: string[], env: Record<string, string>, command: string[]): string {
  return [
    'env -u NO_COLOR -u FORCE_COLOR',
    ...Object.entries(env).map(([key, value]) => quote(`${key}=${value}`)),
    ...command.map(quote),
    ...args.map(quote),
  ].join(' ');
}

let sessions = 0;

export class Terminal {
  private constructor(
    private readonly socket: string,
    private readonly socketFile: string,
  ) {}

  /** Runs a shell line in a fresh `width`x`height` pane. */
  static async open(line: string, { width = 80, height = 24 } = {}): Promise<Terminal> {
    const socket = `orderline-test-${process.pid}-${++sessions}`;
    await tmux(socket, 'new-session', '-d', '-x', String(width), '-y', String(height), line);
    const socketFile = (await tmux(socket, 'display-message', '-p', '#{socket_path}')).stdout.trim();
    return new Terminal(socket, socketFile);
  }

  /**
   * Runs `orderline <args>` (then `shellTail`, e.g. a pipe) with only the given settings; the pane
   * stays open when it ends, with its exit code on screen for `exitCode()`. `command` is the
   * orderline to run, the checkout's by default.
   */
  static orderline(
    args: string[],
    env: Record<string, string>,
    { shellTail = '', command = CHECKOUT_ORDERLINE, ...size }: { shellTail?: string; command?: string[]; width?: number; height?: number } = {},
  ): Promise<Terminal> {
    return Terminal.open(`${orderlineLine(args, env, command)}${shellTail}; echo orderline-exited-with $?; sleep 600`, size);
  }

  /** The exit code of the command `orderline()` started, once it has ended. */
  async exitCode(timeoutMs?: number): Promise<number> {
    return Number((await this.waitFor(EXITED, timeoutMs)).match(EXITED)![1]);
  }

  /** The screen as text; with `escapes`, colour codes included. */
  async screen({ escapes = false } = {}): Promise<string> {
    return (await tmux(this.socket, 'capture-pane', '-p', ...(escapes ? ['-e'] : []))).stdout;
  }

  /** The screen once `pattern` is on it; fails with the screen after `timeoutMs`. */
  async waitFor(pattern: RegExp, timeoutMs = 15_000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const screen = await this.screen();
      if (pattern.test(screen)) return screen;
      if (Date.now() > deadline) throw new Error(`${pattern} did not appear in the terminal; the screen:\n${screen}`);
      await new Promise((resolve) => setTimeout(resolve, 50)); // bounded polling of the screen
    }
  }

  /** Presses keys by tmux name: 'Enter', 'Right', 'Escape', 'q', … */
  async press(...keys: string[]): Promise<void> {
    await tmux(this.socket, 'send-keys', ...keys);
  }

  /** Types text as it is. */
  async type(text: string): Promise<void> {
    await tmux(this.socket, 'send-keys', '-l', text);
  }

  async close(): Promise<void> {
    await tmux(this.socket, 'kill-server').catch(() => undefined); // already gone is fine
    rmSync(this.socketFile, { force: true }); // tmux leaves it behind
  }
}

function tmux(socket: string, ...args: string[]) {
  return promisify(execFile)(TMUX!, ['-L', socket, '-f', '/dev/null', ...args]);
}

// What every --help shares: the exit codes, and the closing examples.

export const EXIT_CODES_HELP = `
Exit codes:
  0    ok
  1    failure (server unreachable after retries, timeout, unexpected error)
  2    usage: a mistyped command, option or value, or an invalid input line
  3    conflict: an invalid transition or a recall too late, or the order changed since you saw it
  4    authentication: no token, a wrong or revoked one, or not allowed for your role
  5    not found
  130  interrupted (Ctrl-C)`;

/** The closing "Examples:" of a --help. A line that runs orderline itself (after a pipe or a variable) is shown as written. */
export function examples(...lines: string[]): string {
  return `\nExamples:\n${lines.map((line) => `  $ ${/(^|[\s(])orderline\s/.test(line) ? line : `orderline ${line}`}`).join('\n')}`;
}

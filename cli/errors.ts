// How the CLI ends when something goes wrong: one clear message on stderr and a documented code.

export const EXIT = {
  ok: 0,
  failure: 1,
  usage: 2,
  conflict: 3,
  auth: 4,
  notFound: 5,
  interrupted: 130,
} as const;

/** An error the CLI expects, with the exit code it stands for. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = EXIT.failure,
    /** The server's error code (NOT_FOUND, INVALID_TRANSITION, …) when the server refused. */
    readonly code?: string,
  ) {
    super(message);
  }
}

/** The server could not be reached at all: nothing later in the same run can succeed either. */
export class ServerUnreachable extends CliError {}

export function reportAndExit(error: unknown): never {
  const message = error instanceof Error ? error.message : String(error);
  // An empty message means it was already said (commander prints its own usage errors).
  if (message) process.stderr.write(`orderline: ${message}\n`);
  if (process.env.ORDERLINE_DEBUG && error instanceof Error) process.stderr.write(`${error.stack}\n`);
  process.exit(error instanceof CliError ? error.exitCode : EXIT.failure);
}

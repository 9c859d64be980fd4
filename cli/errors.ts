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
  ) {
    super(message);
  }
}

export function reportAndExit(error: unknown): never {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`orderline: ${message}\n`);
  if (process.env.ORDERLINE_DEBUG && error instanceof Error) process.stderr.write(`${error.stack}\n`);
  process.exit(error instanceof CliError ? error.exitCode : EXIT.failure);
}

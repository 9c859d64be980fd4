import { EXIT, reportAndExit } from './errors.ts';
import { buildProgram } from './program.ts';

// The program reading the output has gone (`orderline orders watch --json | head -1`): stop
// quietly, as `yes | head` does, instead of dying on EPIPE with a stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(EXIT.ok);
    throw error;
  });
}

try {
  await buildProgram().parseAsync(process.argv);
} catch (error) {
  reportAndExit(error);
}

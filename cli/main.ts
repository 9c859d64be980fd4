import { reportAndExit } from './errors.ts';
import { buildProgram } from './program.ts';

try {
  await buildProgram().parseAsync(process.argv);
} catch (error) {
  reportAndExit(error);
}

// The `orderline` command. Each command lives in cli/commands/ and registers itself here.
import { Command } from 'commander';
import { registerDb } from './commands/db.ts';
import { registerServe } from './commands/serve.ts';

export function buildProgram(): Command {
  const program = new Command('orderline')
    .description('Real-time order tracking for restaurants.')
    .showSuggestionAfterError()
    .showHelpAfterError('(run with --help for usage)');
  registerServe(program);
  registerDb(program);
  return program;
}

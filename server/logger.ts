import pino, { type Logger } from 'pino';
import pretty from 'pino-pretty';

/** JSON lines for machines; readable lines when a person watches the terminal. */
export function createLogger(level: string, options: { pretty?: boolean } = {}): Logger {
  const human = options.pretty ?? Boolean(process.stdout.isTTY);
  if (!human) return pino({ level, base: { service: 'orderline' } });
  return pino({ level }, pretty({ colorize: !process.env.NO_COLOR, ignore: 'pid,hostname', sync: true }));
}

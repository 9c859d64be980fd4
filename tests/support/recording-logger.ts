// A logger that keeps what it writes, for a test to read.
import { Writable } from 'node:stream';
import { pino, type Logger } from 'pino';

export interface LogLine {
  level: number;
  msg: string;
  [field: string]: unknown;
}

export function recordingLogger(): { logger: Logger; lines: LogLine[]; said: (msg: string | RegExp) => LogLine[] } {
  const lines: LogLine[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line) as LogLine);
      done();
    },
  });
  const said = (msg: string | RegExp) => lines.filter((line) => (typeof msg === 'string' ? line.msg === msg : msg.test(line.msg)));
  return { logger: pino({ level: 'info' }, sink), lines, said };
}

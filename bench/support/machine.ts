// What else the machine was doing: a benchmark shares its CPUs with whatever else runs, and a
// figure measured on a busy machine should say so beside it.
import { cpus, loadavg } from 'node:os';

export function loadNote(): string {
  const [one, five] = loadavg();
  return `load average ${one!.toFixed(2)} (1 min), ${five!.toFixed(2)} (5 min) on ${cpus().length} CPUs when the table was made.`;
}

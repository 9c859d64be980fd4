import type { Command } from '@commander-js/extra-typings';
import { Stats } from '../api/operations.ts';
import { withApi } from '../connect.ts';
import { printJson, status, table } from '../output.ts';
import { examples } from '../help.ts';

export function registerStats(program: Command): void {
  program
    .command('stats')
    .description('Today’s numbers and the queue by status.')
    .option('--json', 'print JSON')
    .addHelpText('after', examples('stats', 'stats --json'))
    .action((options, command) =>
      withApi(command, async (api) => {
        const { stats } = await api.query(Stats, {});
        if (options.json) return printJson(stats);
        const summary = [
          ['open now', stats.open],
          ['late now', stats.late],
          ['placed today', stats.placedToday],
          ['completed today', stats.completedToday],
          ['cancelled today', stats.cancelledToday],
          ['placed to ready', stats.averageReadyMinutes === null ? '-' : `${stats.averageReadyMinutes} min on average`],
        ];
        process.stdout.write(table(['', stats.businessDate], summary));
        process.stdout.write(`\n${table(['STATUS', 'ORDERS'], stats.byStatus.filter((s) => s.count > 0).map((s) => [status(s.status), s.count]))}`);
      }),
    );
}

import { Command } from '@commander-js/extra-typings';
import { configFrom, withDatabaseOptions } from '../server-options.ts';
import { examples } from '../help.ts';

export function registerDb(program: Command): void {
  const db = program
    .command('db')
    .description('Database housekeeping.')
    .addHelpText('after', examples('db migrate', 'db migrate --data-dir /var/lib/orderline'));
  withDatabaseOptions(db.command('migrate'))
    .description('Apply pending migrations (the server also does this at start). A second run applies nothing.')
    .addHelpText(
      'after',
      `
Examples:
  $ orderline db migrate
  $ orderline db migrate --db postgresql://postgres@127.0.0.1/orderline`,
    )
    .action(async (options) => {
      const [{ openDatabase }, { firstStart }, { migrate }, { describeTarget, resolveDatabaseTarget }] = await Promise.all([
        import('../../server/db/client.ts'),
        import('../../server/db/first-start.ts'),
        import('../../server/db/migrate.ts'),
        import('../../server/db/target.ts'),
      ]);
      const config = await configFrom(options);
      const target = resolveDatabaseTarget(config.databaseUrl, config.dataDir);
      const database = await openDatabase(target);
      try {
        const { applied } = await migrate(target, {
          whileLocked: async () => {
            const setup = await firstStart(database.write, { dataDir: config.dataDir, adminToken: config.adminToken });
            if (setup.managerToken) {
              process.stderr.write(`created a manager token, saved in ${setup.managerToken.file}\n`);
            }
          },
        });
        process.stderr.write(
          applied.length
            ? `applied ${applied.length} migration(s) to ${describeTarget(target)}: ${applied.join(', ')}\n`
            : `${describeTarget(target)} is up to date; nothing applied\n`,
        );
      } finally {
        await database.close();
      }
    });
}

import { Command, Option } from '@commander-js/extra-typings';
import { SERVER_DEFAULTS } from '../../server/defaults.ts';
import { LIMITS } from '../../server/limits.ts';
import { configFrom, withDatabaseOptions } from '../server-options.ts';
import { collect } from '../values.ts';

export function registerServe(program: Command): void {
  withDatabaseOptions(
    program
      .command('serve')
      .description('Start the Orderline server: GraphQL over HTTP and WebSocket on one port.')
      .addOption(new Option('-p, --port <port>', 'port to listen on (0 picks a free one)').env('PORT').default(SERVER_DEFAULTS.port))
      .addOption(new Option('--host <address>', 'address to listen on').env('HOST').default(SERVER_DEFAULTS.host))
      .addOption(new Option('--redis <url>', 'Redis for pub/sub between several server processes').env('REDIS_URL'))
      .addOption(new Option('--public-url <url>', 'the address customers use, for tracking links').env('ORDERLINE_PUBLIC_URL'))
      .addOption(new Option('--bump <mode>', 'what a kitchen screen’s bump does: step (one status along) or done (the ticket is finished)').choices(['step', 'done']).env('ORDERLINE_BUMP').default(SERVER_DEFAULTS.bump))
      .addOption(new Option('--expo', 'tickets wait for an expo check (`orderline kitchen --expo`) after the last station (env: ORDERLINE_EXPO=true|false)'))
      .addOption(new Option('--recall-minutes <minutes>', 'how long a bumped ticket can be recalled').env('ORDERLINE_RECALL_MINUTES').default(SERVER_DEFAULTS.recallMinutes))
      .addOption(new Option('--timers <timers>', 'ticket age in minutes at which screens warn and call it late, per order type').env('ORDERLINE_TIMERS').default(SERVER_DEFAULTS.timers))
      .addOption(new Option('--allergy-words <words>', 'comma-separated words flagged on tickets besides allergy, nut, gluten, …').env('ORDERLINE_ALLERGY_WORDS'))
      .addOption(new Option('--delivery-minutes <minutes>', 'how long a delivery takes once it has left, for its estimated arrival').env('ORDERLINE_DELIVERY_MINUTES').default(SERVER_DEFAULTS.deliveryMinutes))
      .addOption(new Option('--restaurant-name <name>', 'the restaurant’s name on customers’ pages and receipts').env('ORDERLINE_RESTAURANT_NAME').default(SERVER_DEFAULTS.restaurantName))
      .addOption(new Option('--restaurant-address <address>', 'the restaurant’s address on receipts').env('ORDERLINE_RESTAURANT_ADDRESS'))
      .addOption(new Option('--restaurant-phone <phone>', 'the restaurant’s phone number on receipts').env('ORDERLINE_RESTAURANT_PHONE'))
      .addOption(new Option('--limit <name=value>', 'change one limit (repeatable; the limits are listed below)').env('ORDERLINE_LIMITS').argParser(collect(String)).default([] as string[]))
      .addOption(new Option('--allow-origin <origin>', 'a web origin besides this server’s own that may call the API from a browser (repeatable)').env('ORDERLINE_ALLOWED_ORIGINS').argParser(collect(String)).default([] as string[]))
      .addOption(new Option('--trust-proxy', 'behind a reverse proxy: take the client’s address from X-Forwarded-For (env: ORDERLINE_TRUST_PROXY=true|false)')),
  )
    .addHelpText(
      'after',
      `
Limits (--limit name=value, or ORDERLINE_LIMITS="name=value,name=value"):
${Object.entries(LIMITS).map(([name, limit]) => `  ${`${name}=${limit.default}`.padEnd(36)} ${limit.about}`).join('\n')}

Environment:
  ORDERLINE_ADMIN_TOKEN  on a first start, becomes the manager token instead of a random one

Examples:
  $ orderline serve                                  # SQLite in ./data, port 4000
  $ orderline serve --port 8080 --data-dir /var/lib/orderline
  $ DATABASE_URL=postgresql://orderline@db/orderline REDIS_URL=redis://cache:6379 orderline serve`,
    )
    .action(async (options) => {
      // Loaded here, not at the top: `orderline --help` and the client commands never pay for the server.
      const [{ buildApp }, { createLogger }] = await Promise.all([
        import('../../server/http/app.ts'),
        import('../../server/logger.ts'),
      ]);
      const config = await configFrom(options);
      const logger = createLogger(config.logLevel);
      const app = await buildApp(config, logger);
      const { url } = await app.start(config.port).catch(async (error: NodeJS.ErrnoException) => {
        await app.stop();
        if (error.code === 'EADDRINUSE') {
          throw new Error(`port ${config.port} is already in use; choose another with --port or PORT`);
        }
        throw error;
      });
      const lines = [
        '',
        `  Orderline is running`,
        `  Order page ${url}/order   (customers order here, then follow /track/<code>)`,
        `  Pickup     ${url}/board   (the screen facing the counter)`,
        `  GraphQL    ${url}/graphql  (GraphiQL in a browser, graphql-ws on the same path)`,
        `  Health     ${url}/health`,
      ];
      const token = app.firstStart.managerToken;
      if (token) {
        // A token the operator supplied is not echoed into logs and terminals.
        const shown = token.fromEnvironment ? 'the one in ORDERLINE_ADMIN_TOKEN' : `${token.secret}  (shown once)`;
        lines.push('', `  Manager token: ${shown}`, `  Saved for the local CLI in ${token.file} (owner-only)`);
      }
      process.stdout.write(`${lines.join('\n')}\n\n`);

      let signals = 0;
      const shutdown = (signal: NodeJS.Signals) => {
        if (++signals > 1) process.exit(130); // a second Ctrl-C means now
        logger.info({ signal }, 'shutting down');
        app.stop().then(
          () => process.exit(0),
          (error) => {
            logger.error({ err: error }, 'shutdown failed');
            process.exit(1);
          },
        );
      };
      process.on('SIGTERM', shutdown);
      process.on('SIGINT', shutdown);
    });
}

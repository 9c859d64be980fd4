// Options shared by the commands that open the database themselves (serve, db migrate).
import { Command, Option } from '@commander-js/extra-typings';
import type { ServerConfig } from '../server/config.ts';
import { SERVER_DEFAULTS } from '../server/defaults.ts';

export function withDatabaseOptions(command: Command): Command {
  return command
    .addOption(new Option('--data-dir <dir>', 'folder for the SQLite database and the manager token file').env('ORDERLINE_DATA_DIR').default(SERVER_DEFAULTS.dataDir))
    .addOption(new Option('--db <url>', 'database: postgresql://… or file:path (default: SQLite in the data folder)').env('DATABASE_URL'))
    .addOption(new Option('--log-level <level>', 'fatal, error, warn, info, debug, trace or silent').env('LOG_LEVEL').default(SERVER_DEFAULTS.logLevel))
    .addOption(new Option('--time-zone <zone>', 'the restaurant’s time zone; order numbers restart each day there').env('ORDERLINE_TIME_ZONE').default(SERVER_DEFAULTS.timeZone));
}

export async function configFrom(options: Record<string, unknown>): Promise<ServerConfig> {
  const { parseServerConfig } = await import('../server/config.ts');
  return parseServerConfig({
    port: options.port,
    host: options.host,
    dataDir: options.dataDir,
    databaseUrl: options.db,
    redisUrl: options.redis,
    logLevel: options.logLevel,
    timeZone: options.timeZone,
    publicUrl: options.publicUrl,
    bump: options.bump,
    // Read here, not by commander: for a flag without a value it takes any setting, "false" too, as on.
    expo: options.expo ?? process.env.ORDERLINE_EXPO,
    recallMinutes: options.recallMinutes,
    timers: options.timers,
    allergyWords: options.allergyWords,
    deliveryMinutes: options.deliveryMinutes,
    restaurantName: options.restaurantName,
    restaurantAddress: options.restaurantAddress,
    restaurantPhone: options.restaurantPhone,
    limits: options.limit,
    allowedOrigins: options.allowOrigin,
    trustProxy: options.trustProxy ?? process.env.ORDERLINE_TRUST_PROXY,
    adminToken: process.env.ORDERLINE_ADMIN_TOKEN,
  });
}

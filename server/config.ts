// Settings a server runs with. The CLI gathers them (flags, then environment, then defaults) and
// this module checks them, so a typo is refused at start with the setting's name.
import { z } from 'zod';
import { SERVER_DEFAULTS } from './defaults.ts';

const serverConfig = z.object({
  port: z.coerce.number().int().min(0).max(65_535),
  host: z.string().min(1),
  dataDir: z.string().min(1),
  databaseUrl: z.string().min(1).optional(),
  redisUrl: z.string().regex(/^rediss?:\/\//, 'must start with redis:// or rediss://').optional(),
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']),
  adminToken: z.string().optional(),
  timeZone: z.string().refine(isTimeZone, 'must be an IANA time zone such as Europe/Paris'),
  /** Where customers reach this server, for the links the CLI prints. */
  publicUrl: z.url().optional(),
});

export type ServerConfig = z.output<typeof serverConfig>;

const NAMES: Record<string, string> = {
  port: '--port / PORT',
  host: '--host / HOST',
  dataDir: '--data-dir / ORDERLINE_DATA_DIR',
  databaseUrl: '--db / DATABASE_URL',
  redisUrl: '--redis / REDIS_URL',
  logLevel: '--log-level / LOG_LEVEL',
  adminToken: 'ORDERLINE_ADMIN_TOKEN',
  timeZone: '--time-zone / ORDERLINE_TIME_ZONE',
  publicUrl: '--public-url / ORDERLINE_PUBLIC_URL',
};

export function parseServerConfig(raw: Record<string, unknown>): ServerConfig {
  const defined = Object.fromEntries(Object.entries(raw).filter(([, value]) => value !== undefined && value !== ''));
  const result = serverConfig.safeParse({ ...SERVER_DEFAULTS, ...defined });
  if (result.success) return result.data;
  const lines = result.error.issues.map((issue) => {
    const key = String(issue.path[0]);
    return `${NAMES[key] ?? key}: ${issue.message} (got ${JSON.stringify(defined[key])})`;
  });
  throw new Error(`invalid settings:\n  ${lines.join('\n  ')}`);
}

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

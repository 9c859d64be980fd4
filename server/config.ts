// Settings a server runs with. The CLI gathers them (flags, then environment, then defaults) and
// this module checks them, so a typo is refused at start with the setting's name.
import { z } from 'zod';
import { SERVER_DEFAULTS } from './defaults.ts';
import { DEFAULT_LIMITS, LIMIT_NAMES, LIMITS, type LimitName, type Limits } from './limits.ts';
import { ORDER_TYPES, humanType, type OrderType } from '../shared/lifecycle.ts';
import type { KitchenSettings, TicketTimer } from './domain/kitchen.ts';

/** "a, b,c" (or several such strings, as repeated flags give): its entries, trimmed, empty ones dropped. */
function commaList(text: string | string[]): string[] {
  return [text].flat().flatMap((part) => part.split(',')).map((entry) => entry.trim()).filter(Boolean);
}

/** "dine-in=8/12,takeout=5/8": a warn and a late age in minutes for each order type named. */
const timers = z.string().transform((text, ctx): TicketTimer[] => {
  const parsed = new Map<OrderType, TicketTimer>();
  for (const part of commaList(text)) {
    const match = /^([a-z_-]+)=(\d+)\/(\d+)$/i.exec(part);
    const type = match?.[1]!.toUpperCase().replace('-', '_') as OrderType | undefined;
    if (!match || !type || !ORDER_TYPES.includes(type) || Number(match[2]) >= Number(match[3])) {
      ctx.addIssue({ code: 'custom', message: `"${part}" is not TYPE=WARN/LATE with WARN below LATE, e.g. takeout=5/8` });
      return z.NEVER;
    }
    parsed.set(type, { type, warnMinutes: Number(match[2]), lateMinutes: Number(match[3]) });
  }
  const missing = ORDER_TYPES.filter((type) => !parsed.has(type));
  if (missing.length) {
    ctx.addIssue({ code: 'custom', message: `give a timer for every order type; missing ${missing.map(humanType).join(', ')}` });
    return z.NEVER;
  }
  return ORDER_TYPES.map((type) => parsed.get(type)!);
});

/** Text people read (the restaurant's name on a receipt): trimmed, not empty, on one line. */
const label = (max: number) =>
  z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .max(max, `at most ${max} characters`)
    .refine((text) => !/\p{Cc}/u.test(text), 'must be one line of text, without tabs or other control characters');

/** "orders-per-minute=60,page-size=50", or several such strings as repeated flags give: the defaults with those changed. */
const limitsSpec = z.union([z.string(), z.array(z.string())]).transform((spec, ctx): Limits => {
  const limits = { ...DEFAULT_LIMITS };
  for (const part of commaList(spec)) {
    const [name, value = ''] = part.split('=', 2).map((side) => side.trim()) as [string, string?];
    if (!LIMIT_NAMES.includes(name as LimitName)) {
      ctx.addIssue({ code: 'custom', message: `"${name}" is not a limit; the limits are ${LIMIT_NAMES.join(', ')}` });
      continue;
    }
    const { min } = LIMITS[name as LimitName];
    if (!/^\d+$/.test(value) || Number(value) < min) {
      ctx.addIssue({ code: 'custom', message: `${name} must be a whole number of at least ${min} (got "${value}")` });
      continue;
    }
    limits[name as LimitName] = Number(value);
  }
  return limits;
});

/** A flag (true from commander) or its environment variable's text. */
const onOff = z.union([z.boolean(), z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1')]);

const words = z.string().transform((text) => commaList(text).map((word) => word.toLowerCase()));

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
  /** What a kitchen screen's bump means: one step along (`step`), or the ticket is done (`done`). */
  bump: z.enum(['step', 'done']),
  expo: onOff,
  recallMinutes: z.coerce.number().int().min(0).max(240),
  timers,
  /** Words flagged on tickets besides the built-in allergy words. */
  allergyWords: words,
  /** How long a delivery takes once it has left, for its estimated arrival. */
  deliveryMinutes: z.coerce.number().int().min(1).max(240),
  /** The restaurant's details, for customers' receipts and pages. */
  restaurantName: label(80),
  restaurantAddress: label(200).optional(),
  restaurantPhone: label(40).optional(),
  limits: limitsSpec.default(() => ({ ...DEFAULT_LIMITS })),
  /** Web origins besides this server's own that may call the API from a browser. */
  allowedOrigins: z.union([z.string(), z.array(z.string())]).transform((list, ctx) => {
    const origins = commaList(list);
    for (const origin of origins) {
      if (!/^https?:\/\/[^/]+$/.test(origin) || URL.parse(origin)?.origin !== origin) {
        ctx.addIssue({ code: 'custom', message: `"${origin}" is not an origin such as https://orders.example.com (scheme and host, no path)` });
      }
    }
    return origins;
  }).default([]),
  /** Behind a reverse proxy: the client's address is the one it adds to X-Forwarded-For. */
  trustProxy: onOff.default(false),
});

export type ServerConfig = z.output<typeof serverConfig>;

export function kitchenSettingsOf(config: ServerConfig): KitchenSettings {
  const { bump, expo, recallMinutes, timers, allergyWords } = config;
  return { bump, expo, recallMs: recallMinutes * 60_000, timers, allergyWords };
}

/** The restaurant as customers see it. */
export interface Restaurant {
  name: string;
  address: string | null;
  phone: string | null;
}

export function restaurantOf(config: ServerConfig): Restaurant {
  return { name: config.restaurantName, address: config.restaurantAddress ?? null, phone: config.restaurantPhone ?? null };
}

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
  bump: '--bump / ORDERLINE_BUMP',
  expo: '--expo / ORDERLINE_EXPO',
  recallMinutes: '--recall-minutes / ORDERLINE_RECALL_MINUTES',
  timers: '--timers / ORDERLINE_TIMERS',
  allergyWords: '--allergy-words / ORDERLINE_ALLERGY_WORDS',
  deliveryMinutes: '--delivery-minutes / ORDERLINE_DELIVERY_MINUTES',
  restaurantName: '--restaurant-name / ORDERLINE_RESTAURANT_NAME',
  restaurantAddress: '--restaurant-address / ORDERLINE_RESTAURANT_ADDRESS',
  restaurantPhone: '--restaurant-phone / ORDERLINE_RESTAURANT_PHONE',
  limits: '--limit / ORDERLINE_LIMITS',
  allowedOrigins: '--allow-origin / ORDERLINE_ALLOWED_ORIGINS',
  trustProxy: '--trust-proxy / ORDERLINE_TRUST_PROXY',
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

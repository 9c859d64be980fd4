// What a browser page on another site may do with the API: nothing, unless its origin is allowed
// (origin.ts). A form on any site can POST to us without asking (no CORS preflight for form
// encodings), so only JSON bodies are accepted, and a request whose Origin is not allowed is
// refused before it runs rather than only hidden from the page by CORS.
import type { IncomingMessage } from 'node:http';
import type { ServerConfig } from '../config.ts';
import { originAllowed } from './origin.ts';

type OriginSettings = Pick<ServerConfig, 'publicUrl' | 'allowedOrigins'>;

/**
 * The one media type a POST to /graphql may carry (GraphQL over HTTP). Not the response type
 * application/graphql-response+json: that belongs in Accept, and Yoga refuses it as a body.
 */
const JSON_TYPE = 'application/json';

export interface Refusal {
  status: number;
  code: string;
  message: string;
}

/** Why this request must not reach GraphQL, if it must not. */
export function crossSiteRefusal(req: IncomingMessage, settings: OriginSettings): Refusal | undefined {
  const origin = req.headers.origin;
  if (!originAllowed(origin, req.headers.host, settings)) {
    return {
      status: 403,
      code: 'ORIGIN_NOT_ALLOWED',
      message: `requests from pages on ${origin} are not allowed; a server's own pages and the origins given with --allow-origin (ORDERLINE_ALLOWED_ORIGINS) may call it`,
    };
  }
  if (req.method !== 'POST') return undefined;
  const type = req.headers['content-type']?.split(';')[0]?.trim().toLowerCase();
  if (type === JSON_TYPE) return undefined;
  return {
    status: 415,
    code: 'UNSUPPORTED_MEDIA_TYPE',
    message: `a POST to /graphql must be JSON (Content-Type: application/json), not ${type ?? 'a body without a Content-Type'}`,
  };
}

/**
 * Yoga's CORS answer. Only allowed origins reach it (crossSiteRefusal runs first); the check is
 * repeated so that CORS alone never echoes a foreign origin. No credentials: staff send a bearer
 * token, never a cookie.
 */
export function corsOptions(settings: OriginSettings) {
  return (request: Request) => {
    const origin = request.headers.get('origin') ?? undefined;
    if (!origin || !originAllowed(origin, request.headers.get('host') ?? undefined, settings)) return false as const;
    return { origin: [origin], credentials: false, methods: ['GET', 'POST'], allowedHeaders: ['content-type', 'authorization'], maxAge: 600 };
  };
}

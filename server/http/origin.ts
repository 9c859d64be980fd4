// Which web pages may call the API from a browser: this server's own (the Host it was reached at,
// or --public-url) and the origins configured with --allow-origin. A request without an Origin
// header is not from a cross-site page (the CLI, curl, a same-origin GET) and is not refused here.

export function originAllowed(origin: string | undefined, host: string | undefined, options: { publicUrl?: string; allowedOrigins: readonly string[] }): boolean {
  if (origin === undefined) return true;
  if (options.allowedOrigins.includes(origin)) return true;
  if (options.publicUrl && new URL(options.publicUrl).origin === origin) return true;
  const parsed = URL.parse(origin);
  return parsed !== null && (parsed.protocol === 'http:' || parsed.protocol === 'https:') && parsed.host === host;
}

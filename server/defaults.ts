// Server setting defaults, apart from their validation so the CLI can show them cheaply in --help.
export const DEFAULT_PORT = 4000;

export const SERVER_DEFAULTS = {
  port: DEFAULT_PORT,
  host: '0.0.0.0',
  dataDir: './data',
  logLevel: 'info',
  timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
} as const;

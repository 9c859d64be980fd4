// Server setting defaults, apart from their validation so the CLI can show them cheaply in --help.
export const DEFAULT_PORT = 4000;

export const SERVER_DEFAULTS = {
  port: DEFAULT_PORT,
  host: '0.0.0.0',
  dataDir: './data',
  logLevel: 'info',
  timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
  bump: 'step',
  expo: false,
  recallMinutes: 10,
  /** Minutes of a ticket's age at which screens warn, then call it late, per order type. */
  timers: 'dine-in=8/12,takeout=5/8,delivery=6/10',
  allergyWords: '',
  deliveryMinutes: 20,
  restaurantName: 'Orderline',
} as const;

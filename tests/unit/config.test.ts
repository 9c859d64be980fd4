// The server's settings as `orderline serve` hands them over: defaults, and refusals that name the setting.
import { describe, expect, it } from 'vitest';
import { configFrom } from '../../cli/server-options.ts';
import { parseServerConfig, restaurantOf } from '../../server/config.ts';

describe('restaurant settings', () => {
  it('default to "Orderline" with no address or phone', () => {
    expect(restaurantOf(parseServerConfig({}))).toEqual({ name: 'Orderline', address: null, phone: null });
  });

  it('are trimmed', () => {
    const config = parseServerConfig({ restaurantName: '  Chez Sam ', restaurantAddress: ' 1 Main St ', restaurantPhone: ' +1 555 0100 ext. 2 ' });
    expect(restaurantOf(config)).toEqual({ name: 'Chez Sam', address: '1 Main St', phone: '+1 555 0100 ext. 2' });
  });

  it.each([
    ['restaurantName', '   ', '--restaurant-name / ORDERLINE_RESTAURANT_NAME: must not be empty'],
    ['restaurantName', 'x'.repeat(81), '--restaurant-name / ORDERLINE_RESTAURANT_NAME: at most 80 characters'],
    ['restaurantAddress', '1 Main St\nSpringfield', '--restaurant-address / ORDERLINE_RESTAURANT_ADDRESS: must be one line of text'],
    ['restaurantAddress', 'x'.repeat(201), '--restaurant-address / ORDERLINE_RESTAURANT_ADDRESS: at most 200 characters'],
    ['restaurantPhone', ' \t ', '--restaurant-phone / ORDERLINE_RESTAURANT_PHONE: must not be empty'],
    ['restaurantPhone', '555\u00070100', '--restaurant-phone / ORDERLINE_RESTAURANT_PHONE: must be one line of text'],
    ['restaurantPhone', '5'.repeat(41), '--restaurant-phone / ORDERLINE_RESTAURANT_PHONE: at most 40 characters'],
  ])('%s %j is refused with the setting’s name', (key, value, message) => {
    expect(() => parseServerConfig({ [key]: value })).toThrow(message);
  });
});

describe('delivery minutes', () => {
  it('default to 20', () => {
    expect(parseServerConfig({}).deliveryMinutes).toBe(20);
    expect(parseServerConfig({ deliveryMinutes: '45' }).deliveryMinutes).toBe(45);
  });

  it.each(['0', '241', '12.5', 'soon'])('%j is refused with the setting’s name', (value) => {
    expect(() => parseServerConfig({ deliveryMinutes: value })).toThrow(`--delivery-minutes / ORDERLINE_DELIVERY_MINUTES`);
  });
});

describe('limits', () => {
  it('starts from the defaults and changes only the limits named, from one string or repeated flags', () => {
    expect(parseServerConfig({}).limits['orders-per-minute']).toBe(30);
    const { limits } = parseServerConfig({ limits: ['page-size=5, orders-per-minute=90', 'query-depth=8'] });
    expect(limits).toMatchObject({ 'page-size': 5, 'orders-per-minute': 90, 'query-depth': 8, 'query-aliases': 30 });
  });

  it.each([
    ['page-size=0', 'page-size must be a whole number of at least 1 (got "0")'],
    ['page-size=ten', 'page-size must be a whole number of at least 1 (got "ten")'],
    ['pages=5', '"pages" is not a limit; the limits are query-depth,'],
  ])('refuses %s with the setting named', (spec, message) => {
    expect(() => parseServerConfig({ limits: spec })).toThrow(`--limit / ORDERLINE_LIMITS: ${message}`);
  });

  it('takes web origins as scheme and host only', () => {
    expect(parseServerConfig({ allowedOrigins: 'https://orders.example.com, http://localhost:5173' }).allowedOrigins).toEqual(['https://orders.example.com', 'http://localhost:5173']);
    expect(() => parseServerConfig({ allowedOrigins: ['https://orders.example.com/track'] })).toThrow('"https://orders.example.com/track" is not an origin');
  });
});

describe('on/off settings from the environment', () => {
  it.each([
    ['ORDERLINE_TRUST_PROXY', 'trustProxy'],
    ['ORDERLINE_EXPO', 'expo'],
  ] as const)('%s=false is off and =true is on (commander would take any value of a flag’s variable as on)', async (variable, key) => {
    const before = process.env[variable];
    try {
      for (const [value, expected] of [['false', false], ['0', false], ['true', true], ['1', true]] as const) {
        process.env[variable] = value;
        expect((await configFrom({}))[key], `${variable}=${value}`).toBe(expected);
      }
      // The flag wins over the variable.
      process.env[variable] = 'false';
      expect((await configFrom({ [key]: true }))[key]).toBe(true);
    } finally {
      if (before === undefined) delete process.env[variable];
      else process.env[variable] = before;
    }
  });
});

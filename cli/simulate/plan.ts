// A believable restaurant, for demos and load: orders arrive as a Poisson process, and each moves
// through the kitchen with human-looking delays. Pure and seeded: the same seed, the same day.

export type Random = () => number;

/** mulberry32: a small, fast, well-known seeded generator; plenty for a simulation. */
export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** "30/h", "2/m", "1/s": orders per millisecond. */
export function parseRate(text: string): number | null {
  const match = /^\s*(\d+(?:\.\d+)?)\s*\/\s*(s|sec|m|min|h|hour)\s*$/i.exec(text);
  if (!match) return null;
  const per = { s: 1_000, sec: 1_000, m: 60_000, min: 60_000, h: 3_600_000, hour: 3_600_000 }[match[2]!.toLowerCase() as 's'];
  const rate = Number(match[1]) / per;
  return rate > 0 ? rate : null;
}

/** The wait before the next arrival: exponential, so arrivals bunch and thin out like real ones. */
export function nextArrivalMs(random: Random, perMs: number): number {
  return -Math.log(1 - random()) / perMs;
}

const between = (random: Random, low: number, high: number) => low + (high - low) * random();
const pick = <T>(random: Random, list: readonly T[]): T => list[Math.floor(random() * list.length)]!;

const NAMES = ['Sam', 'Alex', 'Robin', 'Kim', 'Noor', 'Jules', 'Mika', 'Ana', 'Leo', 'Priya', 'Tomás', 'Hana', 'Olu', 'Ines'];
const STREETS = ['Quay Street', 'Elm Row', 'Market Lane', 'Harbour Road', 'Mill Close', 'Station Avenue'];

export interface MenuChoice {
  id: string;
  category: string;
  modifiers: readonly string[];
  available: boolean;
}

export interface SimulatedOrder {
  customerName: string;
  type: 'DINE_IN' | 'TAKEOUT' | 'DELIVERY';
  table?: string;
  address?: string;
  items: { menuItemId: string; quantity: number; modifiers: string[] }[];
}

export function makeOrder(random: Random, menu: readonly MenuChoice[]): SimulatedOrder {
  const roll = random();
  const type = roll < 0.6 ? 'TAKEOUT' : roll < 0.85 ? 'DINE_IN' : 'DELIVERY';
  const available = menu.filter((m) => m.available);
  const mains = available.filter((m) => m.category !== 'Drinks');
  const drinks = available.filter((m) => m.category === 'Drinks');
  const dishes = [pick(random, mains.length ? mains : available)];
  if (random() < 0.5) dishes.push(pick(random, available));
  if (drinks.length && random() < 0.6) dishes.push(pick(random, drinks));
  const items = [...new Set(dishes)].map((dish) => ({
    menuItemId: dish.id,
    quantity: random() < 0.8 ? 1 : 2,
    modifiers: dish.modifiers.length && random() < 0.2 ? [pick(random, dish.modifiers)] : [],
  }));
  return {
    customerName: pick(random, NAMES),
    type,
    ...(type === 'DINE_IN' ? { table: String(1 + Math.floor(random() * 20)) } : {}),
    ...(type === 'DELIVERY' ? { address: `${1 + Math.floor(random() * 90)} ${pick(random, STREETS)}` } : {}),
    items,
  };
}

export type KitchenStep = { afterMs: number } & ({ action: 'advance' } | { action: 'cancel'; reason: string });

const SECOND = 1_000;
const MINUTE = 60_000;

/**
 * What happens to a placed order and when (each delay after the previous step): confirmed, cooked
 * for about its preparation time, then picked up, or taken out and delivered. A few are cancelled.
 */
export function kitchenSteps(random: Random, type: SimulatedOrder['type'], prepMinutes: number, speed: number): KitchenStep[] {
  const at = (ms: number) => ms / speed;
  if (random() < 0.03) {
    return [{ afterMs: at(between(random, 20, 90) * SECOND), action: 'cancel', reason: pick(random, ['customer changed their mind', 'out of stock', 'duplicate order']) }];
  }
  const steps: KitchenStep[] = [
    { afterMs: at(between(random, 10, 40) * SECOND), action: 'advance' }, // confirmed
    { afterMs: at(between(random, 20, 90) * SECOND), action: 'advance' }, // preparing
    { afterMs: at(prepMinutes * between(random, 0.8, 1.3) * MINUTE), action: 'advance' }, // ready
  ];
  if (type === 'DELIVERY') {
    steps.push({ afterMs: at(between(random, 1, 3) * MINUTE), action: 'advance' }); // out for delivery
    steps.push({ afterMs: at(between(random, 10, 25) * MINUTE), action: 'advance' }); // delivered
  } else {
    steps.push({ afterMs: at(between(random, 1, 6) * MINUTE), action: 'advance' }); // picked up or served
  }
  return steps;
}

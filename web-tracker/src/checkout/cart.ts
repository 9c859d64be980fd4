// The basket on the order page: how many of each dish, with which modifiers and notes. Pure, so
// the page only renders it and the rules are tested without a browser.
import type { MenuItem, OrderItemInput } from './documents.ts';

export interface CartLine {
  quantity: number;
  modifiers: readonly string[];
  notes: string;
}

/** Lines by menu item id. A dish is in the basket while its quantity is above zero. */
export type Cart = Readonly<Record<string, CartLine>>;

/** The server refuses more than this of one dish (server/orders/place-order-input.ts). */
export const MAX_QUANTITY = 99;

const EMPTY_LINE: CartLine = { quantity: 0, modifiers: [], notes: '' };

export function lineOf(cart: Cart, id: string): CartLine {
  return cart[id] ?? EMPTY_LINE;
}

function update(cart: Cart, id: string, change: Partial<CartLine>): Cart {
  return { ...cart, [id]: { ...lineOf(cart, id), ...change } };
}

export function setQuantity(cart: Cart, id: string, quantity: number): Cart {
  const clamped = Math.min(MAX_QUANTITY, Math.max(0, Math.round(quantity) || 0));
  return update(cart, id, { quantity: clamped });
}

export function toggleModifier(cart: Cart, id: string, modifier: string): Cart {
  const { modifiers } = lineOf(cart, id);
  return update(cart, id, {
    modifiers: modifiers.includes(modifier) ? modifiers.filter((m) => m !== modifier) : [...modifiers, modifier],
  });
}

export function setLineNotes(cart: Cart, id: string, notes: string): Cart {
  return update(cart, id, { notes });
}

/**
 * The items to send, in menu order. Their positions are what the server's problem paths count
 * (`items.1.modifiers`), so the same list maps problems back to dishes (validation.ts).
 */
export function orderItems(cart: Cart, menu: readonly Pick<MenuItem, 'id'>[]): OrderItemInput[] {
  return menu
    .filter((dish) => lineOf(cart, dish.id).quantity > 0)
    .map((dish) => {
      const line = lineOf(cart, dish.id);
      return { menuItemId: dish.id, quantity: line.quantity, modifiers: [...line.modifiers], notes: line.notes.trim() || null };
    });
}

export function totalCents(cart: Cart, menu: readonly Pick<MenuItem, 'id' | 'priceCents'>[]): number {
  return menu.reduce((sum, dish) => sum + lineOf(cart, dish.id).quantity * dish.priceCents, 0);
}

export interface MenuSection<T> {
  category: string;
  dishes: T[];
}

/** Categories in the order the restaurant lists them, each with its dishes in that order. */
export function byCategory<T extends Pick<MenuItem, 'category'>>(menu: readonly T[]): MenuSection<T>[] {
  const sections = new Map<string, T[]>();
  for (const dish of menu) {
    const dishes = sections.get(dish.category) ?? [];
    dishes.push(dish);
    sections.set(dish.category, dishes);
  }
  return [...sections].map(([category, dishes]) => ({ category, dishes }));
}

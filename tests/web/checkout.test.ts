import { describe, expect, it } from 'vitest';
import { byCategory, orderItems, setLineNotes, setQuantity, toggleModifier, totalCents, type Cart } from '../../web-tracker/src/checkout/cart.ts';
import { asSentence, fieldErrors, fieldFor } from '../../web-tracker/src/checkout/validation.ts';

const MENU = [
  { id: 'margherita', name: 'Margherita', category: 'Pizza', priceCents: 1150 },
  { id: 'fries', name: 'Fries', category: 'Sides', priceCents: 450 },
  { id: 'pepperoni', name: 'Pepperoni', category: 'Pizza', priceCents: 1350 },
  { id: 'cola', name: 'Cola', category: 'Drinks', priceCents: 300 },
];

describe('the basket', () => {
  it('sends chosen dishes in menu order with their modifiers and notes', () => {
    let cart: Cart = {};
    cart = setQuantity(cart, 'cola', 2);
    cart = setQuantity(cart, 'margherita', 1);
    cart = toggleModifier(cart, 'margherita', 'extra cheese');
    cart = toggleModifier(cart, 'margherita', 'no basil');
    cart = toggleModifier(cart, 'margherita', 'extra cheese');
    cart = setLineNotes(cart, 'margherita', '  well done  ');
    cart = setQuantity(setQuantity(cart, 'fries', 1), 'fries', 0);
    expect(orderItems(cart, MENU)).toEqual([
      { menuItemId: 'margherita', quantity: 1, modifiers: ['no basil'], notes: 'well done' },
      { menuItemId: 'cola', quantity: 2, modifiers: [], notes: null },
    ]);
    expect(totalCents(cart, MENU)).toBe(1150 + 2 * 300);
  });

  it('keeps quantities between 0 and 99 whatever is typed', () => {
    expect(setQuantity({}, 'cola', 250).cola?.quantity).toBe(99);
    expect(setQuantity({}, 'cola', -3).cola?.quantity).toBe(0);
    expect(setQuantity({}, 'cola', Number.NaN).cola?.quantity).toBe(0);
  });

  it('groups the menu by category in the order the restaurant lists it', () => {
    expect(byCategory(MENU).map(({ category, dishes }) => [category, dishes.map((dish) => dish.id)])).toEqual([
      ['Pizza', ['margherita', 'pepperoni']],
      ['Sides', ['fries']],
      ['Drinks', ['cola']],
    ]);
  });
});

describe('validation problems, next to the field they concern', () => {
  const sent = ['margherita', 'cola'];

  it('maps top-level paths to their fields', () => {
    for (const path of ['customerName', 'address', 'table', 'notes', 'type', 'items']) expect(fieldFor(path, sent)).toBe(path);
  });

  it('maps item paths back to the dish at that position of what was sent', () => {
    expect(fieldFor('items.0.quantity', sent)).toBe('item:margherita:quantity');
    expect(fieldFor('items.1.modifiers', sent)).toBe('item:cola:modifiers');
    expect(fieldFor('items.1.notes', sent)).toBe('item:cola:notes');
    expect(fieldFor('items.0.menuItemId', sent)).toBe('item:margherita');
  });

  it('sends what it cannot place to the basket or the form as a whole', () => {
    expect(fieldFor('items.5.quantity', sent)).toBe('items');
    expect(fieldFor('rush', sent)).toBe('form');
    expect(fieldFor('', sent)).toBe('form');
  });

  it('collects every message per field, written as sentences', () => {
    const errors = fieldErrors(
      [
        { path: 'customerName', message: 'enter a name' },
        { path: 'items.1.modifiers', message: '"lime" is not offered for Cola; choose from no ice' },
        { path: 'items.1.modifiers', message: '"salt" is not offered for Cola; choose from no ice' },
      ],
      sent,
    );
    expect(Object.fromEntries(errors)).toEqual({
      customerName: ['Enter a name.'],
      'item:cola:modifiers': ['"lime" is not offered for Cola; choose from no ice.', '"salt" is not offered for Cola; choose from no ice.'],
    });
    expect(asSentence('at most 80 characters!')).toBe('At most 80 characters!');
  });
});

// The menu a new restaurant starts with, so a fresh install can take orders at once.

export interface MenuSeed {
  id: string;
  name: string;
  category: string;
  station: string;
  priceCents: number;
  prepMinutes: number;
  modifiers: string[];
}

export const DEMO_MENU: MenuSeed[] = [
  { id: 'margherita', name: 'Margherita', category: 'Pizza', station: 'oven', priceCents: 1150, prepMinutes: 12, modifiers: ['extra cheese', 'no basil', 'gluten-free base'] },
  { id: 'pepperoni', name: 'Pepperoni', category: 'Pizza', station: 'oven', priceCents: 1350, prepMinutes: 12, modifiers: ['extra cheese', 'chilli oil', 'gluten-free base'] },
  { id: 'cheeseburger', name: 'Cheeseburger', category: 'Burgers', station: 'grill', priceCents: 1250, prepMinutes: 10, modifiers: ['no onion', 'extra bacon', 'well done', 'no cheese'] },
  { id: 'veggie-burger', name: 'Veggie Burger', category: 'Burgers', station: 'grill', priceCents: 1150, prepMinutes: 9, modifiers: ['no onion', 'vegan cheese'] },
  { id: 'fries', name: 'Fries', category: 'Sides', station: 'fry', priceCents: 450, prepMinutes: 5, modifiers: ['no salt', 'truffle'] },
  { id: 'onion-rings', name: 'Onion Rings', category: 'Sides', station: 'fry', priceCents: 500, prepMinutes: 6, modifiers: [] },
  { id: 'caesar-salad', name: 'Caesar Salad', category: 'Salads', station: 'cold', priceCents: 950, prepMinutes: 6, modifiers: ['no croutons', 'add chicken', 'dressing on the side'] },
  { id: 'greek-salad', name: 'Greek Salad', category: 'Salads', station: 'cold', priceCents: 900, prepMinutes: 5, modifiers: ['no olives', 'no feta'] },
  { id: 'tiramisu', name: 'Tiramisu', category: 'Desserts', station: 'cold', priceCents: 650, prepMinutes: 3, modifiers: [] },
  { id: 'cola', name: 'Cola', category: 'Drinks', station: 'bar', priceCents: 300, prepMinutes: 1, modifiers: ['no ice', 'zero sugar'] },
  { id: 'lemonade', name: 'Lemonade', category: 'Drinks', station: 'bar', priceCents: 350, prepMinutes: 2, modifiers: ['no ice'] },
  { id: 'espresso', name: 'Espresso', category: 'Drinks', station: 'bar', priceCents: 250, prepMinutes: 2, modifiers: ['double', 'decaf'] },
];

// The kitchen display's pure rules: how cards flow into pages, which lines a tall card keeps,
// which words are allergies, what is marked NEW or CHANGED, and how an event's order is folded in.
import { describe, expect, it } from 'vitest';
import { layoutPages, pageHolding } from '../../cli/tui/kitchen-layout.ts';
import { allergyPattern, allergySegments, cardLines, fitLines } from '../../cli/tui/ticket-card.ts';
import { TicketMarks, markOf } from '../../cli/tui/ticket-marks.ts';
import { allDay, matchesSearch, ticketUrgency, withOrder } from '../../cli/tui/tickets.ts';
import { anItem, anOrder, NOW } from '../tui/orders.ts';

const allergy = allergyPattern(['allergy', 'nut', 'peanut', 'gluten']);

describe('pages of cards', () => {
  it('puts each card in the column with the most room, across the top first, then on the next page', () => {
    const pages = layoutPages([5, 8, 3, 3, 12, 4], 2, 12);
    expect(pages.map((page) => page.columns)).toEqual([[[0, 2, 3], [1]], [[4], [5]]]);
    expect(pageHolding(pages, 4)).toMatchObject({ start: 4, end: 6 });
  });

  it('a card taller than a column still gets a page of its own', () => {
    expect(layoutPages([30, 2], 1, 10).map((page) => page.columns)).toEqual([[[0]], [[1]]]);
  });
});

describe('a card’s lines', () => {
  it('finds allergy words whole, plurals included, not inside other words', () => {
    expect(allergySegments('ALLERGY: peanuts, no donuts', allergy).filter((part) => part.allergy).map((part) => part.text)).toEqual(['ALLERGY', 'peanuts']);
  });

  it('wraps long notes instead of cutting them', () => {
    const order = anOrder({ items: [anItem({ notes: 'ALLERGY: peanuts - severe, keep everything apart' })] });
    const lines = cardLines(order, { stations: [], width: 16, allergy });
    expect(lines.filter((line) => line.kind === 'note').map((line) => line.text.trim()).join(' ')).toBe('! ALLERGY: peanuts - severe, keep everything apart');
    expect(lines.every((line) => line.text.length <= 16)).toBe(true);
  });

  it('folds lines away from the end but keeps every allergy line', () => {
    const order = anOrder({ items: [...Array.from({ length: 8 }, (_, i) => anItem({ name: `Dish ${i}` })), anItem({ name: 'Bread', notes: 'gluten free' })] });
    const { shown, hidden } = fitLines(cardLines(order, { stations: [], width: 30, allergy }), 5);
    expect(shown.map((line) => line.text)).toEqual(['1× Dish 0', '1× Dish 1', '1× Dish 2', '  ! gluten free']);
    expect(hidden).toBe(6);
  });

  it('a long allergy note never pushes the dishes off the card', () => {
    const order = anOrder({
      notes: 'ALLERGY: peanuts - severe. Even traces cause anaphylaxis, please use a clean board and gloves',
      items: [anItem({ name: 'Margherita' }), anItem({ name: 'Caesar Salad' })],
    });
    const lines = cardLines(order, { stations: [], width: 16, allergy });
    // Room for the note and the dishes, not for everything: the dishes win over the rest.
    const { shown } = fitLines([...lines, ...Array.from({ length: 4 }, () => ({ text: 'x', kind: 'modifier' as const, allergy: false }))], lines.length + 1);
    expect(shown.filter((line) => line.kind === 'item').map((line) => line.text)).toEqual(['1× Margherita', '1× Caesar Salad']);
    expect(shown.some((line) => line.allergy)).toBe(true);
  });
});

describe('marks', () => {
  it('marks arrivals NEW after the first snapshot, changes by others CHANGED, and not the screen’s own', () => {
    const marks = new TicketMarks();
    const a = anOrder({ number: 1 });
    const b = anOrder({ number: 2 });
    expect(marks.update([a], NOW).arrived).toBe(false);
    const second = marks.update([a, b], NOW + 1000);
    expect(second.arrived).toBe(true);
    expect(markOf(second.marks, b.id, NOW + 1000)).toBe('NEW');
    const third = marks.update([{ ...a, rush: true }, b], NOW + 2000);
    expect(markOf(third.marks, a.id, NOW + 2000)).toBe('CHANGED');
    marks.ownChange(b.id, NOW + 2500);
    const fourth = marks.update([{ ...a, rush: true }, { ...b, rush: true }], NOW + 3000);
    expect(markOf(fourth.marks, b.id, NOW + 3000)).toBe('NEW'); // still its arrival, not a change
    expect(markOf(fourth.marks, b.id, NOW + 12_000)).toBeNull();
  });
});

describe('folding an event’s order in', () => {
  const a = anOrder({ number: 1, version: 3 });
  it('replaces, adds and drops by what the screen keeps, and never goes back to an older version', () => {
    const open = (order: { status: string }) => order.status !== 'READY';
    expect(withOrder([a], { ...a, version: 4, rush: true }, open)[0]!.rush).toBe(true);
    expect(withOrder([a], { ...a, version: 2, rush: true }, open)[0]!.rush).toBe(false);
    expect(withOrder([a], { ...a, version: 4, status: 'READY' }, open)).toEqual([]);
    expect(withOrder([], a, open)).toEqual([a]);
  });
});

describe('timers, all-day and finding', () => {
  const timers = [{ type: 'TAKEOUT' as const, warnMinutes: 5, lateMinutes: 8 }];
  it('warns and calls late at the kitchen’s minutes for the order’s type', () => {
    expect(ticketUrgency(anOrder({ placedMinutesAgo: 4 }), NOW, timers)).toBe('on-time');
    expect(ticketUrgency(anOrder({ placedMinutesAgo: 6 }), NOW, timers)).toBe('due-soon');
    expect(ticketUrgency(anOrder({ placedMinutesAgo: 9 }), NOW, timers)).toBe('late');
    expect(ticketUrgency(anOrder({ placedMinutesAgo: 1, late: true }), NOW, timers)).toBe('late');
  });

  it('counts each dish still to make, at the screen’s stations', () => {
    const orders = [
      anOrder({ items: [anItem({ name: 'Fries', quantity: 2, station: 'fry' }), anItem({ name: 'Burger', station: 'grill' })] }),
      anOrder({ items: [anItem({ name: 'Fries', station: 'fry' }), anItem({ name: 'Fries', station: 'fry', state: 'DONE' })] }),
    ];
    expect(allDay(orders, ['fry'])).toEqual([{ name: 'Fries', count: 3 }]);
    expect(allDay(orders, [])).toEqual([{ name: 'Fries', count: 3 }, { name: 'Burger', count: 1 }]);
  });

  it('finds by number, dish or customer', () => {
    const order = anOrder({ number: 42, customerName: 'Ana', items: [anItem({ name: 'Caesar Salad' })] });
    expect(['42', '#42', 'caesar', 'ana'].map((q) => matchesSearch(order, q))).toEqual([true, true, true, true]);
    expect(['4', 'pizza'].map((q) => matchesSearch(order, q))).toEqual([false, false]);
  });
});

// The kitchen display as a cook uses it: tickets in working order with their timers, a bump bar's
// keys, station bumps, recall and rush, allergies that are never cut, cancelled tickets that stay
// until seen, and what the server said. Frames at 80x24 and 200x50 as well as the default 100x24.
import { describe, expect, it, vi } from 'vitest';
import { KitchenScreen, type Kitchen, type KitchenScreenProps, type Settings } from '../../cli/tui/kitchen-screen.tsx';
import type { Order } from '../../cli/tui/tickets.ts';
import type { ItemTarget } from '../../cli/tui/actions.ts';
import { CliError, EXIT } from '../../cli/errors.ts';
import { anItem, anOrder, NOW } from './orders.ts';
import { KEY, liveState, mount, resize, screenTests } from './screens.tsx';

screenTests();

const SETTINGS: Settings = {
  bumpMode: 'STEP',
  expo: false,
  recallMinutes: 10,
  allergyWords: ['allergy', 'allergic', 'peanut', 'nut', 'gluten', 'shellfish'],
  stations: ['pizza', 'bar', 'grill', 'fry'],
  timers: [
    { type: 'DINE_IN', warnMinutes: 8, lateMinutes: 12 },
    { type: 'TAKEOUT', warnMinutes: 10, lateMinutes: 15 },
    { type: 'DELIVERY', warnMinutes: 10, lateMinutes: 15 },
  ],
};


/** The frame's words without card borders and line breaks: a wrapped line reads whole. */
const words = (frame: string) => frame.replace(/[│║╮╭╰╯╔╗╚╝═─\s]+/g, ' ');

function kitchen(orders: Order[], extra: Partial<Kitchen> = {}, state: Parameters<typeof liveState>[1] = {}) {
  return liveState<Kitchen>({ orders, cancelled: [], marks: new Map(), ...extra }, state as never);
}

/** The screen's actions, recorded: each call as "kind #number target". */
function recorded(overrides: Partial<KitchenScreenProps['actions']> = {}) {
  const calls: string[] = [];
  const record = (kind: string) =>
    vi.fn(async (order: Order, target?: ItemTarget | boolean) => {
      calls.push(`${kind} #${order.number}${typeof target === 'object' && (target.station || target.itemIds) ? ` ${target.station ?? target.itemIds!.join(',')}` : ''}${typeof target === 'boolean' ? ` ${target}` : ''}`);
      return { ok: true, message: `${kind} done #${order.number}` };
    });
  const actions: KitchenScreenProps['actions'] = {
    advance: record('advance'),
    bump: record('bump'),
    recall: record('recall'),
    setRush: record('rush'),
    recentlyBumped: vi.fn(async () => []),
    ...overrides,
  };
  return { calls, actions };
}

function screen(live: KitchenScreenProps['live'], props: Partial<KitchenScreenProps> = {}) {
  const { calls, actions } = recorded(props.actions);
  const element = (l: KitchenScreenProps['live']) => (
    <KitchenScreen live={l} settings={props.settings ?? SETTINGS} stations={props.stations ?? []} expo={props.expo ?? false} actions={actions} />
  );
  const mounted = mount(element(live));
  return { ...mounted, calls, actions, update: (next: KitchenScreenProps['live']) => mounted.rerender(element(next)) };
}

const oldest = anOrder({ number: 11, placedMinutesAgo: 12, status: 'PREPARING', nextStatus: 'READY' });
const newer = anOrder({
  number: 12,
  placedMinutesAgo: 2,
  items: [
    anItem({ name: 'Margherita', quantity: 2, modifiers: ['extra cheese'], station: 'pizza' }),
    anItem({ name: 'Cola', station: 'bar' }),
  ],
  notes: 'no onions',
});
const ready = anOrder({ number: 9, status: 'READY', nextStatus: 'COMPLETED' });

describe('the kitchen screen', () => {
  it('shows open tickets oldest first with a type badge, items, modifiers and notes, and ready numbers apart', async () => {
    const s = screen(kitchen([newer, ready, oldest]));
    const frame = await s.showing('#12');
    expect(frame.indexOf('#11')).toBeLessThan(frame.indexOf('#12'));
    expect(frame).toMatch(/1 #11 +12:00/); // placed twelve minutes ago
    expect(frame).toMatch(/2 #12 +2:00/);
    expect(frame).toContain('TO-GO');
    expect(frame).toContain('2× Margherita');
    expect(frame).toContain('+ extra cheese');
    expect(frame).toContain('note: no onions');
    expect(frame).toMatch(/Ready: 9\b/);
    expect(frame).not.toContain('#9 ');
    expect(frame).toContain('Enter mark ready #11');
  });

  it('Enter advances the selected ticket one step; arrows move; digits bump by place', async () => {
    const s = screen(kitchen([oldest, newer]));
    await s.showing('#12');
    await s.press(KEY.enter);
    await s.showing('advance done #11');
    await s.press(KEY.down);
    await s.showing('Enter start #12');
    await s.press(' ');
    await vi.waitFor(() => expect(s.calls).toEqual(['advance #11', 'advance #12']));
    await s.press('1');
    await vi.waitFor(() => expect(s.calls).toEqual(['advance #11', 'advance #12', 'advance #11']));
  });

  it('with the kitchen’s bump mode DONE, one press finishes the whole ticket', async () => {
    const s = screen(kitchen([oldest]), { settings: { ...SETTINGS, bumpMode: 'DONE' } });
    await s.showing('Enter done #11');
    await s.press(KEY.enter);
    await vi.waitFor(() => expect(s.calls).toEqual(['bump #11']));
  });

  it('keys typed in one burst see each other: ↓ then Enter bumps the ticket moved to', async () => {
    const s = screen(kitchen([oldest, newer]));
    await s.showing('#12');
    s.stdin.write(KEY.down + KEY.enter);
    await vi.waitFor(() => expect(s.calls).toEqual(['advance #12']));
  });

  it('a double tap bumps a ticket once, while another ticket bumped meanwhile goes too', async () => {
    const finishes: (() => void)[] = [];
    const advance = vi.fn(
      (order: Order) => new Promise<{ ok: boolean; message: string }>((resolve) => finishes.push(() => resolve({ ok: true, message: `done #${order.number}` }))),
    );
    const s = screen(kitchen([oldest, newer]), { actions: { advance } as never });
    await s.showing('#12');
    await s.press(KEY.enter, KEY.enter, '1', '2');
    await vi.waitFor(() => expect(advance.mock.calls.map(([order]) => order.number)).toEqual([11, 12]));
    finishes.forEach((finish) => finish());
    await s.showing('done #12');
    await s.press(KEY.enter); // the first bump has come back: the ticket may be bumped again
    await vi.waitFor(() => expect(advance).toHaveBeenCalledTimes(3));
  });

  it('says why the server refused a bump', async () => {
    const advance = vi.fn(async () => {
      throw new CliError('order 11 changed since you saw it (version 3, now 4)', EXIT.conflict);
    });
    const s = screen(kitchen([oldest]), { actions: { advance } as never });
    await s.showing('#11');
    await s.press(KEY.enter);
    await s.showing('order 11 changed since you saw it');
  });

  it('the selection stays on the chosen ticket when a rush order arrives before it', async () => {
    const s = screen(kitchen([oldest, newer]));
    await s.press(KEY.down);
    await s.showing('Enter start #12');
    const rush = anOrder({ number: 7, rush: true, placedMinutesAgo: 0, status: 'PENDING', nextStatus: 'CONFIRMED' });
    s.update(kitchen([oldest, newer, rush]));
    const frame = await s.showing('#7 RUSH');
    expect(frame).toContain('Enter start #12');
    await s.press(KEY.enter);
    await vi.waitFor(() => expect(s.calls).toEqual(['advance #12']));
  });

  it('the first ticket, selected without a key, stays selected when a rush order arrives', async () => {
    const s = screen(kitchen([oldest]));
    await s.showing('Enter mark ready #11');
    s.update(kitchen([oldest, anOrder({ number: 7, rush: true, placedMinutesAgo: 0 })]));
    await s.showing('#7 RUSH');
    await s.showing('Enter mark ready #11');
  });

  it('a digit bumps the ticket shown at that place when it was pressed', async () => {
    const s = screen(kitchen([oldest, newer]));
    await s.showing('2 #12');
    await s.press('2');
    await vi.waitFor(() => expect(s.calls).toEqual(['advance #12']));
  });

  it('stays on the same ticket when an older one leaves the screen', async () => {
    const third = anOrder({ number: 13, placedMinutesAgo: 1 });
    const s = screen(kitchen([oldest, newer, third]));
    await s.showing('#13');
    await s.press(KEY.down);
    await s.showing('Enter start #12');
    s.update(kitchen([newer, third])); // #11 was bumped elsewhere
    await s.showing(/^(?![\s\S]*#11)/);
    await s.press(KEY.enter);
    await vi.waitFor(() => expect(s.calls).toEqual(['advance #12']));
  });

  it('Esc never quits: keys still work after it', async () => {
    const s = screen(kitchen([oldest, newer]));
    await s.showing('#12');
    await s.press(KEY.escape, KEY.escape, KEY.down);
    await s.showing('Enter start #12');
    await s.press(KEY.enter);
    await vi.waitFor(() => expect(s.calls).toEqual(['advance #12']));
  });
});

describe('a station screen', () => {
  const burger = anOrder({
    number: 20,
    status: 'PREPARING',
    items: [anItem({ name: 'Cheeseburger', station: 'grill', state: 'COOKING' }), anItem({ name: 'Fries', station: 'fry', state: 'COOKING' })],
  });

  it('shows that station’s items, counts the rest, and a bump finishes only that station', async () => {
    const s = screen(kitchen([burger]), { stations: ['grill'] });
    const frame = await s.showing('#20');
    expect(frame).toContain('1× Cheeseburger');
    expect(frame).not.toContain('Fries');
    expect(frame).toContain('+1 other station');
    expect(frame).toContain('Enter done #20');
    await s.press(KEY.enter);
    await vi.waitFor(() => expect(s.calls).toEqual(['bump #20 grill']));
  });

  it('a ticket whose station items are done leaves that station, and stays on the other', async () => {
    const grillDone = { ...burger, items: [{ ...burger.items[0]!, state: 'DONE' as const }, burger.items[1]!] };
    const grill = screen(kitchen([grillDone]), { stations: ['grill'] });
    await grill.showing('No open tickets');
    const fry = screen(kitchen([grillDone]), { stations: ['fry'] });
    await fry.showing('1× Fries');
  });

  it('i then a digit bumps one item; r recalls what this screen bumped last', async () => {
    const two = anOrder({ number: 21, items: [anItem({ id: 'a', name: 'Burger', station: 'grill' }), anItem({ id: 'b', name: 'Steak', station: 'grill' })] });
    const s = screen(kitchen([two]), { stations: ['grill'] });
    await s.showing('#21');
    await s.press('i');
    await s.showing('1-9 bump the item numbered on #21');
    await s.showing(/1 1× Burger[\s\S]*2 1× Steak/);
    await s.press('2');
    await vi.waitFor(() => expect(s.calls).toEqual(['bump #21 b']));
    await s.showing(/^(?![\s\S]*2 1× Steak)/); // the numbers go once the item is chosen
    await s.press('r');
    await s.showing('nothing bumped on this screen yet');
    await s.press(KEY.enter);
    await vi.waitFor(() => expect(s.calls).toEqual(['bump #21 b', 'bump #21 grill']));
    await s.press('r');
    await vi.waitFor(() => expect(s.calls).toEqual(['bump #21 b', 'bump #21 grill', 'recall #21 grill']));
  });

  it('R lists what can be recalled; a digit recalls it', async () => {
    const gone = anOrder({ number: 30, status: 'READY' });
    const recentlyBumped = vi.fn(async () => [gone]);
    const s = screen(kitchen([oldest]), { stations: ['pizza'], actions: { recentlyBumped } as never });
    await s.showing('#11');
    await s.press('R');
    await s.showing(/1 #30 READY/);
    expect(recentlyBumped).toHaveBeenCalledWith('pizza');
    await s.press('1');
    await vi.waitFor(() => expect(s.calls).toEqual(['recall #30 pizza']));
  });
});

describe('what a ticket says', () => {
  it('an allergy is never cut nor folded away, and stands out with a word', async () => {
    const long = anOrder({
      number: 50,
      items: [
        ...Array.from({ length: 14 }, (_, i) => anItem({ name: `Dish ${i + 1}`, modifiers: ['no salt'] })),
        anItem({ name: 'Satay', notes: 'ALLERGY: peanuts - severe' }),
      ],
    });
    const s = screen(kitchen([long]));
    const frame = await s.showing('#50');
    expect(frame).toContain('⚠ ALLERGY');
    expect(words(frame)).toContain('ALLERGY: PEANUTS - severe');
    expect(frame).toMatch(/\+\d+ more · z opens/);
    await s.press('z');
    const whole = await s.showing('Esc closes');
    expect(whole).toContain('1× Dish 14');
    expect(whole).toContain('ALLERGY: peanuts - severe');
    await s.press(KEY.escape);
    await s.showing('+');
  });

  it('a cancelled ticket stays struck through with its reason until a bump clears it', async () => {
    const cancelled = anOrder({ number: 60, status: 'CANCELLED', cancelReason: 'customer left', nextStatus: null });
    const s = screen(kitchen([oldest], { cancelled: [cancelled] }));
    const frame = await s.showing('✕ CANCELLED');
    expect(frame).toMatch(/why: customer[\s\S]*left/);
    expect(frame).toMatch(/1 #11[\s\S]*2 #60/); // in working order: no ticket was renumbered
    await s.press(KEY.down);
    await s.showing('Enter clear #60');
    await s.press(KEY.enter);
    await s.showing(/^(?![\s\S]*#60)/);
    expect(s.calls).toEqual([]);
  });

  it('urgency by word and glyph at the kitchen’s thresholds, not only by colour', async () => {
    const fresh = anOrder({ number: 70, type: 'DINE_IN', table: '4', placedMinutesAgo: 3 });
    const warm = anOrder({ number: 71, type: 'DINE_IN', table: '5', placedMinutesAgo: 9 });
    const late = anOrder({ number: 72, type: 'DINE_IN', table: '6', placedMinutesAgo: 13 });
    const s = screen(kitchen([fresh, warm, late]));
    const frame = await s.showing('#72');
    expect(frame).toContain('‼ LATE');
    expect(frame).toContain('! SOON');
    expect(frame.match(/‼ LATE/g)).toHaveLength(1);
    expect(frame).toContain('DINE-IN table 4');
  });

  it('marks a new ticket and one changed elsewhere, until selected', async () => {
    const marks = new Map([
      ['order-12', { mark: 'NEW' as const, at: NOW - 1000 }],
      ['order-11', { mark: 'CHANGED' as const, at: NOW - 1000 }],
    ]);
    const s = screen(kitchen([oldest, newer], { marks }));
    const frame = await s.showing('NEW');
    expect(frame).toMatch(/#12 NEW/);
    expect(frame).not.toContain('CHANGED'); // #11 is selected: the cook is looking at it
    await s.press(KEY.down);
    await s.showing(/#11 CHANGED/);
  });

  it('the expo sees each station’s progress and hands out only a finished ticket', async () => {
    const partly = anOrder({ number: 80, status: 'PREPARING', items: [anItem({ station: 'grill', state: 'DONE' }), anItem({ station: 'fry', state: 'COOKING' })] });
    const s = screen(kitchen([partly]), { expo: true });
    const frame = await s.showing('#80');
    expect(frame).toMatch(/…fry ✓grill/);
    await s.press(KEY.enter);
    await s.showing('#80 still waits on fry');
    s.update(kitchen([{ ...partly, items: partly.items.map((item) => ({ ...item, state: 'DONE' as const })) }]));
    await s.showing('✓fry');
    await s.press(KEY.enter);
    await vi.waitFor(() => expect(s.calls).toEqual(['advance #80']));
  });

  it('marks a ticket still open from an earlier day, which may share a number with today’s', async () => {
    const yesterdays = anOrder({ number: 3, businessDate: '2026-11-24', placedMinutesAgo: 14 * 60 });
    const todays = anOrder({ number: 3, id: 'today-3' });
    const s = screen(kitchen([todays, yesterdays]));
    const frame = await s.showing('Nov 24');
    expect(frame).toMatch(/1 #3 +14:00:0\d/);
    expect(frame).toContain('from Nov 24');
    expect(frame.match(/Nov 24/g)).toHaveLength(1);
  });
});

describe('the other keys', () => {
  it('p toggles rush; / finds by dish; a counts all day; ? lists every key', async () => {
    const s = screen(kitchen([oldest, newer]));
    await s.showing('#12');
    await s.press('p');
    await vi.waitFor(() => expect(s.calls).toEqual(['rush #11 true']));
    await s.press('/', 'c', 'o', 'l', 'a', KEY.enter);
    let frame = await s.showing('/ cola');
    expect(frame).toContain('#12');
    expect(frame).not.toMatch(/\d #11/);
    await s.press(KEY.escape);
    await s.showing(/\d #11/);
    await s.press('a');
    frame = await s.showing('All day');
    expect(frame).toMatch(/3 Margherita/);
    expect(frame).toMatch(/1 Cola/);
    await s.press(KEY.escape, '?');
    frame = await s.showing('Keys · Esc closes');
    expect(frame).toContain('recall the ticket this screen bumped last');
  });
});

describe('the screen’s size and connection', () => {
  const many = (n: number) => Array.from({ length: n }, (_, i) => anOrder({ number: 100 + i, placedMinutesAgo: 60 - i }));

  it('at 80x24 at least four tickets are readable; PgDn pages on; digits bump on the page shown', async () => {
    const s = screen(kitchen(many(9)));
    resize(s, 80, 24);
    let frame = await s.showing(/tickets 1–\d of 9/);
    for (const n of [100, 101, 102, 103]) expect(frame).toContain(`#${n}`);
    expect(frame.split('\n').every((line) => line.length <= 80)).toBe(true);
    expect(frame.split('\n').length).toBeLessThan(24);
    await s.press(KEY.pageDown);
    frame = await s.showing(/tickets [5-9]–/);
    expect(frame).not.toContain('#100');
    await s.press('1');
    await vi.waitFor(() => expect(s.calls).toHaveLength(1));
    expect(frame).toContain(s.calls[0]!.replace('advance ', '1 '));
    await s.press(KEY.pageUp);
    await s.showing('#100');
  });

  it('a large monitor (200x50) shows many more', async () => {
    const s = screen(kitchen(many(40)));
    resize(s, 200, 50);
    const frame = await s.showing('#119');
    expect(frame.split('\n').length).toBeLessThan(50);
  });

  it('reaches the last of 250 open tickets with End', async () => {
    const s = screen(kitchen(many(250)));
    await s.press(KEY.end);
    await s.showing('#349');
  });

  it('while not live, says so and since when, keeps the tickets, and shows a bump as pending', async () => {
    const since = Date.parse('2026-11-25T12:29:40Z');
    const never = vi.fn(() => new Promise<never>(() => undefined));
    const live = kitchen([oldest], {}, { connection: 'offline', stale: true, since, retry: { attempt: 2, at: NOW + 4000 }, problem: 'the server stopped answering' });
    const s = screen(live, { actions: { advance: never } as never });
    const frame = await s.showing('OFFLINE since');
    expect(frame).toContain('#11');
    await s.press(KEY.enter);
    await s.showing('bump pending');
  });

  it('with nothing open, says so', async () => {
    const s = screen(kitchen([ready]));
    await s.showing('No open tickets');
  });
});

describe('every state at 80x24 and at 200x50', () => {
  const allergic = anOrder({ number: 91, items: [anItem({ name: 'Satay', notes: 'ALLERGY: peanuts - severe' })] });
  const cancelled = anOrder({ number: 92, status: 'CANCELLED', cancelReason: 'customer left', nextStatus: null });
  const partly = anOrder({ number: 93, status: 'PREPARING', items: [anItem({ station: 'grill', state: 'DONE' }), anItem({ name: 'Fries', station: 'fry' })] });
  const states: { name: string; live: KitchenScreenProps['live']; props?: Partial<KitchenScreenProps>; keys?: string[]; shows: (string | RegExp)[] }[] = [
    { name: 'tickets', live: kitchen([oldest, newer, allergic]), shows: ['1 #11', '2 #91', '3 #12', '⚠ ALLERGY', 'PEANUTS', 'Ready: none'] },
    { name: 'a cancelled ticket', live: kitchen([oldest], { cancelled: [cancelled] }), shows: ['✕ CANCELLED', 'why: customer', 'Enter mark ready #11'] },
    { name: 'a station screen', live: kitchen([partly]), props: { stations: ['fry'] }, shows: ['1× Fries', '+1 other station', 'Enter done #93'] },
    { name: 'the expo', live: kitchen([partly]), props: { expo: true }, shows: ['Orderline expo', '✓grill', 'Enter #93 waits on fry'] },
    { name: 'offline', live: kitchen([oldest], {}, { connection: 'offline', stale: true, since: NOW - 20_000 }), shows: ['✕ OFFLINE since', '#11'] },
    { name: 'the keys', live: kitchen([oldest]), keys: ['?'], shows: ['Keys · Esc closes', 'bump one item of the selected ticket'] },
    { name: 'all day', live: kitchen([oldest, newer]), keys: ['a'], shows: ['All day', 'Margherita'] },
    { name: 'a ticket opened whole', live: kitchen([allergic]), keys: ['z'], shows: ['#91 · Guest 91', 'ALLERGY: peanuts - severe'] },
    { name: 'finding', live: kitchen([oldest, newer]), keys: ['/', 'c', 'o'], shows: ['/ co▌'] },
    { name: 'nothing open', live: kitchen([ready]), shows: ['No open tickets', 'Ready: 9'] },
  ];
  for (const [columns, rows] of [
    [80, 24],
    [200, 50],
  ] as const) {
    for (const state of states) {
      it(`${state.name} at ${columns}x${rows}`, async () => {
        const s = screen(state.live, state.props);
        resize(s, columns, rows);
        await s.showing(/Orderline/);
        await s.press(...(state.keys ?? []));
        for (const text of state.shows) await s.showing(text);
        const frame = s.lastFrame()!;
        expect(frame.split('\n').every((line) => line.length <= columns)).toBe(true);
        expect(frame.split('\n').length).toBeLessThan(rows);
      });
    }
  }
});

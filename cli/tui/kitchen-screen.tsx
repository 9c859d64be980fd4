// The kitchen display: open tickets as cards flowing down columns, rush and oldest first, each with
// its timer against the kitchen's thresholds. A bump bar is a keyboard: Enter bumps the selected
// ticket (on a station screen, that station's items), digits bump by place, and the rest of the
// keys are listed by `?`. Esc closes what is open and never quits; q quits.
import { Box, Text, useApp, type Key } from 'ink';
import { useMemo } from 'react';
import type { ResultOf } from '../../shared/graphql.ts';
import { useNow } from '../../shared/use-now.ts';
import type { KitchenSettings } from '../api/operations.ts';
import type { Actions, ItemTarget } from './actions.ts';
import { fitKeys, Message } from './footer.tsx';
import { typed } from './typing.ts';
import { Header } from './header.tsx';
import { AllDayPanel, HelpPanel, RecallPanel, WholeTicketPanel } from './kitchen-panels.tsx';
import { layoutPages, pageHolding } from './kitchen-layout.ts';
import type { LiveState } from './live-query.ts';
import { allergyPattern, cardBody, cardLines, ownItems } from './ticket-card.ts';
import { markOf, type Marks } from './ticket-marks.ts';
import { CARD_CHROME, extraLines, TicketView } from './ticket-view.tsx';
import { bumpLabel, earlierDay, kitchenTickets, workOrder, matchesSearch, newestDay, readyNumbers, stationProgress, ticketUrgency, type Order } from './tickets.ts';
import { useFeedback } from './use-feedback.ts';
import { useKeyState } from './use-key-state.ts';
import { useKeys } from './use-keys.ts';
import { useSelection } from './use-selection.ts';
import { useTerminalSize } from './use-terminal-size.ts';

export interface Kitchen {
  orders: Order[];
  /** Orders cancelled while the screen ran: shown struck through until a key acknowledges them. */
  cancelled: Order[];
  marks: Marks;
}

export type Settings = ResultOf<typeof KitchenSettings>['kitchenSettings'];

export interface KitchenScreenProps {
  live: LiveState<Kitchen>;
  settings: Settings;
  /** Only these stations' items are shown and bumped (all when empty). */
  stations: readonly string[];
  /** The expo's view: every station's progress; a bump hands out a ticket all stations finished. */
  expo: boolean;
  actions: Pick<Actions, 'advance' | 'bump' | 'recall' | 'setRush' | 'recentlyBumped'>;
}

/** The narrowest card: four fit side by side on an 80-column terminal. */
const CARD_WIDTH = 20;
/** Lines around the cards: two of header, the search or page line, ready, message, keys, and one
 * spare (a frame as tall as the terminal makes Ink redraw the whole screen each second). */
const CHROME_LINES = 7;

type Panel = { kind: 'help' } | { kind: 'all-day' } | { kind: 'ticket'; orderId: string } | { kind: 'recall'; orders: Order[] | null };

export function KitchenScreen({ live, settings, stations, expo, actions }: KitchenScreenProps) {
  const { exit } = useApp();
  const { columns, rows } = useTerminalSize();
  const now = useNow();
  const { feedback, act, show, busy } = useFeedback();
  const panel = useKeyState<Panel | null>(null);
  const search = useKeyState<{ query: string; typing: boolean }>({ query: '', typing: false });
  const itemMode = useKeyState(false);
  const acknowledged = useKeyState<ReadonlySet<string>>(new Set());
  /** The ticket this screen bumped last, for `r`. */
  const lastBump = useKeyState<Order | null>(null);

  const orders = live.data?.orders ?? [];
  const allergy = useMemo(() => allergyPattern(settings.allergyWords), [settings.allergyWords]);
  const shownStations = expo ? [] : stations;
  const openTickets = kitchenTickets(orders, shownStations);
  // A cancelled ticket keeps its place in working order: the others are not renumbered under the
  // cook's fingers.
  const tickets = [...(live.data?.cancelled ?? []).filter((order) => !acknowledged.value.has(order.id)), ...openTickets]
    .filter((order) => matchesSearch(order, search.value.query))
    .sort(workOrder);
  const selection = useSelection(tickets);
  const perRow = Math.max(1, Math.floor(columns / CARD_WIDTH));
  const cardWidth = Math.floor(columns / perRow);
  const room = Math.max(CARD_CHROME + 2, rows - CHROME_LINES);
  /** The one station this screen is for, if it is for one: bumps and recalls name it. */
  const ownStation = stations.length === 1 ? stations[0] : undefined;
  const newest = newestDay(orders);
  const cards = tickets.map((order) => {
    const day = earlierDay(order, newest);
    // What a card's heading needs besides its three lines (an earlier day, a pending bump) is kept
    // free of its body; cardBody keeps the allergy heading's line itself.
    const body = cardBody(order, { stations: shownStations, width: cardWidth - 2, allergy }, room - CARD_CHROME - (expo ? 1 : 0) - (day ? 1 : 0) - 1);
    const pending = busy.has(order.id) && live.stale;
    const height = CARD_CHROME + extraLines({ day, allergy: body.shown.some((line) => line.allergy), pending }) + body.shown.length + (body.hidden ? 1 : 0) + (expo ? 1 : 0);
    return { day, body, pending, height };
  });
  const heights = cards.map((card) => card.height);
  const pages = layoutPages(heights, perRow, room);
  const selected = selection.drawnIndex;
  const page = pageHolding(pages, selected);
  const placeOf = (index: number) => (index - page.start < 9 ? index - page.start + 1 : null);

  /** What a bump does to this ticket on this screen. */
  function bump(order: Order): void {
    if (order.status === 'CANCELLED') {
      acknowledged.set(new Set([...acknowledged.current(), order.id]));
      return;
    }
    if (expo) {
      const waiting = stationProgress(order).filter((station) => !station.done);
      if (waiting.length) return void show({ ok: false, message: `#${order.number} still waits on ${waiting.map((s) => s.station).join(', ')}` });
      act(order.id, () => actions.advance(order));
      return;
    }
    const target: ItemTarget = ownStation ? { station: ownStation } : stations.length ? { itemIds: ownItems(order, stations).map((item) => item.id) } : {};
    lastBump.set(order);
    act(order.id, () => (stations.length || settings.bumpMode === 'DONE' ? actions.bump(order, target) : actions.advance(order)));
  }

  function recall(order: Order): void {
    act(order.id, () => actions.recall(order, ownStation ? { station: ownStation } : {}));
  }

  function openRecallList(): void {
    panel.set({ kind: 'recall', orders: null });
    actions.recentlyBumped(ownStation).then(
      (found) => panel.current()?.kind === 'recall' && panel.set({ kind: 'recall', orders: found }),
      (error: unknown) => {
        panel.set(null);
        show({ ok: false, message: error instanceof Error ? error.message : String(error) });
      },
    );
  }

  useKeys((input, key) => {
    const open = panel.current();
    if (search.current().typing) return void search.set(searched(search.current(), input, key));
    if (key.escape) {
      // Esc closes the innermost thing open, and never quits.
      if (open) panel.set(null);
      else if (itemMode.current()) itemMode.set(false);
      else if (search.current().query) search.set({ query: '', typing: false });
      return;
    }
    if (input === 'q') return exit();
    if (open?.kind === 'recall') {
      const chosen = /^[1-9]$/.test(input) ? open.orders?.[Number(input) - 1] : undefined;
      if (chosen) {
        panel.set(null);
        recall(chosen);
      }
      return;
    }
    if (open) return; // other panels only close
    const target = selection.latest();
    if (itemMode.current()) {
      itemMode.set(false);
      const item = target && /^[1-9]$/.test(input) ? ownItems(target, shownStations)[Number(input) - 1] : undefined;
      if (target && item) act(target.id, () => actions.bump(target, { itemIds: [item.id] }));
      else show({ ok: false, message: 'no such item on the selected ticket' });
      return;
    }
    const drawn = pageHolding(pages, selection.latestIndex());
    if (key.upArrow || input === 'k') return selection.move(-1);
    if (key.downArrow || input === 'j') return selection.move(1);
    if (key.leftArrow || input === 'h') return selection.move(columnStep(drawn.columns, selection.latestIndex(), -1));
    if (key.rightArrow || input === 'l') return selection.move(columnStep(drawn.columns, selection.latestIndex(), 1));
    if (key.pageDown) return selection.move(drawn.end - selection.latestIndex());
    if (key.pageUp) return selection.move(pageHolding(pages, drawn.start - 1).start - selection.latestIndex());
    if (key.home) return selection.move(-selection.latestIndex());
    if (key.end) return selection.move(tickets.length);
    if (input === '?') return panel.set({ kind: 'help' });
    if (input === 'a') return panel.set({ kind: 'all-day' });
    if (input === '/') return search.set({ query: '', typing: true });
    if (input === 'R') return openRecallList();
    if (input === 'r') {
      const last = lastBump.current();
      return last ? recall(last) : show({ ok: false, message: 'nothing bumped on this screen yet; R lists what can be recalled' });
    }
    if (!target) return;
    if (input === 'z') return panel.set({ kind: 'ticket', orderId: target.id });
    if (input === 'i') return itemMode.set(true);
    if (input === 'p') return void act(target.id, () => actions.setRush(target, !target.rush));
    if (key.return || input === ' ') return bump(target);
    // A digit bumps the ticket shown at that place when the key was pressed.
    if (/^[1-9]$/.test(input)) {
      const at = selection.at(drawn.start + Number(input) - 1);
      if (at && drawn.start + Number(input) - 1 < drawn.end) bump(at);
      else show({ ok: false, message: `no ticket at place ${input} on this page` });
    }
  });

  const data = live.data;
  const selectedOrder = tickets[selected];
  const title = `Orderline ${expo ? 'expo' : 'kitchen'}${stations.length && !expo ? ` · ${stations.join(', ')}` : ''} · ${openTickets.length} open`;
  const open = panel.value;
  const opened = open?.kind === 'ticket' ? tickets.find((order) => order.id === open.orderId) : undefined;
  return (
    <Box flexDirection="column" width={columns}>
      <Header title={title} live={live} now={now} />
      {data === null ? (
        <Text dimColor>loading the tickets…</Text>
      ) : open?.kind === 'help' ? (
        <HelpPanel />
      ) : open?.kind === 'all-day' ? (
        <AllDayPanel orders={openTickets} stations={shownStations} rows={room - 3} />
      ) : open?.kind === 'recall' ? (
        <RecallPanel orders={open.orders ?? []} loading={open.orders === null} />
      ) : opened ? (
        <WholeTicketPanel order={opened} lines={cardLines(opened, { stations: shownStations, width: columns - 4, allergy })} />
      ) : tickets.length === 0 ? (
        <Text dimColor>{search.value.query ? `No open ticket matches “${search.value.query}”.` : 'No open tickets. New orders appear here the moment they are placed.'}</Text>
      ) : (
        <Box>
          {page.columns.map((column, c) => (
            <Box key={c} flexDirection="column" width={cardWidth}>
              {column.map((index) => {
                const order = tickets[index]!;
                return (
                  <TicketView
                    key={order.id}
                    order={order}
                    width={cardWidth}
                    lines={cards[index]!.body.shown}
                    hidden={cards[index]!.body.hidden}
                    place={placeOf(index)}
                    selected={index === selected}
                    urgency={ticketUrgency(order, now, settings.timers)}
                    mark={index === selected ? null : markOf(data.marks, order.id, now)}
                    day={cards[index]!.day}
                    now={now}
                    allergy={allergy}
                    progress={expo ? stationProgress(order) : undefined}
                    pending={cards[index]!.pending}
                    numbered={itemMode.value && index === selected}
                  />
                );
              })}
            </Box>
          ))}
        </Box>
      )}
      <Text dimColor wrap="truncate-end">
        {search.value.typing || search.value.query ? `/ ${search.value.query}${search.value.typing ? '▌ (Enter keeps, Esc clears)' : ' · Esc clears'}` : pageNote(page, tickets.length)}
      </Text>
      <Text wrap="truncate-end">
        <Text bold>Ready: </Text>
        {readyNumbers(orders).join('  ') || <Text dimColor>none</Text>}
      </Text>
      <Message feedback={feedback} />
      <Text dimColor wrap="truncate-end">
        {footer({ open, itemMode: itemMode.value, selected: selectedOrder, expo, stationScreen: stations.length > 0, bumpMode: settings.bumpMode, width: columns })}
      </Text>
    </Box>
  );
}

/** The step from `index` to the same place in the next (or previous) column of the page. */
function columnStep(columns: readonly number[][], index: number, direction: 1 | -1): number {
  const column = columns.findIndex((stack) => stack.includes(index));
  const to = columns[column + direction];
  if (column < 0 || !to?.length) return direction; // past the page's edge: the next ticket
  const row = columns[column]!.indexOf(index);
  return to[Math.min(row, to.length - 1)]! - index;
}

function pageNote(page: { start: number; end: number }, total: number): string {
  if (page.end - page.start >= total) return '';
  return `tickets ${page.start + 1}–${page.end} of ${total}${page.end < total ? ' · PgDn more' : ' · PgUp back'}`;
}

/** The keys that matter now, most important first; the line is cut from the end to fit. */
function footer({ open, itemMode, selected, expo, stationScreen, bumpMode, width }: { open: Panel | null; itemMode: boolean; selected: Order | undefined; expo: boolean; stationScreen: boolean; bumpMode: string; width: number }): string {
  if (open?.kind === 'recall') return '1-9 recall that ticket · Esc close';
  if (open) return 'Esc close · q quit';
  if (itemMode) return `1-9 bump the item numbered on #${selected?.number ?? ''} · Esc cancel`;
  const what = !selected
    ? 'bump'
    : selected.status === 'CANCELLED'
      ? `clear #${selected.number}`
      : expo
        ? stationProgress(selected).every((station) => station.done)
          ? `hand out #${selected.number}`
          : `#${selected.number} waits on ${stationProgress(selected).filter((station) => !station.done).map((station) => station.station).join(', ')}`
        : stationScreen || bumpMode === 'DONE'
          ? `done #${selected.number}`
          : `${bumpLabel(selected.nextStatus) ?? 'bump'} #${selected.number}`;
  return fitKeys([`Enter ${what}`, '1-9 bump', '↑↓←→ select', 'i item', 'r recall', 'p rush', 'z open', '/ find', 'a all-day', '? keys'], width);
}

/** The search line after one more key: Enter keeps it, Esc clears it, other keys edit it. */
function searched(search: { query: string; typing: boolean }, input: string, key: Partial<Key>): { query: string; typing: boolean } {
  if (key.escape) return { query: '', typing: false };
  if (key.return) return { query: search.query, typing: false };
  return { query: typed(search.query, input, key), typing: true };
}

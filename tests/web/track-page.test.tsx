// @vitest-environment happy-dom
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { TrackPage } from '../../web-tracker/src/pages/track-page.tsx';
import type { TrackedOrder } from '../../web-tracker/src/order/documents.ts';
import { fakeApi } from './fake-api.tsx';
import { orderAt } from './fixtures.ts';

const CODE = '7k3m9q2xab4cd5ef6gh8';
const RESTAURANT = { name: 'Trattoria Roma', address: '12 Via Appia, Bristol', phone: '+44 117 496 0000' };
const announcer = () => document.getElementById('announcer');
const TIME = String.raw`\d\d:\d\d(?: [AP]M)?`;
const badge = () => document.querySelector('[data-connection]')?.textContent;

/** The tracker for CODE, with the server knowing `order` (null: no such order). */
function trackerFor(order: TrackedOrder | null) {
  let current = order;
  const api = fakeApi((sent) => (sent.operationName === 'Restaurant' ? { restaurant: RESTAURANT } : { orderByTrackingCode: current }));
  api.render(<TrackPage code={CODE} />);
  return {
    ...api,
    /** The kitchen changes the order: later reads see it, and the subscription pushes it. */
    change(next: TrackedOrder) {
      current = next;
      act(() => api.push({ data: { orderUpdated: next } }));
    },
    /** The server changes it while the page cannot hear (no push). */
    changeQuietly(next: TrackedOrder) {
      current = next;
    },
  };
}

let requestPermission: ReturnType<typeof vi.fn>;

beforeEach(() => {
  document.body.innerHTML = '<div id="announcer" role="status" class="visually-hidden"></div>';
  // happy-dom has no Notification; a browser that has not been asked yet.
  requestPermission = vi.fn(async () => 'granted' as const);
  vi.stubGlobal('Notification', Object.assign(vi.fn(), { permission: 'default', requestPermission }));
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

describe('the tracker page', () => {
  it('has its one status region in index.html, before the app, so it is there from the first paint', () => {
    const html = readFileSync(join(import.meta.dirname, '../../web-tracker/index.html'), 'utf8');
    expect(html.match(/role="status"/g)).toHaveLength(1);
    expect(html.indexOf('role="status"')).toBeLessThan(html.indexOf('id="root"'));
    expect(html).not.toContain('role="alert"');
  });

  it('shows the order number, a friendly line, the steps with the current one marked, and the items', async () => {
    const api = trackerFor(orderAt('PREPARING'));
    await screen.findByText('Your order is being prepared');
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Order 7');
    const current = screen.getByRole('listitem', { current: 'step' });
    expect(current.textContent).toMatch(/^●Preparing\s*Now/);
    expect(within(current).getByText('●').getAttribute('aria-hidden')).toBe('true');
    expect(screen.getAllByText(/^Done/)).toHaveLength(2);
    expect(screen.getByText('2 × Margherita')).toBeTruthy();
    expect(screen.getByText('€26.00')).toBeTruthy();
    expect(api.live()).toEqual(['OrderUpdated']);
    expect(api.sent).toEqual([expect.objectContaining({ operationName: 'OrderByCode', variables: { code: CODE } }), expect.objectContaining({ operationName: 'Restaurant' })]);
  });

  it('is a receipt: the restaurant and how to call it, the tracking code with a link to copy, the items and total', async () => {
    const writeText = vi.fn(async () => {});
    vi.spyOn(navigator.clipboard, 'writeText').mockImplementation(writeText);
    trackerFor(orderAt('PREPARING'));
    const receipt = (await screen.findByRole('heading', { name: 'Receipt' })).closest('section')!;
    await within(receipt).findByText('Trattoria Roma');
    expect(within(receipt).getByText('12 Via Appia, Bristol')).toBeTruthy();
    expect(within(receipt).getByRole('link', { name: '+44 117 496 0000' }).getAttribute('href')).toBe('tel:+441174960000');
    expect(within(receipt).getByText(CODE)).toBeTruthy();
    expect(within(receipt).getByText('2 × Margherita')).toBeTruthy();
    expect(within(receipt).getByText('€26.00')).toBeTruthy();
    fireEvent.click(within(receipt).getByRole('button', { name: 'Copy link' }));
    await within(receipt).findByRole('button', { name: 'Link copied' });
    expect(writeText).toHaveBeenCalledWith(`${window.location.origin}/track/${CODE}`);
    expect(announcer()?.textContent).toBe('Link copied.');
  });

  it('lists this browser’s other open orders, found by its customer key, as links to their trackers', async () => {
    localStorage.setItem('orderline.customer-key', 'abcdefghjkmnpqrstvwxyz0123');
    try {
      const api = trackerFor(orderAt('PREPARING'));
      await screen.findByText('Your order is being prepared');
      expect(api.live()).toEqual(expect.arrayContaining(['OrderUpdated', 'CustomerOrdersUpdated']));
      act(() =>
        api.push({
          data: {
            customerOrders: [
              { trackingCode: 'zzzzzzzzzzzzzzzzzzz1', number: 9, status: 'READY', type: 'TAKEOUT' },
              { trackingCode: CODE, number: 7, status: 'PREPARING', type: 'TAKEOUT' },
              { trackingCode: 'zzzzzzzzzzzzzzzzzzz2', number: 5, status: 'COMPLETED', type: 'TAKEOUT' },
            ],
          },
        }),
      );
      const others = screen.getByRole('heading', { name: 'Your other orders' }).closest('section')!;
      expect(within(others).getAllByRole('listitem').map((item) => item.textContent)).toEqual(['Order 9: Ready for pickup!']);
      expect(within(others).getByRole('link', { name: 'Order 9' }).getAttribute('href')).toBe('/track/zzzzzzzzzzzzzzzzzzz1');
    } finally {
      localStorage.clear();
    }
  });

  it('follows a pushed change at once and announces it politely, without an alert or moving focus', async () => {
    const api = trackerFor(orderAt('CONFIRMED'));
    await screen.findByText('Your order is confirmed');
    const button = screen.getByRole('button', { name: 'Notify me when it changes' });
    button.focus();
    expect(announcer()?.textContent).toBe('');

    api.change(orderAt('READY'));
    expect(screen.getByText('Ready for pickup!')).toBeTruthy();
    expect(screen.getByRole('listitem', { current: 'step' }).textContent).toContain('Ready for pickup');
    expect(announcer()?.textContent).toBe('Order 7: Ready for pickup!');
    expect(screen.queryByRole('alert')).toBeNull();
    expect(document.activeElement).toBe(button);
  });

  it('keeps the newest reading when an older one arrives late', async () => {
    const api = trackerFor(orderAt('PENDING'));
    await screen.findByText('We’ve received your order');
    api.change(orderAt('PREPARING'));
    act(() => api.push({ data: { orderUpdated: orderAt('CONFIRMED') } }));
    expect(screen.getByText('Your order is being prepared')).toBeTruthy();
  });

  it('explains a cancellation in the page’s only alert', async () => {
    const api = trackerFor(orderAt('PREPARING'));
    await screen.findByText('Your order is being prepared');
    api.change(orderAt('CANCELLED', 'TAKEOUT', { cancelledAfter: 'PREPARING' }));
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toContain('The restaurant cancelled order 7');
    expect(alert.textContent).toContain('We ran out of dough');
    expect(screen.getAllByRole('alert')).toHaveLength(1);
    expect(screen.getByText('Your order was cancelled')).toBeTruthy();
    expect(screen.queryByRole('listitem', { current: 'step' })).toBeNull();
    expect(screen.queryByText(/Estimated ready/)).toBeNull();
  });

  it('says plainly when the code belongs to no order, and stops listening for it', async () => {
    const api = trackerFor(null);
    await screen.findByRole('heading', { name: 'We can’t find that order' });
    expect(screen.getByRole('textbox', { name: 'Try another tracking code' })).toBeTruthy();
    // urql ends the subscription in an effect after that frame is shown: on a busy machine, later.
    await waitFor(() => expect(api.live()).toEqual([]));
  });

  it('says since when it is not live while the connection is down, then refetches and says it is restored once exact', async () => {
    const api = trackerFor(orderAt('CONFIRMED'));
    await screen.findByText('Your order is confirmed');
    act(() => {
      api.connection.dispatch({ type: 'connecting' });
      api.connection.dispatch({ type: 'connected' });
      api.connection.dispatch({ type: 'synced' });
    });
    expect(badge()).toBe('● Live');

    act(() => api.connection.dispatch({ type: 'closed', liveViews: 1, at: Date.now() }));
    expect(badge()).toMatch(new RegExp(`^◌ Not live since ${TIME}: reconnecting… Showing the status from ${TIME}\\.$`));
    expect(screen.getByText('Your order is confirmed')).toBeTruthy();
    expect(announcer()?.textContent).toMatch(/^Connection lost/);

    api.changeQuietly(orderAt('PREPARING'));
    act(() => api.connection.dispatch({ type: 'connecting' }));
    act(() => api.connection.dispatch({ type: 'connected' }));
    expect(badge()).toMatch(new RegExp(`Not live since ${TIME}: catching up…`));
    expect(announcer()?.textContent).toMatch(/^Connection lost/);
    act(() => api.connection.dispatch({ type: 'synced' }));
    expect(badge()).toBe('● Live');
    expect(announcer()?.textContent).toBe('Connection restored. The page is up to date.');
    await screen.findByText('Your order is being prepared');
    // The status the recovery brought is said after it, not instead of it (by an effect of the
    // render that shows it, which a loaded machine may run after the text is found).
    await waitFor(() => expect(announcer()?.textContent).toBe('Connection restored. The page is up to date. Order 7: Your order is being prepared'));
    expect(api.sent.filter((request) => request.operationName === 'OrderByCode')).toHaveLength(2);
  });

  it('says at once that it is offline when the browser says so', async () => {
    const api = trackerFor(orderAt('CONFIRMED'));
    await screen.findByText('Your order is confirmed');
    act(() => api.connection.dispatch({ type: 'offline', at: Date.now() }));
    expect(badge()).toMatch(new RegExp(`^✕ Offline since ${TIME}\\. Showing the status from ${TIME}\\. It updates when you are back online\\.$`));
    expect(announcer()?.textContent).toMatch(/^You are offline/);
  });

  it('asks for notification permission only when the button is pressed', async () => {
    trackerFor(orderAt('CONFIRMED'));
    await screen.findByText('Your order is confirmed');
    expect(requestPermission).not.toHaveBeenCalled();

    fireEvent.click(screen.getByRole('button', { name: 'Notify me when it changes' }));
    await screen.findByText(/Notifications are on/);
    expect(requestPermission).toHaveBeenCalledTimes(1);
  });

  it('chimes when the order is ready only if the customer turned the sound on', async () => {
    const notes: number[] = [];
    vi.stubGlobal('AudioContext', fakeAudioContext(notes));
    const api = trackerFor(orderAt('CONFIRMED'));
    await screen.findByText('Your order is confirmed');
    api.change(orderAt('PREPARING'));
    expect(notes).toEqual([]);

    const sound = screen.getByRole('button', { name: 'Sound when ready' });
    expect(sound.getAttribute('aria-pressed')).toBe('false');
    fireEvent.click(sound);
    expect(sound.getAttribute('aria-pressed')).toBe('true');
    expect(notes).toHaveLength(2); // a sample, so the customer hears how loud it is
    api.change(orderAt('READY'));
    expect(notes).toHaveLength(4);
  });

  it('offers the ready chime only until the order is ready: not once a delivery has left', async () => {
    vi.stubGlobal('AudioContext', fakeAudioContext([]));
    const api = trackerFor(orderAt('PREPARING', 'DELIVERY'));
    await screen.findByText(/being prepared/);
    expect(screen.getByRole('button', { name: 'Sound when ready' })).toBeTruthy();
    api.change(orderAt('OUT_FOR_DELIVERY', 'DELIVERY'));
    await screen.findAllByText('Out for delivery');
    expect(screen.queryByRole('button', { name: 'Sound when ready' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Notify me when it changes' })).toBeTruthy();
  });

  it('announces a slip of a few minutes once, not every minute of it', async () => {
    const api = trackerFor(orderAt('PREPARING', 'TAKEOUT', { minutesLate: 0 }));
    await screen.findByText('Your order is being prepared');
    api.change(orderAt('PREPARING', 'TAKEOUT', { minutesLate: 2, version: 4 }));
    expect(announcer()?.textContent).toBe('');
    api.change(orderAt('PREPARING', 'TAKEOUT', { minutesLate: 4, version: 5 }));
    expect(announcer()?.textContent).toMatch(/^Order 7 is running about 4 minutes late\. New estimate \d\d:\d\d/);
    announcer()!.textContent = '';
    api.change(orderAt('PREPARING', 'TAKEOUT', { minutesLate: 5, version: 6 }));
    expect(announcer()?.textContent).toBe('');
  });

  it('counts down to the estimate and says when it is running late', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'Date'] });
    try {
      const now = Date.parse('2026-11-25T12:05:00Z');
      vi.setSystemTime(now);
      trackerFor(orderAt('PREPARING', 'TAKEOUT', { estimatedReadyAt: new Date(now + 62_000).toISOString(), minutesLate: 6 }));
      await waitFor(() => screen.getByText('1:02'));
      expect(screen.getByText('Running about 6 minutes late.')).toBeTruthy();
      // The promise stays in sight beside the new estimate, and no claim about why.
      expect(document.querySelector('.estimate__late')?.textContent).toMatch(/We promised it for \d\d:\d\d.*; the time above is our new estimate\./);
      expect(document.body.textContent).not.toContain('busier');
      // React may start the countdown's clock after these frames (its effect runs when the machine
      // gets to it); the countdown then starts from the time it is, so the waits below are exact.
      await act(() => vi.advanceTimersByTime(61_000));
      await waitFor(() => screen.getByText('0:01'));
      await act(() => vi.advanceTimersByTime(1_000));
      await waitFor(() => screen.getByText('Any minute now'));
    } finally {
      vi.useRealTimers();
    }
  });
});

/** Records the frequency of each note started; enough of Web Audio for the chime. */
function fakeAudioContext(notes: number[]) {
  const param = () => ({ value: 0, setValueAtTime() {}, linearRampToValueAtTime() {}, exponentialRampToValueAtTime() {} });
  return class {
    currentTime = 0;
    destination = {};
    resume = async () => {};
    createGain() {
      return { gain: param(), connect: (next: unknown) => next };
    }
    createOscillator() {
      const frequency = param();
      return { type: 'sine', frequency, connect: (next: unknown) => next, start: () => notes.push(frequency.value), stop() {} };
    }
  };
}

// @vitest-environment happy-dom
// A customer whose network has sent too many orders this minute is told so plainly, with how long
// to wait, and the next attempt is the same order (same idempotency key), not a second one.
import { act, cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { OrderPage } from '../../web-tracker/src/pages/order-page.tsx';
import { fakeApi, type Sent } from './fake-api.tsx';

const MENU = [{ id: 'cola', name: 'Cola', category: 'Drinks', priceCents: 300, modifiers: [], available: true }];

/** The server's answer to the 31st order in a minute from one address. */
const rateLimited = () =>
  new Response(
    JSON.stringify({
      errors: [{ message: 'too many orders from this network; try again in 42 s', extensions: { code: 'RATE_LIMITED', retryAfterSeconds: 42 } }],
    }),
    { status: 429, headers: { 'content-type': 'application/json', 'retry-after': '42' } },
  );

beforeEach(() => window.history.replaceState(null, '', '/order'));
afterEach(cleanup);

it('says that too many orders came from this network and when to try again', async () => {
  const outcomes: unknown[] = [rateLimited(), { placeOrder: { __typename: 'OrderChange', order: { trackingCode: 'abcdefghjkmnpqrstvwx' } } }];
  const api = fakeApi((sent: Sent) => (sent.operationName === 'Menu' ? { menu: MENU } : outcomes.shift()));
  api.render(<OrderPage />);
  fireEvent.click(await screen.findByRole('button', { name: 'One more Cola' }));
  fireEvent.change(screen.getByRole('textbox', { name: 'Your name' }), { target: { value: 'Sam' } });
  await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Place order' })));

  expect(await screen.findByText(/too many orders have come from your network in the last minute\. Please wait 42 seconds/)).toBeTruthy();
  expect(document.getElementById('announcer')?.textContent).toBe('Your order was not sent. Please try again in 42 seconds.');
  expect(window.location.pathname).toBe('/order');

  await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Place order' })));
  expect(window.location.pathname).toBe('/track/abcdefghjkmnpqrstvwx');
  const [first, second] = api.sent.filter((request) => request.operationName === 'PlaceOrder');
  expect(second!.variables.idempotencyKey).toBe(first!.variables.idempotencyKey);
});

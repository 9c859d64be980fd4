// @vitest-environment happy-dom
import { act, cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OrderPage } from '../../web-tracker/src/pages/order-page.tsx';
import { fakeApi, type Sent } from './fake-api.tsx';

const MENU = [
  { id: 'margherita', name: 'Margherita', category: 'Pizza', priceCents: 1150, modifiers: ['extra cheese', 'no basil'], available: true },
  { id: 'pepperoni', name: 'Pepperoni', category: 'Pizza', priceCents: 1350, modifiers: [], available: false },
  { id: 'cola', name: 'Cola', category: 'Drinks', priceCents: 300, modifiers: ['no ice'], available: true },
];

/** The order page against a server that answers placeOrder with `outcomes`, one per attempt. */
function orderPage(...outcomes: unknown[]) {
  const api = fakeApi((sent: Sent) => (sent.operationName === 'Menu' ? { menu: MENU } : { placeOrder: outcomes.shift() }));
  api.render(<OrderPage />);
  return api;
}

const placeOrders = (sent: Sent[]) => sent.filter((request) => request.operationName === 'PlaceOrder');
const describedBy = (element: HTMLElement) => document.getElementById(element.getAttribute('aria-describedby') ?? '')?.textContent;

beforeEach(() => {
  window.history.replaceState(null, '', '/order');
});

afterEach(cleanup);

describe('the order page', () => {
  it('lists the menu by category with prices, and says what is sold out', async () => {
    orderPage();
    const pizza = (await screen.findByRole('heading', { name: 'Pizza' })).closest('section')!;
    expect(within(pizza).getByText('Margherita')).toBeTruthy();
    expect(within(pizza).getByText('€11.50')).toBeTruthy();
    expect(within(pizza).getByText('Sold out today')).toBeTruthy();
    expect(within(pizza).queryByRole('button', { name: 'One more Pepperoni' })).toBeNull();
    expect(screen.getByRole('heading', { name: 'Drinks' })).toBeTruthy();
  });

  it('shows each validation problem beside its field, items included, and retries with the same key', async () => {
    const api = orderPage(
      {
        __typename: 'ValidationError',
        message: 'check the order',
        problems: [
          { path: 'customerName', message: 'enter a name' },
          { path: 'items.1.modifiers', message: '"no ice" is not offered for Cola; it takes no modifiers' },
        ],
      },
      { __typename: 'OrderChange', order: { trackingCode: 'abcdefghjkmnpqrstvwx' } },
    );
    fireEvent.click(await screen.findByRole('button', { name: 'One more Margherita' }));
    fireEvent.click(screen.getByRole('button', { name: 'One more Cola' }));
    fireEvent.click(screen.getByRole('button', { name: 'One more Cola' }));
    fireEvent.click(screen.getByRole('checkbox', { name: 'no ice' }));
    expect(screen.getByText('€17.50')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Place order' }));

    const name = screen.getByRole('textbox', { name: 'Your name' });
    await screen.findAllByText('Enter a name.', { exact: false });
    expect(name.getAttribute('aria-invalid')).toBe('true');
    expect(describedBy(name)).toContain('Enter a name.');
    // items.1 is the second line sent: Cola, not the second dish on the menu.
    const colaOptions = screen.getByRole('group', { name: 'Options for Cola' });
    expect(describedBy(colaOptions)).toContain('"no ice" is not offered for Cola');
    expect(within(screen.getByRole('group', { name: 'Options for Margherita' })).queryByText(/not offered/)).toBeNull();
    expect(document.getElementById('announcer')?.textContent).toBe('Your order was not placed: please check 2 fields.');

    fireEvent.change(name, { target: { value: 'Sam' } });
    expect(name.getAttribute('aria-invalid')).toBeNull();
    fireEvent.click(screen.getByRole('checkbox', { name: 'no ice' }));
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Place order' })));

    expect(window.location.pathname).toBe('/track/abcdefghjkmnpqrstvwx');
    const [first, second] = placeOrders(api.sent);
    expect(first!.variables.input).toEqual({
      customerName: '',
      type: 'TAKEOUT',
      table: null,
      address: null,
      notes: null,
      items: [
        { menuItemId: 'margherita', quantity: 1, modifiers: [], notes: null },
        { menuItemId: 'cola', quantity: 2, modifiers: ['no ice'], notes: null },
      ],
    });
    expect(second!.variables.input).toMatchObject({ customerName: 'Sam', items: [{ menuItemId: 'margherita' }, { menuItemId: 'cola', modifiers: [] }] });
    expect(first!.variables.idempotencyKey).toEqual(expect.any(String));
    expect(second!.variables.idempotencyKey).toBe(first!.variables.idempotencyKey);
    // The browser's customer key: made once, kept, and sent with each order.
    expect(first!.variables.customerKey).toMatch(/^[0-9a-hjkmnp-tv-z]{26}$/);
    expect(second!.variables.customerKey).toBe(first!.variables.customerKey);
    expect(localStorage.getItem('orderline.customer-key')).toBe(first!.variables.customerKey);
  });

  it('asks for an address only for delivery, and a table only to eat in', async () => {
    const api = orderPage({ __typename: 'ValidationError', message: 'check the order', problems: [{ path: 'address', message: 'a delivery needs an address' }] });
    await screen.findByRole('heading', { name: 'Pizza' });
    expect(screen.queryByRole('textbox', { name: /address/ })).toBeNull();
    fireEvent.click(screen.getByRole('radio', { name: /Eat in/ }));
    expect(screen.getByRole('textbox', { name: 'Table number' })).toBeTruthy();
    fireEvent.click(screen.getByRole('radio', { name: /Delivery/ }));
    expect(screen.queryByRole('textbox', { name: 'Table number' })).toBeNull();
    const address = screen.getByRole('textbox', { name: 'Delivery address' });
    fireEvent.change(address, { target: { value: '  ' } });
    fireEvent.click(screen.getByRole('button', { name: 'Place order' }));
    await screen.findAllByText('A delivery needs an address.', { exact: false });
    expect(describedBy(address)).toContain('A delivery needs an address.');
    expect(placeOrders(api.sent)[0]!.variables.input).toMatchObject({ type: 'DELIVERY', address: '  ', table: null });
  });

  it('keeps a cleared quantity empty while typing, and says so when more than the most is typed', async () => {
    orderPage();
    fireEvent.click(await screen.findByRole('button', { name: 'One more Cola' }));
    const field = screen.getByRole<HTMLInputElement>('textbox', { name: 'How many Cola' });
    expect(field.value).toBe('1');

    fireEvent.change(field, { target: { value: '' } });
    expect(field.value).toBe('');
    fireEvent.change(field, { target: { value: '1' } });
    fireEvent.change(field, { target: { value: '12' } });
    expect(field.value).toBe('12');
    expect(screen.getByText('€36.00')).toBeTruthy();

    fireEvent.change(field, { target: { value: '150' } });
    expect(field.value).toBe('99');
    expect(describedBy(field)).toBe('99 is the most we take of one dish online. For more, please call us.');
    expect(document.getElementById('announcer')?.textContent).toBe('99 is the most we take of one dish online: Cola set to 99.');
    expect(screen.getByText('€297.00')).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'One less Cola' }));
    expect(field.value).toBe('98');
    expect(field.getAttribute('aria-describedby')).toBeNull();
    fireEvent.change(field, { target: { value: '' } });
    fireEvent.blur(field);
    expect(field.value).toBe('0');
    expect(screen.queryByRole('group', { name: 'Options for Cola' })).toBeNull();
  });
});

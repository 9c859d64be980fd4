// /order: the menu by category, the basket, the customer's details, then placeOrder and straight
// on to the new order's tracker. The server validates; its problems appear beside their fields.
import { useRef, useState, type FormEvent } from 'react';
import { useMutation, useQuery } from 'urql';
import { announce } from '../browser/announcer.ts';
import { byCategory, lineOf, orderItems, setLineNotes, setQuantity, toggleModifier, totalCents, type Cart } from '../checkout/cart.ts';
import { MenuQuery, PlaceOrderMutation, type MenuItem, type PlaceOrderInput } from '../checkout/documents.ts';
import { customerKey } from '../checkout/customer-key.ts';
import { newIdempotencyKey } from '../checkout/idempotency-key.ts';
import { fieldErrors, fieldId, type FieldErrors, type FieldKey } from '../checkout/validation.ts';
import { FieldError, fieldProps, groupProps } from '../components/field-error.tsx';
import { MenuDish } from '../components/menu-dish.tsx';
import { formatPrice } from '../format.ts';
import { navigate } from '../routing/navigation.tsx';
import { trackingPath } from '../routing/routes.ts';
import { useTitle } from './use-title.ts';

type OrderType = PlaceOrderInput['type'];

const ORDER_TYPES: { type: OrderType; label: string; hint: string }[] = [
  { type: 'TAKEOUT', label: 'Pickup', hint: 'Collect it at the counter' },
  { type: 'DELIVERY', label: 'Delivery', hint: 'We bring it to your door' },
  { type: 'DINE_IN', label: 'Eat in', hint: 'We bring it to your table' },
];

const FIELD_NAMES: Partial<Record<FieldKey, string>> = {
  customerName: 'Your name',
  type: 'How you’d like it',
  table: 'Table',
  address: 'Address',
  notes: 'Note for the restaurant',
  items: 'Your order',
  form: 'Your order',
};

interface Details {
  customerName: string;
  type: OrderType;
  table: string;
  address: string;
  notes: string;
}

export function OrderPage() {
  useTitle('Order online');
  const [menu, refetch] = useQuery({ query: MenuQuery });
  if (menu.data) return <Checkout menu={menu.data.menu} />;
  if (menu.error) {
    return (
      <section className="page-message">
        <h1>We can’t load the menu right now</h1>
        <p>Check your connection, then try again.</p>
        <button type="button" className="button" onClick={() => refetch({ requestPolicy: 'network-only' })}>
          Try again
        </button>
      </section>
    );
  }
  return <p className="page-message">Loading the menu…</p>;
}

function Checkout({ menu }: { menu: MenuItem[] }) {
  const [cart, setCart] = useState<Cart>({});
  const [details, setDetails] = useState<Details>({ customerName: '', type: 'TAKEOUT', table: '', address: '', notes: '' });
  const [errors, setErrors] = useState<FieldErrors>(new Map());
  const [failure, setFailure] = useState<string | null>(null);
  // One key for this checkout, kept across retries so a retried request cannot order twice.
  const idempotencyKey = useRef(newIdempotencyKey());
  const [placing, placeOrder] = useMutation(PlaceOrderMutation);
  const total = totalCents(cart, menu);

  function clear(key: FieldKey) {
    if (!errors.has(key)) return;
    const rest = new Map(errors);
    rest.delete(key);
    setErrors(rest);
  }

  function edit<K extends keyof Details>(field: K, value: Details[K]) {
    setDetails({ ...details, [field]: value });
    clear(field);
  }

  function changeQuantity(dish: MenuItem, quantity: number) {
    const next = setQuantity(cart, dish.id, quantity);
    setCart(next);
    clear(`item:${dish.id}:quantity`);
    clear('items');
    announce(`${lineOf(next, dish.id).quantity} × ${dish.name} in your order. Total ${formatPrice(totalCents(next, menu))}.`);
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (placing.fetching) return;
    const items = orderItems(cart, menu);
    const input: PlaceOrderInput = {
      customerName: details.customerName,
      type: details.type,
      table: details.type === 'DINE_IN' ? details.table : null,
      address: details.type === 'DELIVERY' ? details.address : null,
      notes: details.notes.trim() || null,
      items,
    };
    const result = await placeOrder({ input, idempotencyKey: idempotencyKey.current, customerKey: customerKey() });
    const outcome = result.data?.placeOrder;
    const limited = result.error?.graphQLErrors.find((error) => error.extensions.code === 'RATE_LIMITED');
    if (limited) {
      // Many orders from one network (a shared connection, or someone abusing it): say when to retry.
      const seconds = Number(limited.extensions.retryAfterSeconds) || 60;
      setFailure(`Your order was not sent: too many orders have come from your network in the last minute. Please wait ${seconds} seconds, then press “Place order” again; you won’t get a double order.`);
      return announce(`Your order was not sent. Please try again in ${seconds} seconds.`);
    }
    if (!outcome) {
      setFailure('We couldn’t reach the restaurant, so we can’t confirm your order yet. Check your connection and press “Place order” again; you won’t be charged twice or get a double order.');
      return announce('Your order could not be sent. Please try again.');
    }
    switch (outcome.__typename) {
      case 'OrderChange':
        return navigate(trackingPath(outcome.order.trackingCode));
      case 'ValidationError': {
        const found = fieldErrors(outcome.problems, items.map((item) => item.menuItemId));
        setErrors(found);
        setFailure(null);
        return announce(`Your order was not placed: please check ${found.size === 1 ? 'one field' : `${found.size} fields`}.`);
      }
      case 'IdempotencyKeyReusedError':
        // The basket changed after an attempt the server did receive. Sending again is a new order.
        idempotencyKey.current = newIdempotencyKey();
        setFailure('Your order changed after we had received an earlier version of it. Press “Place order” again to send this one.');
        return announce('Your order was not placed. Please press Place order again.');
    }
  }

  return (
    <form className="checkout" onSubmit={(event) => void submit(event)} noValidate>
      <h1>Order online</h1>
      <div id={fieldId('items')}>
      <FieldError field="items" errors={errors} />
      {byCategory(menu).map(({ category, dishes }) => (
        <section key={category} className="menu-section" aria-labelledby={`category-${category}`}>
          <h2 id={`category-${category}`}>{category}</h2>
          <ul className="dishes">
            {dishes.map((dish) => (
              <MenuDish
                key={dish.id}
                dish={dish}
                cart={cart}
                errors={errors}
                onQuantity={(quantity) => changeQuantity(dish, quantity)}
                onModifier={(modifier) => {
                  setCart(toggleModifier(cart, dish.id, modifier));
                  clear(`item:${dish.id}:modifiers`);
                }}
                onNotes={(notes) => {
                  setCart(setLineNotes(cart, dish.id, notes));
                  clear(`item:${dish.id}:notes`);
                }}
              />
            ))}
          </ul>
        </section>
      ))}
      </div>

      <section className="details" aria-labelledby="details-title">
        <h2 id="details-title">Your details</h2>
        <label className="field">
          Your name
          <input {...fieldProps('customerName', errors)} autoComplete="name" aria-required="true" maxLength={80} value={details.customerName} onChange={(event) => edit('customerName', event.target.value)} />
          <FieldError field="customerName" errors={errors} />
        </label>
        <fieldset className="field choice" {...groupProps('type', errors)}>
          <legend>How would you like it?</legend>
          {ORDER_TYPES.map((option) => (
            <label key={option.type} className="choice__option">
              <input type="radio" name="type" value={option.type} checked={details.type === option.type} onChange={() => edit('type', option.type)} />
              <span>
                {option.label} <span className="choice__hint">{option.hint}</span>
              </span>
            </label>
          ))}
          <FieldError field="type" errors={errors} />
        </fieldset>
        {details.type === 'DELIVERY' && (
          <label className="field">
            Delivery address
            <textarea {...fieldProps('address', errors)} autoComplete="street-address" aria-required="true" rows={3} maxLength={300} value={details.address} onChange={(event) => edit('address', event.target.value)} />
            <FieldError field="address" errors={errors} />
          </label>
        )}
        {details.type === 'DINE_IN' && (
          <label className="field">
            Table number
            <input {...fieldProps('table', errors)} aria-required="true" maxLength={20} value={details.table} onChange={(event) => edit('table', event.target.value)} />
            <FieldError field="table" errors={errors} />
          </label>
        )}
        <label className="field">
          Note for the restaurant <span className="optional">(optional)</span>
          <textarea {...fieldProps('notes', errors)} rows={2} maxLength={500} value={details.notes} onChange={(event) => edit('notes', event.target.value)} />
          <FieldError field="notes" errors={errors} />
        </label>
      </section>

      <footer className="checkout__footer" id={fieldId('form')}>
        {errors.size > 0 && <ErrorSummary errors={errors} menu={menu} />}
        {failure && <p className="field-error">{failure}</p>}
        <p className="checkout__total">
          <span>Total</span> <span>{formatPrice(total)}</span>
        </p>
        <button type="submit" className="button button--wide" aria-disabled={placing.fetching}>
          {placing.fetching ? 'Placing your order…' : 'Place order'}
        </button>
      </footer>
    </form>
  );
}

/** Links to every field with a problem, beside the button the customer just pressed. */
function ErrorSummary({ errors, menu }: { errors: FieldErrors; menu: MenuItem[] }) {
  const nameOf = (key: FieldKey) => {
    const dish = /^item:([^:]+)/.exec(key);
    return dish ? (menu.find((item) => item.id === dish[1])?.name ?? 'An item') : (FIELD_NAMES[key] ?? 'Your order');
  };
  return (
    <div className="error-summary">
      <p>Your order was not placed yet. Please check:</p>
      <ul>
        {[...errors].map(([key, messages]) => (
          <li key={key}>
            <a href={`#${fieldId(key)}`}>{nameOf(key)}</a>: {messages.join(' ')}
          </li>
        ))}
      </ul>
    </div>
  );
}

// One dish on the order page: price, how many, and (once chosen) its modifiers and a note.
import { lineOf, MAX_QUANTITY, type Cart } from '../checkout/cart.ts';
import type { MenuItem } from '../checkout/documents.ts';
import { fieldId, type FieldErrors } from '../checkout/validation.ts';
import { formatPrice } from '../format.ts';
import { FieldError, fieldProps, groupProps } from './field-error.tsx';

export interface MenuDishProps {
  dish: MenuItem;
  cart: Cart;
  errors: FieldErrors;
  onQuantity: (quantity: number) => void;
  onModifier: (modifier: string) => void;
  onNotes: (notes: string) => void;
}

export function MenuDish({ dish, cart, errors, onQuantity, onModifier, onNotes }: MenuDishProps) {
  const line = lineOf(cart, dish.id);
  const key = `item:${dish.id}` as const;
  const quantityField = fieldProps(`${key}:quantity`, errors);
  return (
    <li className={`dish${line.quantity ? ' dish--chosen' : ''}`} id={fieldId(key)}>
      <div className="dish__head">
        <span className="dish__name">{dish.name}</span>
        <span className="dish__price">{formatPrice(dish.priceCents)}</span>
      </div>
      {dish.available ? (
        <div className="stepper">
          {/* aria-disabled, not disabled: a disabled button drops keyboard focus to the page. */}
          <button type="button" className="stepper__button" aria-label={`One less ${dish.name}`} aria-disabled={line.quantity === 0} onClick={() => line.quantity > 0 && onQuantity(line.quantity - 1)}>
            −
          </button>
          <input
            {...quantityField}
            className="stepper__value"
            type="number"
            inputMode="numeric"
            min={0}
            max={MAX_QUANTITY}
            aria-label={`How many ${dish.name}`}
            value={line.quantity}
            onChange={(event) => onQuantity(event.target.valueAsNumber)}
          />
          <button type="button" className="stepper__button" aria-label={`One more ${dish.name}`} aria-disabled={line.quantity >= MAX_QUANTITY} onClick={() => line.quantity < MAX_QUANTITY && onQuantity(line.quantity + 1)}>
            +
          </button>
        </div>
      ) : (
        <p className="dish__sold-out">
          <span aria-hidden="true">✕ </span>Sold out today
        </p>
      )}
      <FieldError field={key} errors={errors} />
      <FieldError field={`${key}:quantity`} errors={errors} />
      {line.quantity > 0 && dish.modifiers.length > 0 && (
        <fieldset className="dish__modifiers" {...groupProps(`${key}:modifiers`, errors)}>
          <legend>Options for {dish.name}</legend>
          {dish.modifiers.map((modifier) => (
            <label key={modifier} className="check">
              <input type="checkbox" checked={line.modifiers.includes(modifier)} onChange={() => onModifier(modifier)} />
              {modifier}
            </label>
          ))}
          <FieldError field={`${key}:modifiers`} errors={errors} />
        </fieldset>
      )}
      {line.quantity > 0 && (
        <label className="dish__notes">
          Note for the kitchen <span className="optional">(optional)</span>
          <input {...fieldProps(`${key}:notes`, errors)} value={line.notes} maxLength={200} onChange={(event) => onNotes(event.target.value)} />
          <FieldError field={`${key}:notes`} errors={errors} />
        </label>
      )}
    </li>
  );
}

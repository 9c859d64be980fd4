// One dish on the order page: price, how many, and (once chosen) its modifiers and a note.
import { lineOf, type Cart } from '../checkout/cart.ts';
import type { MenuItem } from '../checkout/documents.ts';
import { fieldId, type FieldErrors } from '../checkout/validation.ts';
import { formatPrice } from '../format.ts';
import { FieldError, fieldProps, groupProps } from './field-error.tsx';
import { QuantityStepper } from './quantity-stepper.tsx';

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
        <QuantityStepper name={dish.name} quantity={line.quantity} onQuantity={onQuantity} field={quantityField} />
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

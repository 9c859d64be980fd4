// How many of one dish: − and + buttons around a field the customer may also type in. The field
// keeps what is being typed (an emptied field stays empty, so typing "12" gives 12, not "012"),
// and more than the most one order takes is said beside the field, not silently changed.
import { useState } from 'react';
import { MAX_QUANTITY } from '../checkout/cart.ts';
import { announce } from '../browser/announcer.ts';

export interface QuantityStepperProps {
  name: string;
  quantity: number;
  onQuantity: (quantity: number) => void;
  /** The field's id and its server-error wiring (fieldProps). */
  field: { id: string; 'aria-invalid'?: boolean; 'aria-describedby'?: string };
}

export function QuantityStepper({ name, quantity, onQuantity, field }: QuantityStepperProps) {
  const [draft, setDraft] = useState<string | null>(null);
  const [capped, setCapped] = useState(false);
  const limitId = `${field.id}-limit`;

  function set(next: number) {
    setDraft(null);
    setCapped(false);
    onQuantity(next);
  }

  function type(text: string) {
    const digits = text.replace(/\D/g, '');
    if (!digits) return setDraft('');
    const typed = Number(digits);
    if (typed > MAX_QUANTITY) {
      setDraft(null);
      setCapped(true);
      onQuantity(MAX_QUANTITY);
      // After the basket's own announcement, which this one replaces.
      return announce(`${MAX_QUANTITY} is the most we take of one dish online: ${name} set to ${MAX_QUANTITY}.`);
    }
    setDraft(digits);
    setCapped(false);
    onQuantity(typed);
  }

  const describedBy = [field['aria-describedby'], capped ? limitId : undefined].filter(Boolean).join(' ') || undefined;
  return (
    <>
      <div className="stepper">
        {/* aria-disabled, not disabled: a disabled button drops keyboard focus to the page. */}
        <button type="button" className="stepper__button" aria-label={`One less ${name}`} aria-disabled={quantity === 0} onClick={() => quantity > 0 && set(quantity - 1)}>
          −
        </button>
        <input
          {...field}
          aria-describedby={describedBy}
          className="stepper__value"
          // Text with a numeric keyboard, not type=number: a number field cannot be kept empty
          // while typing, and it changes a value on scroll.
          type="text"
          inputMode="numeric"
          pattern="[0-9]*"
          autoComplete="off"
          aria-label={`How many ${name}`}
          value={draft ?? String(quantity)}
          onChange={(event) => type(event.target.value)}
          onBlur={() => draft === '' && set(0)}
        />
        <button type="button" className="stepper__button" aria-label={`One more ${name}`} aria-disabled={quantity >= MAX_QUANTITY} onClick={() => quantity < MAX_QUANTITY && set(quantity + 1)}>
          +
        </button>
      </div>
      {capped && (
        <p id={limitId} className="field-hint">
          {MAX_QUANTITY} is the most we take of one dish online. For more, please call us.
        </p>
      )}
    </>
  );
}

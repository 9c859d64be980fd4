import { fieldId, type FieldErrors, type FieldKey } from '../checkout/validation.ts';

/** The id of a field's error text, for the field's aria-describedby. */
export function errorId(key: FieldKey): string {
  return `${fieldId(key)}-error`;
}

/** Props that tie a field to its errors: its id, and aria-invalid/-describedby when it has some. */
export function fieldProps(key: FieldKey, errors: FieldErrors) {
  const invalid = errors.has(key);
  return { id: fieldId(key), 'aria-invalid': invalid || undefined, 'aria-describedby': invalid ? errorId(key) : undefined };
}

/** The same for a group of fields (a fieldset): groups take a description but not aria-invalid. */
export function groupProps(key: FieldKey, errors: FieldErrors) {
  return { id: fieldId(key), 'aria-describedby': errors.has(key) ? errorId(key) : undefined };
}

/** The server's problems with one field, right beside it. */
export function FieldError({ field, errors }: { field: FieldKey; errors: FieldErrors }) {
  const messages = errors.get(field);
  if (!messages?.length) return null;
  return (
    <p id={errorId(field)} className="field-error">
      <span aria-hidden="true">⚠ </span>
      {messages.join(' ')}
    </p>
  );
}

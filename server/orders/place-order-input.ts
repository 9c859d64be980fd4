// What a new order must look like, before the menu is consulted. Problems are reported per field
// so a form can show each one next to the field it concerns.
import { z } from 'zod';
import { CUSTOMER_KEY_RULE, isCustomerKey } from '../../shared/customer-key.ts';
import { ORDER_TYPES } from '../../shared/lifecycle.ts';
import { ValidationError } from '../errors.ts';
import { safeText } from './text-rules.ts';

/** Text the customer may leave out: one line (a name, a table) or several (notes, an address). */
const optionalText = (max: number, multiline = false) =>
  safeText({ max, multiline })
    .nullish()
    .transform((value) => value || null);

const itemInput = z.object({
  menuItemId: z.string().trim().min(1, 'choose a menu item'),
  quantity: z.number().int('a whole number').min(1, 'at least 1').max(99, 'at most 99'),
  modifiers: z
    .array(safeText({ max: 60, multiline: false }).pipe(z.string().min(1, 'a modifier cannot be empty')))
    .max(10, 'at most 10 modifiers')
    .nullish()
    .transform((m) => m ?? []),
  notes: optionalText(200, true),
});

export const placeOrderInput = z
  .object({
    customerName: safeText({ max: 80, multiline: false }).pipe(z.string().min(1, 'enter a name')),
    type: z.enum(ORDER_TYPES),
    table: optionalText(20),
    address: optionalText(300, true),
    notes: optionalText(500, true),
    rush: z.boolean().nullish().transform((rush) => rush ?? false),
    items: z.array(itemInput).min(1, 'add at least one item').max(50, 'at most 50 lines'),
    /** The customer's own key (customerOrders); not part of the order itself, only its hash is kept. */
    customerKey: z
      .string()
      .refine(isCustomerKey, CUSTOMER_KEY_RULE)
      .nullish()
      .transform((key) => key ?? null),
  })
  .superRefine((order, ctx) => {
    if (order.type === 'DELIVERY' && !order.address) {
      ctx.addIssue({ code: 'custom', path: ['address'], message: 'a delivery needs an address' });
    }
    if (order.type === 'DINE_IN' && !order.table) {
      ctx.addIssue({ code: 'custom', path: ['table'], message: 'a dine-in order needs a table' });
    }
  });

export type PlaceOrderInput = z.input<typeof placeOrderInput>;
export type ValidPlaceOrder = z.output<typeof placeOrderInput>;

export function parsePlaceOrder(input: PlaceOrderInput): ValidPlaceOrder {
  const result = placeOrderInput.safeParse(input);
  if (result.success) return result.data;
  throw new ValidationError(result.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })));
}

// Object refs shared across schema files, so types can point at each other without import cycles.
import type { EventMessage } from '../../events/message.ts';
import type { OrderWithItems } from '../../db/models.ts';
import type { OrderChange } from '../../orders/service.ts';
import { builder } from '../builder.ts';

export const OrderRef = builder.objectRef<OrderWithItems>('Order');
export const OrderEventRef = builder.objectRef<EventMessage>('OrderEvent');
export const OrderChangeRef = builder.objectRef<OrderChange>('OrderChange');

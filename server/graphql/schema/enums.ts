import { ROLES } from '../../auth/actor.ts';
import { ORDER_STATUSES, ORDER_TYPES } from '../../../shared/lifecycle.ts';
import { EVENT_KINDS } from '../../events/message.ts';
import { builder } from '../builder.ts';

export const OrderStatusEnum = builder.enumType('OrderStatus', {
  description: 'PENDING → CONFIRMED → PREPARING → READY → COMPLETED; deliveries go READY → OUT_FOR_DELIVERY → COMPLETED; CANCELLED from any unfinished status.',
  values: ORDER_STATUSES,
});

export const OrderTypeEnum = builder.enumType('OrderType', { values: ORDER_TYPES });

export const RoleEnum = builder.enumType('Role', {
  description: 'KITCHEN moves orders along; MANAGER also cancels orders and manages tokens.',
  values: ROLES,
});

export const EventKindEnum = builder.enumType('EventKind', { values: EVENT_KINDS });

// A customer's own channel: the orders placed with the private key their browser keeps. Open to
// anyone, but a key finds its own orders only, and an unknown key looks like one with no orders.
import { GraphQLError } from 'graphql';
import { CUSTOMER_KEY_RULE, isCustomerKey } from '../../../shared/customer-key.ts';
import { hashCustomerKey } from '../../orders/customer-key.ts';
import { CUSTOMER_ORDERS_LIMIT, followCustomer, readCustomerOrders } from '../../orders/customer-orders.ts';
import { builder } from '../builder.ts';
import { OrderRef } from './refs.ts';

const DESCRIPTION = `The orders placed with this customer key (\`placeOrder(customerKey:)\`): today’s and any still open, newest first, at most ${CUSTOMER_ORDERS_LIMIT}. An unknown key has none; a malformed one is a BAD_USER_INPUT error.`;

function keyHashOf(customerKey: string): string {
  if (!isCustomerKey(customerKey)) {
    throw new GraphQLError(`customerKey: ${CUSTOMER_KEY_RULE}`, { extensions: { code: 'BAD_USER_INPUT' } });
  }
  return hashCustomerKey(customerKey);
}

builder.queryField('customerOrders', (t) =>
  t.field({
    type: [OrderRef],
    description: DESCRIPTION,
    args: { customerKey: t.arg.string({ required: true }) },
    resolve: (_root, { customerKey }, { services }) => readCustomerOrders(services, keyHashOf(customerKey)),
  }),
);

builder.subscriptionField('customerOrders', (t) =>
  t.field({
    type: [OrderRef],
    description: `${DESCRIPTION} Pushed at once, then again whenever one of them changes, another is placed with the key, or an estimate moves by a minute or more.`,
    args: { customerKey: t.arg.string({ required: true }) },
    subscribe: (_root, { customerKey }, { services }) => followCustomer(services, keyHashOf(customerKey)),
    resolve: (orders) => orders,
  }),
);

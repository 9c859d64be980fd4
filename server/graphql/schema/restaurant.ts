// The restaurant as customers see it (a receipt's heading), set on the server with
// `orderline serve --restaurant-name/--restaurant-address/--restaurant-phone`.
import type { Restaurant } from '../../config.ts';
import { builder } from '../builder.ts';

const RestaurantRef = builder.objectRef<Restaurant>('Restaurant').implement({
  description: 'The restaurant’s own details, for customers’ pages and receipts.',
  fields: (t) => ({
    name: t.exposeString('name'),
    address: t.exposeString('address', { nullable: true }),
    phone: t.exposeString('phone', { nullable: true, description: 'As the restaurant writes it; free text, not normalised.' }),
  }),
});

builder.queryField('restaurant', (t) =>
  t.field({
    type: RestaurantRef,
    description: 'Who is serving: name, address and phone as configured on the server. Open to everyone.',
    resolve: (_root, _args, { services }) => services.restaurant,
  }),
);

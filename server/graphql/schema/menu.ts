import type { MenuItem } from '../../db/models.ts';
import { builder } from '../builder.ts';

const MenuItemRef = builder.objectRef<MenuItem>('MenuItem').implement({
  fields: (t) => ({
    id: t.exposeID('id'),
    name: t.exposeString('name'),
    category: t.exposeString('category'),
    station: t.exposeString('station'),
    priceCents: t.exposeInt('priceCents'),
    prepMinutes: t.exposeInt('prepMinutes'),
    modifiers: t.stringList({ description: 'Modifiers a customer may choose.', resolve: (item) => item.modifiers as string[] }),
    available: t.exposeBoolean('available'),
  }),
});

builder.queryField('menu', (t) =>
  t.field({
    type: [MenuItemRef],
    description: 'The whole menu, in the order the restaurant lists it. Open to everyone.',
    resolve: (_root, _args, { services }) => services.queries.menu(),
  }),
);

// Assembles the schema: each import registers its types and fields on the builder.
import { builder } from '../builder.ts';
import './errors.ts';
import './order.ts';
import './kitchen.ts';
import './events.ts';
import './customer.ts';
import './menu.ts';
import './restaurant.ts';
import './stats.ts';
import './pickup-board.ts';
import './tokens.ts';

export const schema = builder.toSchema();

import { liveView } from '../../events/live-view.ts';
import type { Stats } from '../../orders/stats.ts';
import { builder } from '../builder.ts';
import { OrderStatusEnum } from './enums.ts';

const StatusCountRef = builder.objectRef<Stats['byStatus'][number]>('StatusCount').implement({
  fields: (t) => ({ status: t.expose('status', { type: OrderStatusEnum }), count: t.exposeInt('count') }),
});

const StatsRef = builder.objectRef<Stats>('Stats').implement({
  fields: (t) => ({
    at: t.expose('at', { type: 'DateTime' }),
    businessDate: t.exposeString('businessDate'),
    byStatus: t.field({ type: [StatusCountRef], resolve: (stats) => stats.byStatus }),
    open: t.exposeInt('open', { description: 'Orders not yet completed or cancelled.' }),
    placedToday: t.exposeInt('placedToday'),
    completedToday: t.exposeInt('completedToday'),
    cancelledToday: t.exposeInt('cancelledToday'),
    late: t.exposeInt('late', { description: 'Orders still in the kitchen past their promised time.' }),
    averageReadyMinutes: t.exposeFloat('averageReadyMinutes', {
      nullable: true,
      description: 'Mean minutes from placing to ready, over today’s orders that got there.',
    }),
  }),
});

builder.queryField('stats', (t) =>
  t.field({ type: StatsRef, authScopes: { staff: true }, resolve: (_root, _args, { services }) => services.stats.get() }),
);

builder.subscriptionField('statsUpdated', (t) =>
  t.field({
    type: StatsRef,
    authScopes: { staff: true },
    description: 'The statistics now, then again whenever they may have changed.',
    subscribe: (_root, _args, { services }) => liveView(services.bus, services.stats, services.logger),
    resolve: (stats) => stats,
  }),
);

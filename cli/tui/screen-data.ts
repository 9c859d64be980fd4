// What the screens load: every order a filter matches, however many there are.
import type { Api } from '../api/client.ts';
import { OpenOrders } from '../api/operations.ts';
import type { ResultOf } from '../../shared/graphql.ts';
import type { Order } from './tickets.ts';

/** Every order the filter matches, page by page: a busy night must not leave tickets out. */
export async function allOrders(api: Api, filter: { statuses: Order['status'][]; stations?: string[] }): Promise<Order[]> {
  const orders: Order[] = [];
  for (let after: string | null = null; ; ) {
    const { orders: page }: ResultOf<typeof OpenOrders> = await api.query(OpenOrders, { filter, after });
    orders.push(...page.edges.map((edge) => edge.node));
    if (!page.pageInfo.hasNextPage) return orders;
    after = page.pageInfo.endCursor;
  }
}


// What the screens' keys do, against a real server: a change applies to the order as the screen
// showed it, so a ticket another screen moved first is refused with the reason, not moved twice.
import { describe, expect, it, vi } from 'vitest';
import { Api } from '../../cli/api/client.ts';
import { ShowOrder } from '../../cli/api/operations.ts';
import { EXIT } from '../../cli/errors.ts';
import { screenActions } from '../../cli/tui/actions.ts';
import type { Order } from '../../cli/tui/tickets.ts';
import { cleanupAfterEach } from '../support/cleanup.ts';
import type { TestServer } from '../support/server.ts';
import { advance, orderOnServer, placeOrder, withTestServer } from '../cli/support/orderline.ts';

const defer = cleanupAfterEach();
let server: TestServer;
withTestServer((started) => ({ server } = started), { each: true });

function actionsWith(token: string) {
  const api = new Api({ server: server.url, token, attempts: 1 });
  defer(() => api.close());
  const reload = vi.fn();
  /** The order as a screen has it now. */
  const shown = async (number: number) => (await api.query(ShowOrder, { number })).order as Order;
  return { ...screenActions(api, reload), reload, shown };
}

describe('the screens’ actions', () => {
  it('advance moves the order as shown one step and says so', async () => {
    const number = await placeOrder(server);
    const { advance: bump, shown, reload } = actionsWith(await server.token('KITCHEN'));
    expect(await bump(await shown(number))).toEqual({ ok: true, message: `#${number} → CONFIRMED` });
    expect((await orderOnServer(server, number)).status).toBe('CONFIRMED');
    expect(reload).not.toHaveBeenCalled();
  });

  it('a ticket moved elsewhere since it was shown is refused (conflict), left as it is, and the screen reloads', async () => {
    const number = await placeOrder(server);
    const { advance: bump, shown, reload } = actionsWith(server.managerToken);
    const seen = await shown(number);
    await advance(server, number); // another screen was quicker
    await expect(bump(seen)).rejects.toMatchObject({ exitCode: EXIT.conflict, message: expect.stringMatching(/version/) });
    expect((await orderOnServer(server, number)).status).toBe('CONFIRMED');
    expect(reload).toHaveBeenCalledOnce();
  });

  it('cancel records the reason; a kitchen token may not cancel', async () => {
    const [mine, theirs] = [await placeOrder(server), await placeOrder(server)];
    const kitchen = actionsWith(await server.token('KITCHEN'));
    await expect(kitchen.cancel(await kitchen.shown(theirs), 'test')).rejects.toMatchObject({ exitCode: EXIT.auth });
    expect((await orderOnServer(server, theirs)).status).toBe('PENDING');

    const manager = actionsWith(server.managerToken);
    expect(await manager.cancel(await manager.shown(mine), 'out of dough')).toEqual({ ok: true, message: `#${mine} → CANCELLED` });
    expect(await orderOnServer(server, mine)).toMatchObject({ status: 'CANCELLED', cancelReason: 'out of dough' });
  });
});

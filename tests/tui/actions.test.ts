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

function actionsWith(token: string) {
  const api = new Api({ server: server.url, token, attempts: 1 });
  defer(() => api.close());
  const reload = vi.fn();
  /** The order as a screen has it now (the newest with the number, or the one of `date`). */
  const shown = async (number: number, date?: string) => (await api.query(ShowOrder, { number, date })).order as Order;
  const changed = vi.fn();
  return { ...screenActions(api, { refused: reload, changed }), reload, changed, shown };
}

describe('the screens’ actions', () => {
  withTestServer((started) => ({ server } = started), { each: true });

  it('advance moves the order as shown one step and says so', async () => {
    const number = await placeOrder(server);
    const { advance: bump, shown, reload } = actionsWith(await server.token('KITCHEN'));
    expect(await bump(await shown(number))).toEqual({ ok: true, message: `#${number} → CONFIRMED` });
    expect((await orderOnServer(server, number)).status).toBe('CONFIRMED');
    expect(reload).not.toHaveBeenCalled();
  });

  it('a bump hands the order it returned to the screen, so a second press acts on the new version', async () => {
    const number = await placeOrder(server);
    const { advance: bump, shown, changed } = actionsWith(await server.token('KITCHEN'));
    await bump(await shown(number));
    expect(changed).toHaveBeenCalledOnce();
    const returned = changed.mock.calls[0]![0] as Order;
    expect(returned).toMatchObject({ number, status: 'CONFIRMED', version: 2 });
    expect(await bump(returned)).toEqual({ ok: true, message: `#${number} → PREPARING` });
  });

  it('station bumps, recall and rush go to the server as asked', async () => {
    const number = await placeOrder(server);
    const { bump, recall, setRush, shown } = actionsWith(await server.token('KITCHEN'));
    const order = await shown(number);
    expect((await bump(order, {})).message).toBe(`#${number} done → READY`);
    expect((await recall(order, {})).message).toBe(`#${number} recalled → PREPARING`);
    expect((await setRush(await shown(number), true)).message).toBe(`#${number} is a rush`);
    expect(await orderOnServer(server, number)).toMatchObject({ status: 'PREPARING', rush: true });
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

describe('the screens’ actions once order numbers restart', () => {
  let now = new Date('2026-03-02T22:00:00Z');
  withTestServer((started) => ({ server } = started), { clock: () => now });

  it('a bump moves the ticket shown, not the newer order with the same number', async () => {
    expect(await placeOrder(server)).toBe(1); // still open when the day turns
    now = new Date('2026-03-03T09:00:00Z');
    expect(await placeOrder(server)).toBe(1);

    const { advance: bump, shown } = actionsWith(await server.token('KITCHEN'));
    const yesterdays = await shown(1, '2026-03-02');
    expect(await bump(yesterdays)).toEqual({ ok: true, message: '#1 → CONFIRMED' });
    expect((await shown(1, '2026-03-02')).status).toBe('CONFIRMED');
    expect((await orderOnServer(server, 1)).status).toBe('PENDING'); // today's #1, as it was
  });
});

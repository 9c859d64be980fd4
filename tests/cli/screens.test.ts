// `orderline kitchen` and `orderline queue` end to end: the real binary in a real terminal (tmux)
// against a real server. Orders placed through the API appear on screen, keys change them on the
// server, and quitting exits 0. Without a terminal the screens refuse with a pointer to the
// commands for scripts. Needs tmux: CI sets ORDERLINE_TEST_TMUX (and then these tests must run).
import { afterEach, describe, expect, it } from 'vitest';
import type { TestServer } from '../support/server.ts';
import { Terminal, TMUX } from '../support/terminal.ts';
import { advance, orderlineFor, orderOnServer, placeOrder, withTestServer } from './support/orderline.ts';

if (!TMUX) console.info('skipping the kitchen and queue screen tests: ORDERLINE_TEST_TMUX is not set');

let server: TestServer;
withTestServer((started) => ({ server } = started), { each: true });

describe.skipIf(!TMUX)('the screens in a real terminal (tmux)', () => {
  let terminal: Terminal | undefined;
  afterEach(async () => {
    await terminal?.close();
    terminal = undefined;
  });

  const open = async (args: string[], token: string, env: Record<string, string> = {}) => {
    terminal = await Terminal.orderline(args, { ORDERLINE_SERVER: server.url, ORDERLINE_TOKEN: token, ...env }, { width: 100, height: 30 });
    return terminal;
  };

  it('kitchen: a new order appears live; Enter and a digit bump tickets on the server; q quits', async () => {
    const first = await placeOrder(server, { customerName: 'Sam' });
    const kitchen = await open(['kitchen'], await server.token('KITCHEN', 'Line screen'));
    await kitchen.waitFor(new RegExp(`● live[\\s\\S]*1 #${first} [\\s\\S]*TO-GO Sam`));

    const second = await placeOrder(server, { customerName: 'Alex' });
    await kitchen.waitFor(new RegExp(`2 #${second}`));

    await kitchen.press('Enter');
    await kitchen.waitFor(new RegExp(`#${first} → CONFIRMED`));
    expect((await orderOnServer(server, first)).status).toBe('CONFIRMED');

    await kitchen.press('2');
    await kitchen.waitFor(new RegExp(`#${second} → CONFIRMED`));
    expect((await orderOnServer(server, second)).status).toBe('CONFIRMED');

    // Ready tickets leave the cards for the line of numbers at the pass.
    await advance(server, first);
    await advance(server, first);
    await kitchen.waitFor(new RegExp(`Ready: ${first}\\b`));
    expect(await kitchen.screen()).not.toMatch(new RegExp(`#${first} `));

    await kitchen.press('q');
    expect(await kitchen.exitCode()).toBe(0);
  });

  it('kitchen: a name with ESC sequences from an old database draws escaped, on load and after an event', async () => {
    const number = await placeOrder(server, { customerName: 'Eve' });
    const { trackingCode } = await orderOnServer(server, number);
    // Written straight into the database, as a row from before the server refused such names.
    await server.app.services.db.write.order.update({ where: { trackingCode }, data: { customerName: 'Eve\u001b[2J\u0007' } });
    const kitchen = await open(['kitchen'], await server.token('KITCHEN', 'Line screen'));
    await kitchen.waitFor(new RegExp(`● live[\\s\\S]*#${number} [\\s\\S]*TO-GO Eve␛\\[2J␇`));
    // The event brings the order again: it is escaped on that path too.
    await advance(server, number);
    await kitchen.waitFor(/TO-GO Eve␛\[2J␇[\s\S]*CONFIRMED/);
    await kitchen.press('q');
    expect(await kitchen.exitCode()).toBe(0);
  });

  it('queue: counters, cancelling with a reason typed on screen, notifications and an order’s live history', async () => {
    const first = await placeOrder(server, { customerName: 'Kim' });
    const second = await placeOrder(server, { customerName: 'Lee' });
    await advance(server, second);
    const queue = await open(['queue'], server.managerToken);
    await queue.waitFor(/PENDING 1 +CONFIRMED 1 +PREPARING 0/);

    await queue.press('c');
    await queue.waitFor(new RegExp(`Cancel #${first}, because:`));
    await queue.type('customer left');
    await queue.press('Enter');
    await queue.waitFor(new RegExp(`#${first} → CANCELLED`));
    await queue.waitFor(/PENDING 0 +CONFIRMED 1/);
    expect(await orderOnServer(server, first)).toMatchObject({ status: 'CANCELLED', cancelReason: 'customer left' });
    // The cancellation, then a new order, as staff notifications.
    await queue.waitFor(new RegExp(`Order #${first} was cancelled: customer left`));
    const third = await placeOrder(server, { customerName: 'Mo' });
    await queue.waitFor(new RegExp(`New takeout order #${third} for Mo`));

    // Enter opens the selected order with its history, live; Esc goes back.
    await queue.press('Enter');
    await queue.waitFor(new RegExp(`#${second} · CONFIRMED[\\s\\S]*History[\\s\\S]*PENDING → CONFIRMED by`));
    await advance(server, second);
    await queue.waitFor(/CONFIRMED → PREPARING by/);
    await queue.press('Escape');
    await queue.waitFor(/Enter detail/);

    await queue.press('q');
    expect(await queue.exitCode()).toBe(0);
  });

  it('queue: a kitchen token may not cancel, and the screen says so', async () => {
    const number = await placeOrder(server);
    const queue = await open(['queue'], await server.token('KITCHEN'));
    await queue.waitFor(new RegExp(`${number} .*PENDING`));
    await queue.press('c');
    await queue.type('test');
    await queue.press('Enter');
    await queue.waitFor(/not allowed|manager/i);
    expect((await orderOnServer(server, number)).status).toBe('PENDING');
  });

  it('draws and updates live where CI is set (Ink alone would stay blank until it exits)', async () => {
    const first = await placeOrder(server);
    const kitchen = await open(['kitchen'], await server.token('KITCHEN'), { CI: 'true', CONTINUOUS_INTEGRATION: '1' });
    await kitchen.waitFor(new RegExp(`● live[\\s\\S]*1 #${first} `));
    const second = await placeOrder(server);
    await kitchen.waitFor(new RegExp(`2 #${second} `));
  });

  it('Ctrl-C ends a screen as an interruption (exit 130)', async () => {
    const queue = await open(['queue'], server.managerToken);
    await queue.waitFor(/● live/);
    await queue.press('C-c');
    expect(await queue.exitCode()).toBe(130);
  });

  it('a refused token ends the screen with exit code 4 and the reason', async () => {
    const kitchen = await open(['kitchen'], 'olt_not-a-real-token');
    expect(await kitchen.exitCode()).toBe(4);
    expect(await kitchen.screen()).toMatch(/token/);
  });
});

describe('without a terminal', () => {
  it.for(['kitchen', 'queue'])('`orderline %s` exits 2 and points to the commands for scripts', async (screen) => {
    const run = await orderlineFor(server).run([screen]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`\`orderline ${screen}\` is a full-screen display and needs a terminal`);
    expect(run.stderr).toContain('orderline orders watch --json');
  });
});

// Text stored before the server refused control characters is still in old databases. The CLI
// shows such text with visible escapes (␛, <U+202E>) and never writes the characters themselves,
// so a customer's name cannot clear a manager's terminal or retitle it; --json keeps the exact text.
import { beforeAll, describe, expect, it } from 'vitest';
import { UNSAFE_CHARACTERS } from '../../shared/printable.ts';
import { stopCli, waitForOutput } from '../support/cli.ts';
import type { TestServer } from '../support/server.ts';
import { json, orderOnServer, placeOrder, withTestServer, type Orderline } from './support/orderline.ts';

let server: TestServer;
let orderline: Orderline;
withTestServer((started) => ({ server, orderline } = started));

/** What an attacker's order carried, written straight into the database as an old row would be. */
const NAME = 'Eve\u001b[2J\u001b]0;pwned\u0007';
const NOTES = 'leave at door\u202egnp.exe\u009b';
const NOTE = 'ok\u001b[31m';
/** Anything a terminal would obey but the newlines that end lines: a character the server now refuses. */
const RAW = new RegExp(UNSAFE_CHARACTERS.source, 'u');
const raw = (output: string) => RAW.test(output.replaceAll('\n', ''));

let number: number;
beforeAll(async () => {
  number = await placeOrder(server);
  const { db } = server.app.services;
  const { id } = await db.write.order.update({ where: { trackingCode: (await orderOnServer(server, number)).trackingCode }, data: { customerName: NAME, notes: NOTES } });
  await db.write.orderEvent.updateMany({ where: { orderId: id }, data: { payload: { note: NOTE } } });
});

describe('text with control characters from an old database', () => {
  it('orders list shows the name escaped', async () => {
    const run = await orderline.run(['orders', 'list']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Eve␛[2J␛]0;pwned␇');
    expect(raw(run.stdout)).toBe(false);
  });

  it('orders show escapes the name, the notes and the history’s note', async () => {
    const run = await orderline.run(['orders', 'show', String(number)]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Eve␛[2J␛]0;pwned␇');
    expect(run.stdout).toContain('Notes      leave at door<U+202E>gnp.exe<U+009B>');
    expect(run.stdout).toContain('“ok␛[31m”');
    expect(raw(run.stdout)).toBe(false);
  });

  it('orders watch escapes an event’s note', async () => {
    const watch = orderline.start(['orders', 'watch', '--after', '0']);
    try {
      await waitForOutput(watch, /“ok␛\[31m”/);
      expect(raw(watch.output.stdout)).toBe(false);
    } finally {
      await stopCli(watch);
    }
  });

  it('--json gives the exact text, with every such character as a \\u escape', async () => {
    const run = await orderline.run(['orders', 'list', '--json']);
    expect(raw(run.stdout)).toBe(false);
    expect(run.stdout).toContain('\\u202e');
    expect(json(run)[0]).toMatchObject({ customerName: NAME });
    const show = await orderline.run(['orders', 'show', String(number), '--json']);
    expect(raw(show.stdout)).toBe(false);
    expect(json(show)).toMatchObject({ customerName: NAME, notes: NOTES });
  });
});

// SharedStreams: one reading per key, however many follow it, each follower handed the newest
// value it has not read; the reading stops after the last follower, and its end reaches them all.
import { describe, expect, it } from 'vitest';
import { canHandOver, SharedStreams, type Sink } from '../../server/events/shared-streams.ts';

/** A reading driven by the test: what it was handed to write to, and whether it was stopped. */
function readings() {
  const opened: { sink: Sink<number>; stopped: boolean }[] = [];
  const open = (sink: Sink<number>) => {
    const reading = { sink, stopped: false };
    opened.push(reading);
    return { stop: () => void (reading.stopped = true) };
  };
  return { opened, open };
}

describe('SharedStreams', () => {
  it('opens one reading for a key however many follow it, and hands a newcomer the newest value', async () => {
    const streams = new SharedStreams<string, number>();
    const { opened, open } = readings();
    const first = streams.follow('order-1', open);
    opened[0]!.sink.push(1);
    const second = streams.follow('order-1', open);
    expect(opened).toHaveLength(1);
    expect(await first.next()).toEqual({ done: false, value: 1 });
    expect(await second.next()).toEqual({ done: false, value: 1 });
    streams.follow('order-2', open);
    expect(opened).toHaveLength(2);
  });

  it('hands a follower that reads slowly the newest value, not those in between', async () => {
    const streams = new SharedStreams<string, number>();
    const { opened, open } = readings();
    const follower = streams.follow('order-1', open);
    for (const value of [1, 2, 3]) opened[0]!.sink.push(value);
    expect(await follower.next()).toEqual({ done: false, value: 3 });
    const waiting = follower.next();
    opened[0]!.sink.push(4);
    expect(await waiting).toEqual({ done: false, value: 4 });
  });

  it('stops the reading after its last follower returns, and a pending read is done', async () => {
    const streams = new SharedStreams<string, number>();
    const { opened, open } = readings();
    const [a, b] = [streams.follow('order-1', open), streams.follow('order-1', open)];
    const pending = a.next();
    await a.return!();
    expect(await pending).toEqual({ done: true, value: undefined });
    expect(opened[0]!.stopped).toBe(false);
    await b.return!();
    expect(opened[0]!.stopped).toBe(true);
    // The key opens a new reading for whoever follows it next.
    streams.follow('order-1', open);
    expect(opened).toHaveLength(2);
  });

  it('ends every follower when the reading ends: its last value first, then done or the failure once', async () => {
    const streams = new SharedStreams<string, number>();
    const { opened, open } = readings();
    const [ended, failed] = [streams.follow('gone', open), streams.follow('broken', open)];
    const pending = ended.next();
    opened[0]!.sink.end();
    expect(await pending).toEqual({ done: true, value: undefined });
    opened[1]!.sink.push(7);
    opened[1]!.sink.end(new Error('the database is not answering'));
    expect(await failed.next()).toEqual({ done: false, value: 7 });
    await expect(failed.next()).rejects.toThrow('the database is not answering');
    expect(await failed.next()).toEqual({ done: true, value: undefined });
  });

  it('hands a follower over to a sink: the newest unread value at once, then each value pushed, until the sink leaves', () => {
    const streams = new SharedStreams<string, number>();
    const { opened, open } = readings();
    const [follower, other] = [streams.follow('order-1', open), streams.follow('order-1', open)];
    opened[0]!.sink.push(1);
    opened[0]!.sink.push(2);
    const pushed: number[] = [];
    const sink = { push: (value: number) => void pushed.push(value), end: () => void pushed.push(-1) };
    expect(canHandOver(follower)).toBe(true);
    const attachment = follower.handOver(sink);
    expect(pushed).toEqual([2]);
    opened[0]!.sink.push(3);
    expect(pushed).toEqual([2, 3]);
    attachment.leave(sink);
    opened[0]!.sink.push(4);
    expect(pushed).toEqual([2, 3]);
    // The other follower still follows; the reading stops after it.
    expect(opened[0]!.stopped).toBe(false);
    void other.return!();
    expect(opened[0]!.stopped).toBe(true);
  });

  it('hands over a follower whose reading has ended: its last value, then the end', () => {
    const streams = new SharedStreams<string, number>();
    const { opened, open } = readings();
    const follower = streams.follow('gone', open);
    opened[0]!.sink.push(5);
    opened[0]!.sink.end(new Error('the database is not answering'));
    const heard: unknown[] = [];
    follower.handOver({ push: (value) => void heard.push(value), end: (error) => void heard.push(error?.message) });
    expect(heard).toEqual([5, 'the database is not answering']);
  });
});

// When each staff token was last used: written as tokens authenticate requests and live
// connections, to the minute, so a screen polling every second does not write every second.
import { afterEach, describe, expect, it } from 'vitest';
import { PROVIDERS } from '../support/databases.ts';
import { ORDER_EVENTS } from '../support/operations.ts';
import { startServer, type TestServer } from '../support/server.ts';
import { subscribe } from '../support/subscription.ts';

const START = Date.parse('2026-11-30T18:00:00.000Z');

describe.each(PROVIDERS)('token use on %s', (provider) => {
  let server: TestServer;
  let now = START;
  afterEach(() => server?.stop());

  const lastUsed = async (name: string): Promise<string | null> => {
    const { data } = await server.gql(`{ apiTokens { name lastUsedAt } }`);
    return data.apiTokens.find((token: { name: string }) => token.name === name).lastUsedAt;
  };

  it('is never until the token is used, then the time of use, renewed once a minute has passed', async () => {
    now = START;
    server = await startServer({ provider, clock: () => new Date(now) });
    const kitchen = await server.token('KITCHEN', 'Grill screen');
    expect(await lastUsed('Grill screen')).toBeNull();

    await server.gql(`{ stats { open } }`, {}, kitchen);
    await expect.poll(() => lastUsed('Grill screen')).toBe(new Date(START).toISOString());

    // Within the minute: nothing is written. (Had it been, the use at 61 s would be within a
    // minute of it and the last assertion would read 30 s.)
    now = START + 30_000;
    await server.gql(`{ stats { open } }`, {}, kitchen);
    now = START + 61_000;
    const socket = server.ws(kitchen); // a live connection counts as use too
    const live = subscribe(socket, ORDER_EVENTS);
    await expect.poll(() => lastUsed('Grill screen')).toBe(new Date(START + 61_000).toISOString());
    live.unsubscribe();
  });

  it('a wrong or revoked token records nothing', async () => {
    now = START;
    server = await startServer({ provider, clock: () => new Date(now) });
    const token = await server.token('KITCHEN', 'Old tablet');
    const { data } = await server.gql(`{ apiTokens { id name } }`);
    const id = data.apiTokens.find((t: { name: string }) => t.name === 'Old tablet').id;
    await server.gql(`mutation($id: ID!) { revokeApiToken(id: $id) { __typename } }`, { id });
    expect((await server.gql(`{ stats { open } }`, {}, token)).status).toBe(401);
    expect((await server.gql(`{ stats { open } }`, {}, 'olt_not-a-token-anyone-was-given-0000')).status).toBe(401);
    // A manager request made after them, a minute on: once its use is recorded, theirs would be too.
    now = START + 61_000;
    await server.gql(`{ viewer { name } }`);
    await expect.poll(() => lastUsed('first manager')).toBe(new Date(START + 61_000).toISOString());
    expect(await lastUsed('Old tablet')).toBeNull();
  });
});

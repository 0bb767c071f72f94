/**
 * Rotation against the embedded Trakt-compatible mock server over 127.0.0.1: real HTTP, real
 * single-use rotating refresh tokens. Time is a hand-driven clock shared by the server and the
 * session's services (no fake timers, no sleeps): the session learns the time from the
 * services' readings and from getAccessToken's clock, exactly as in production.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { startMockServer, type MockServer } from '../../src/mock/index.js';
import { createSession, type Session } from '../../src/services/clients/session-client.js';
import { createTraktSessionServices } from '../../src/services/clients/session-services.js';
import { createMemoryTokenStore } from '../../src/services/stores/memory-token-store.js';

const DAY = 86_400_000;
const USER_AGENT = 'session-rotation-test/1.0';

function manualClock(start = Date.UTC(2025, 0, 1)) {
  let time = start;
  return { now: () => time, advance: (ms: number) => void (time += ms) };
}

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function setUp() {
  const clock = manualClock();
  const server = await startMockServer({ now: clock.now, interval: 0.001, autoApproveAfterPolls: 0 });
  cleanups.push(() => server.close());
  const store = createMemoryTokenStore();
  const services = createTraktSessionServices({
    clientId: server.clientId,
    clientSecret: server.clientSecret,
    baseUrl: server.url,
    userAgent: USER_AGENT,
    store,
    now: clock.now,
  });
  const session = createSession({ services, now: clock.now });
  cleanups.push(() => session.stop());
  return { clock, server, store, session };
}

function refresh(server: MockServer, refreshToken: string): Promise<Response> {
  return fetch(`${server.url}/oauth/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'trakt-api-key': server.clientId, 'trakt-api-version': '2', 'User-Agent': USER_AGENT },
    body: JSON.stringify({
      refresh_token: refreshToken,
      client_id: server.clientId,
      client_secret: server.clientSecret,
      redirect_uri: 'urn:ietf:wg:oauth:2.0:oob',
      grant_type: 'refresh_token',
    }),
  });
}

function settings(server: MockServer, accessToken: string): Promise<Response> {
  return fetch(`${server.url}/users/settings`, {
    headers: { 'trakt-api-key': server.clientId, 'trakt-api-version': '2', 'User-Agent': USER_AGENT, Authorization: `Bearer ${accessToken}` },
  });
}

async function signIn(session: Session): Promise<void> {
  await session.ready();
  await session.signIn();
}

describe('rotation over loopback with the mock server', () => {
  it('after a refresh the old refresh token is refused and the stored one works', async () => {
    const { clock, server, store, session } = await setUp();
    await signIn(session);
    const first = (await store.get())!;
    expect(first.expiresAt - clock.now()).toBe(7 * DAY);

    clock.advance(6 * DAY + 1); // past expiry − 24 h
    const access = await session.getAccessToken();
    const second = (await store.get())!;
    expect(access).toBe(second.accessToken);
    expect(second.refreshToken).not.toBe(first.refreshToken);
    expect(server.log.filter((e) => e.path === '/oauth/token').map((e) => e.status)).toEqual([200]);

    // The server refuses the old pair and accepts the stored one.
    const reused = await refresh(server, first.refreshToken!);
    expect(reused.status).toBe(400);
    expect(await reused.json()).toMatchObject({ error: 'invalid_grant' });
    expect((await settings(server, first.accessToken)).status).toBe(401);
    expect((await settings(server, second.accessToken)).status).toBe(200);

    // The session's next refresh uses the stored refresh token, and it works.
    clock.advance(6 * DAY + 1);
    const third = await session.getAccessToken();
    expect(third).toBe((await store.get())!.accessToken);
    expect(third).not.toBe(second.accessToken);
    expect(server.log.filter((e) => e.path === '/oauth/token').map((e) => e.status)).toEqual([200, 400, 200]);
    expect((await settings(server, third!)).status).toBe(200);
  });

  it('a refresh token used elsewhere ends the session: invalid_grant → sessionEnded, store cleared, signedOut', async () => {
    const { clock, server, store, session } = await setUp();
    await signIn(session);
    const stolen = (await store.get())!;
    expect((await refresh(server, stolen.refreshToken!)).status).toBe(200); // someone else rotated it
    const ended = new Promise((resolve) => session.actor.on('sessionEnded', resolve));
    clock.advance(6 * DAY + 1);
    await expect(session.getAccessToken()).resolves.toBeUndefined();
    await expect(ended).resolves.toMatchObject({ reason: 'invalidGrant', error: expect.objectContaining({ code: 'INVALID_GRANT', status: 400 }) });
    await expect(store.get()).resolves.toBeUndefined();
    expect(session.actor.getSnapshot().value).toBe('signedOut');
  });

  it('signOut revokes over HTTP: the token is dead server-side and gone locally', async () => {
    const { server, store, session } = await setUp();
    await signIn(session);
    const token = (await store.get())!;
    await expect(session.signOut()).resolves.toEqual({ reason: 'signOut', revoked: true, cleared: true });
    expect((await settings(server, token.accessToken)).status).toBe(401);
    expect((await refresh(server, token.refreshToken!)).status).toBe(400);
    await expect(store.get()).resolves.toBeUndefined();
  });
});

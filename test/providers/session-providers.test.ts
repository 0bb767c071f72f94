/**
 * createSession() with an RFC 8628 provider named the ways authorize() takes: sign in, refresh,
 * sign out with and without a revocation endpoint, and a provider that issues no refresh token
 * (the session ends at expiry with `sessionEnded`, sending nothing).
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { SessionEmitted } from '../../src/machines/session.types.js';
import { createSession, type Session } from '../../src/services/clients/session-client.js';
import { providers } from '../../src/services/providers/providers.js';
import { createMemoryTokenStore } from '../../src/services/stores/memory-token-store.js';
import { startRfc8628Server, type Rfc8628Server, type Rfc8628ServerOptions } from './authorize-rfc8628-server.js';

const running: Array<{ server: Rfc8628Server; session?: Session }> = [];
afterEach(async () => {
  for (const { server, session } of running.splice(0)) {
    session?.stop();
    await server.close();
  }
});

async function serverWith(options: Rfc8628ServerOptions = {}) {
  const server = await startRfc8628Server(options);
  const entry: { server: Rfc8628Server; session?: Session } = { server };
  running.push(entry);
  return { server, track: (session: Session) => ((entry.session = session), session) };
}

/** Resolves with the first event of `type` the session emits. */
function nextEvent<T extends SessionEmitted['type']>(session: Session, type: T): Promise<Extract<SessionEmitted, { type: T }>> {
  return new Promise((resolve) => {
    const subscription = session.actor.on(type, (event) => {
      subscription.unsubscribe();
      resolve(event as Extract<SessionEmitted, { type: T }>);
    });
  });
}

describe('a session with an RFC 8628 provider', () => {
  it('an issuer: discovered once on first use, then signs in, refreshes (rotating) and signs out with a revoke', async () => {
    const { server, track } = await serverWith();
    const store = createMemoryTokenStore();
    const session = track(createSession({ issuer: server.url, clientId: 'tv', store }));
    await session.ready();
    expect(server.paths()).toEqual([]);
    const signedIn = await session.signIn();
    expect(signedIn).toMatchObject({ accessToken: 'at-1', refreshToken: 'rt-1' });
    const refreshed = nextEvent(session, 'refreshed');
    session.actor.send({ type: 'refresh' });
    expect((await refreshed).token).toMatchObject({ accessToken: 'at-2', refreshToken: 'rt-2' });
    expect(await store.get()).toMatchObject({ accessToken: 'at-2', refreshToken: 'rt-2' });
    expect(await session.signOut()).toEqual({ reason: 'signOut', revoked: true, cleared: true });
    expect(server.revoked).toEqual(['at-2']);
    expect(await store.get()).toBeUndefined();
    expect(server.paths()).toEqual(['/.well-known/oauth-authorization-server', '/device_authorization', '/token', '/token', '/token', '/revoke']);
  });

  it('no revocation endpoint: sign-out sends no revoke, clears the store and says the token was not revoked', async () => {
    const { server, track } = await serverWith({ revocation: false });
    const store = createMemoryTokenStore();
    const session = track(
      createSession({ deviceAuthorizationEndpoint: `${server.url}/device_authorization`, tokenEndpoint: `${server.url}/token`, clientId: 'tv', store }),
    );
    await session.signIn();
    const result = await session.signOut();
    expect(result).toMatchObject({ reason: 'signOut', revoked: false, cleared: true });
    expect(result?.error?.message).toMatch(/has no revocation endpoint .*: the token was not revoked and stays valid until it expires\./);
    expect(server.paths()).toEqual(['/device_authorization', '/token', '/token']);
    expect(await store.get()).toBeUndefined();
  });

  it('no refresh token: the session ends at expiry with sessionEnded (tokenExpired), no refresh is sent', async () => {
    const { server, track } = await serverWith({ refreshTokens: false, expiresIn: 1 });
    const store = createMemoryTokenStore();
    const github = providers.github({ deviceAuthorizationEndpoint: `${server.url}/device_authorization`, tokenEndpoint: `${server.url}/token` });
    const session = track(createSession({ provider: github, clientId: 'Iv1.test', store }));
    const events: string[] = [];
    session.actor.on('*', (event) => events.push(event.type));
    const ended = nextEvent(session, 'sessionEnded');
    const signedOut = nextEvent(session, 'signedOut');
    const token = await session.signIn();
    expect(token.refreshToken).toBeUndefined();
    expect(await ended).toEqual({ type: 'sessionEnded', reason: 'tokenExpired' });
    expect(await signedOut).toEqual({ type: 'signedOut', reason: 'tokenExpired', revoked: false, cleared: true });
    expect(Date.now()).toBeGreaterThanOrEqual(token.expiresAt);
    expect(events.filter((type) => type === 'refreshRetry' || type === 'sessionEnded' || type === 'signedOut')).toEqual(['sessionEnded', 'signedOut']);
    expect(server.paths()).toEqual(['/device_authorization', '/token', '/token']);
    expect(await store.get()).toBeUndefined();
    expect(await session.getAccessToken()).toBeUndefined();
  });

  it('an issuer whose discovery fails: the sign-in fails with that error, and the next one discovers again', async () => {
    const { server, track } = await serverWith();
    const session = track(createSession({ issuer: `${server.url}/nowhere`, clientId: 'tv', store: createMemoryTokenStore() }));
    const first = await session.signIn().catch((error: unknown) => error);
    expect(first).toMatchObject({ code: 'CONFIGURATION', message: expect.stringMatching(/publishes no authorization server metadata/) });
    await session.signIn().catch(() => undefined);
    expect(server.paths().filter((path) => path.includes('.well-known'))).toHaveLength(4);
    expect(server.paths().some((path) => !path.includes('.well-known'))).toBe(false);
  });

  it('misuse is a CONFIGURATION error from createSession, before any request', async () => {
    const { server } = await serverWith();
    const store = createMemoryTokenStore();
    expect(() => createSession({ issuer: server.url, store } as never)).toThrow(expect.objectContaining({ code: 'CONFIGURATION', message: expect.stringMatching(/^clientId is required/) }));
    expect(() => createSession({ provider: providers.google(), clientId: 'g', scope: 'openid', store })).toThrow(expect.objectContaining({ code: 'CONFIGURATION' }));
    expect(server.requests).toEqual([]);
  });
});

/**
 * The one front door with any provider, against oidc-provider: `authorize({ issuer })` and
 * `authorize({ provider: await providers.oidc(...) })` sign in through its pages in Chromium, and
 * `createSession({ issuer, store })` with a `client_secret_basic` client signs in, refreshes and
 * signs out, discovering the issuer once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authorize, createMemoryTokenStore, createSession, providers, type CodesEvent } from '../../src/index.js';
import { skipWithoutChromium, useChromium } from '../inspect/support/chromium.js';
import { openPersonTab } from './support/person.js';
import { DEVICE_GRANT, startOidcProvider, type RunningOidcProvider } from './support/provider.js';
import { nextEmitted } from './support/session-events.js';
import { E2E_TEST_TIMEOUT_MS, OFFLINE_SCOPE, signInWithPerson, tokenOf } from './support/sign-in.js';

describe.skipIf(skipWithoutChromium)('authorize and createSession with oidc-provider', { timeout: E2E_TEST_TIMEOUT_MS }, () => {
  const browser = useChromium();
  let server: RunningOidcProvider;
  beforeAll(async () => (server = await startOidcProvider({ intervalSeconds: 1 })));
  afterAll(() => server.close());

  it('authorize({ issuer }) discovers the issuer once and signs in when the person approves', async () => {
    const from = server.requests.length;
    const attempt = await signInWithPerson(browser(), (callbacks) => authorize({ issuer: server.issuer, clientId: server.clients.public.clientId, scope: OFFLINE_SCOPE, ...callbacks }));
    const token = tokenOf(attempt);
    expect(token.refreshToken).toEqual(expect.any(String));
    expect(await server.userinfoStatus(token.accessToken)).toBe(200);
    // What the library sent (not the person's pages).
    const routes = server.requests.slice(from).filter((request) => ['discovery', 'device_authorization', 'token'].includes(request.route ?? ''));
    expect(routes[0]).toMatchObject({ route: 'discovery', path: '/.well-known/oauth-authorization-server' });
    expect(routes.filter((request) => request.route === 'discovery')).toHaveLength(1);
    expect(routes.filter((request) => request.route === 'device_authorization')).toHaveLength(1);
    expect(routes.filter((request) => request.route === 'token').every((request) => request.grantType === DEVICE_GRANT)).toBe(true);
  });

  it('authorize({ provider: providers.oidc(...) }) with a client_secret_post client signs in when the person approves', async () => {
    const provider = await providers.oidc({ issuer: server.issuer });
    const { clientId, clientSecret } = server.clients.post;
    const attempt = await signInWithPerson(browser(), (callbacks) => authorize({ provider, clientId, clientSecret: clientSecret!, scope: OFFLINE_SCOPE, ...callbacks }));
    const token = tokenOf(attempt);
    expect(await server.userinfoStatus(token.accessToken)).toBe(200);
    expect(server.requestsTo('token', DEVICE_GRANT).at(-1)).toMatchObject({ status: 200, clientId, basic: false });
  });

  it('createSession({ issuer, store }) with client_secret_basic signs in, refreshes and signs out', async () => {
    const from = server.requests.length;
    const { clientId, clientSecret } = server.clients.basic;
    const store = createMemoryTokenStore();
    const session = createSession({ issuer: server.issuer, clientId, clientSecret: clientSecret!, clientAuthentication: 'client_secret_basic', scope: OFFLINE_SCOPE, store });
    const person = await openPersonTab(browser());
    try {
      let approval: Promise<void> | undefined;
      session.actor.on('codes', (codes: CodesEvent) => (approval = person.approve(codes)));
      const first = await session.signIn();
      await approval;
      expect(await store.get()).toMatchObject({ accessToken: first.accessToken });

      const refreshed = nextEmitted(session.actor, 'refreshed');
      session.actor.send({ type: 'refresh' });
      const { token: renewed } = await refreshed;
      expect(renewed.accessToken).not.toBe(first.accessToken);
      expect(await session.getAccessToken()).toBe(renewed.accessToken);

      expect(await session.signOut()).toMatchObject({ reason: 'signOut', revoked: true, cleared: true });
      expect(await server.userinfoStatus(renewed.accessToken)).toBe(401);
      expect(await store.get()).toBeUndefined();

      // What the library sent (the person's pages name the client too, without credentials).
      const ours = server.requests.slice(from).filter((request) => ['device_authorization', 'token', 'revocation'].includes(request.route ?? ''));
      expect(ours.every((request) => request.basic && request.clientId === clientId)).toBe(true);
      expect(ours.filter((request) => request.route === 'token' && request.grantType === 'refresh_token')).toHaveLength(1);
      expect(ours.filter((request) => request.route === 'revocation')).toHaveLength(1);
      expect(server.requests.slice(from).filter((request) => request.route === 'discovery')).toHaveLength(1);
    } finally {
      session.stop();
      await person.close();
    }
  });
});

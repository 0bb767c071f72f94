/**
 * A session (`createSession` + `createSessionServices` with the discovered dialect) on
 * oidc-provider, for a public client: signs in through the provider's pages in Chromium, refreshes
 * on its own timer at half the access token's 4 s life, where oidc-provider rotates the refresh
 * token of a public client (the old one dies), hands out the new access token, and signs out:
 * the access token is revoked at the provider (userinfo answers 401) and the store is empty.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryTokenStore, createSession, createSessionServices, type CodesEvent } from '../../src/index.js';
import { skipWithoutChromium, useChromium } from '../inspect/support/chromium.js';
import { openPersonTab } from './support/person.js';
import { DEVICE_GRANT, startOidcProvider, type RunningOidcProvider } from './support/provider.js';
import { nextEmitted } from './support/session-events.js';
import { E2E_TEST_TIMEOUT_MS, clientOptions, discoveredDialect } from './support/sign-in.js';

const ACCESS_TOKEN_SECONDS = 4;

describe.skipIf(skipWithoutChromium)('a session on oidc-provider', { timeout: E2E_TEST_TIMEOUT_MS }, () => {
  const browser = useChromium();
  let server: RunningOidcProvider;
  beforeAll(async () => (server = await startOidcProvider({ intervalSeconds: 1, accessTokenTtlSeconds: ACCESS_TOKEN_SECONDS })));
  afterAll(() => server.close());

  it('signs in on the pages, refreshes on its timer with rotation, and signs out revoking the token', async () => {
    const store = createMemoryTokenStore();
    const session = createSession({ services: createSessionServices(await discoveredDialect(server, clientOptions(server.clients.public)), store) });
    const person = await openPersonTab(browser());
    try {
      let approval: Promise<void> | undefined;
      session.actor.on('codes', (codes: CodesEvent) => (approval = person.approve(codes)));
      const signedIn = nextEmitted(session.actor, 'signedIn');
      const refreshed = nextEmitted(session.actor, 'refreshed');
      const first = await session.signIn();
      await approval;
      expect((await signedIn).via).toBe('deviceAuth');
      expect(first.expiresIn).toBe(ACCESS_TOKEN_SECONDS);
      expect(await store.get()).toMatchObject({ accessToken: first.accessToken, refreshToken: first.refreshToken });

      const { token: renewed, via } = await refreshed;
      const refreshes = server.requestsTo('token', 'refresh_token');
      expect(via).toBe('server');
      expect(refreshes).toHaveLength(1);
      const authorizedAt = server.requestsTo('token', DEVICE_GRANT).at(-1)!.at;
      // Half the access token's life after it was issued (the margin is capped at half), counted
      // from the whole second the answer arrived in (no created_at: the library rounds down).
      expect(refreshes[0]!.at - authorizedAt).toBeGreaterThanOrEqual((ACCESS_TOKEN_SECONDS * 1000) / 2 - 1000);
      expect(refreshes[0]!.at - authorizedAt).toBeLessThan(ACCESS_TOKEN_SECONDS * 1000);
      expect(renewed.accessToken).not.toBe(first.accessToken);
      expect(renewed.refreshToken).not.toBe(first.refreshToken);
      expect(await server.isRefreshTokenActive(first.refreshToken!)).toBe(false);
      expect(await server.isRefreshTokenActive(renewed.refreshToken!)).toBe(true);
      expect(await store.get()).toMatchObject({ accessToken: renewed.accessToken, refreshToken: renewed.refreshToken });
      expect(await session.getAccessToken()).toBe(renewed.accessToken);
      expect(await server.userinfoStatus(renewed.accessToken)).toBe(200);

      expect(await session.signOut()).toMatchObject({ reason: 'signOut', revoked: true, cleared: true });
      expect(server.requestsTo('revocation')).toEqual([expect.objectContaining({ status: 200, clientId: server.clients.public.clientId })]);
      expect(await server.isAccessTokenActive(renewed.accessToken)).toBe(false);
      expect(await server.userinfoStatus(renewed.accessToken)).toBe(401);
      expect(await store.get()).toBeUndefined();
      expect(await session.getAccessToken()).toBeUndefined();
      // oidc-provider also dropped the refresh token with the revoked access token's grant.
      expect(await server.isRefreshTokenActive(renewed.refreshToken!)).toBe(false);
      expect(server.requestsTo('token', 'refresh_token')).toHaveLength(1);
    } finally {
      session.stop();
      await person.close();
    }
  });
});

/**
 * A session (`createSession` + `createSessionServices` with the discovered dialect) on
 * oidc-provider, for a public client: signs in through the provider's pages in Chromium, refreshes
 * on its own timer at half the access token's 4 s life, where oidc-provider rotates the refresh
 * token of a public client (the old one dies), hands out the new access token, and signs out:
 * the access token is revoked at the provider (userinfo answers 401) and the store is empty.
 * A second holder of an already rotated pair hears invalid_grant and its session ends; the
 * provider then revokes the whole grant, so the first holder's session ends at its next refresh.
 * Without `offline_access` the provider issues no refresh token, and the session ends when the
 * access token expires (`tokenExpired`) without a single refresh request.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryTokenStore, createSession, createSessionServices, type CodesEvent, type DeviceToken } from '../../src/index.js';
import { skipWithoutChromium, useChromium } from '../inspect/support/chromium.js';
import { openPersonTab } from './support/person.js';
import { DEVICE_GRANT, startOidcProvider, type RunningOidcProvider } from './support/provider.js';
import { nextEmitted } from './support/session-events.js';
import { E2E_TEST_TIMEOUT_MS, clientOptions, discoveredDialect, signInThroughPages, tokenOf } from './support/sign-in.js';

const ACCESS_TOKEN_SECONDS = 4;

describe.skipIf(skipWithoutChromium)('a session on oidc-provider', { timeout: E2E_TEST_TIMEOUT_MS }, () => {
  const browser = useChromium();
  let server: RunningOidcProvider;
  /** A provider with hour-long access tokens: no refresh happens unless a test asks for one. */
  let hourly: RunningOidcProvider;
  beforeAll(async () => {
    server = await startOidcProvider({ intervalSeconds: 1, accessTokenTtlSeconds: ACCESS_TOKEN_SECONDS });
    hourly = await startOidcProvider({ intervalSeconds: 1 });
  });
  afterAll(async () => {
    await server.close();
    await hourly.close();
  });

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

  it('ends a session holding a refresh token another holder already rotated: invalid_grant, sessionEnded, store cleared', async () => {
    const client = clientOptions(hourly.clients.public);
    const first = tokenOf(await signInThroughPages(hourly, browser(), client));
    const sessionWith = async (token: DeviceToken) => {
      const store = createMemoryTokenStore(token);
      const session = createSession({ services: createSessionServices(await discoveredDialect(hourly, client), store) });
      await session.ready();
      return { store, session };
    };
    const holder = await sessionWith(first);
    const late = await sessionWith(first);
    try {
      const refreshed = nextEmitted(holder.session.actor, 'refreshed');
      holder.session.actor.send({ type: 'refresh' });
      const { token: renewed } = await refreshed;
      expect(renewed.refreshToken).not.toBe(first.refreshToken);

      const ended = nextEmitted(late.session.actor, 'sessionEnded');
      const signedOut = nextEmitted(late.session.actor, 'signedOut');
      late.session.actor.send({ type: 'refresh' });
      expect(await ended).toMatchObject({ reason: 'invalidGrant', error: expect.objectContaining({ code: 'INVALID_GRANT' }) });
      expect(await signedOut).toMatchObject({ reason: 'invalidGrant', cleared: true });
      expect(await late.store.get()).toBeUndefined();
      expect(await late.session.getAccessToken()).toBeUndefined();
      const refreshes = hourly.requestsTo('token', 'refresh_token');
      expect(refreshes.map((request) => [request.status, request.error])).toEqual([
        [200, undefined],
        [400, 'invalid_grant'],
      ]);
      // Nothing retried a dead refresh token.
      expect(late.session.actor.getSnapshot().matches('signedOut')).toBe(true);

      // oidc-provider takes a rotated refresh token coming back as theft and revokes the whole
      // grant: the holder's new pair is dead too, and its next refresh ends its session the same way.
      expect(await hourly.isRefreshTokenActive(renewed.refreshToken!)).toBe(false);
      expect(await hourly.userinfoStatus(renewed.accessToken)).toBe(401);
      const holderSignedOut = nextEmitted(holder.session.actor, 'signedOut');
      holder.session.actor.send({ type: 'refresh' });
      expect(await holderSignedOut).toMatchObject({ reason: 'invalidGrant', cleared: true });
      expect(await holder.store.get()).toBeUndefined();
      expect(hourly.requestsTo('token', 'refresh_token')).toHaveLength(3);
    } finally {
      holder.session.stop();
      late.session.stop();
    }
  });

  it('without offline_access gets no refresh token, and ends at expiry with tokenExpired, never asking for a refresh', async () => {
    const store = createMemoryTokenStore();
    const client = { ...clientOptions(server.clients.public), scope: 'openid' };
    const session = createSession({ services: createSessionServices(await discoveredDialect(server, client), store) });
    const person = await openPersonTab(browser());
    const refreshesBefore = server.requestsTo('token', 'refresh_token').length;
    try {
      let approval: Promise<void> | undefined;
      session.actor.on('codes', (codes: CodesEvent) => (approval = person.approve(codes)));
      const ended = nextEmitted(session.actor, 'sessionEnded');
      const signedOut = nextEmitted(session.actor, 'signedOut');
      const token = await session.signIn();
      await approval;
      expect(token.refreshToken).toBeUndefined();
      expect(token.scope).toBe('openid');

      expect(await ended).toMatchObject({ reason: 'tokenExpired' });
      expect(await signedOut).toMatchObject({ reason: 'tokenExpired', cleared: true });
      expect(Date.now()).toBeGreaterThanOrEqual(token.expiresAt - 50);
      expect(await store.get()).toBeUndefined();
      expect(server.requestsTo('token', 'refresh_token')).toHaveLength(refreshesBefore);
      expect(server.requestsTo('revocation').filter((request) => request.at >= token.createdAt * 1000)).toHaveLength(0);
    } finally {
      session.stop();
      await person.close();
    }
  });
});

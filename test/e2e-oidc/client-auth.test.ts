/**
 * Client authentication against oidc-provider (RFC 6749 §2.3.1): a confidential client signs in
 * on the provider's pages, refreshes and signs out with its secret in the form body
 * (`client_secret_post`) or in HTTP Basic (`client_secret_basic`), and the provider identified
 * that client on every request; a wrong secret is a CONFIGURATION error before any code is shown.
 * Confidential clients keep their refresh token: oidc-provider rotates theirs only once 70 % of
 * its life has passed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createMemoryTokenStore,
  createProviderServices,
  createSession,
  createSessionServices,
  DeviceAuthError,
  providers,
  runDeviceAuth,
  type ClientAuthentication,
} from '../../src/index.js';
import { skipWithoutChromium, useChromium } from '../inspect/support/chromium.js';
import { startOidcProvider, type RunningOidcProvider } from './support/provider.js';
import { E2E_TEST_TIMEOUT_MS, clientOptions, discoveredDialect, signInThroughPages, tokenOf } from './support/sign-in.js';
import { nextEmitted } from './support/session-events.js';

describe.skipIf(skipWithoutChromium)('client authentication at oidc-provider', { timeout: E2E_TEST_TIMEOUT_MS }, () => {
  const browser = useChromium();
  let server: RunningOidcProvider;
  beforeAll(async () => (server = await startOidcProvider({ intervalSeconds: 1 })));
  afterAll(() => server.close());

  it.each<[ClientAuthentication, 'post' | 'basic']>([
    ['client_secret_post', 'post'],
    ['client_secret_basic', 'basic'],
  ])('%s: signs in, refreshes without rotation and revokes, the provider identifying the client each time', async (method, which) => {
    const registered = server.clients[which];
    const client = clientOptions(registered, method);
    const from = server.requests.length;
    const token = tokenOf(await signInThroughPages(server, browser(), client));
    expect(token.refreshToken).toEqual(expect.any(String));

    const store = createMemoryTokenStore(token);
    const session = createSession({ services: createSessionServices(await discoveredDialect(server, client), store) });
    await session.ready();
    const refreshed = nextEmitted(session.actor, 'refreshed');
    session.actor.send({ type: 'refresh' });
    const { token: renewed, via } = await refreshed;
    expect(via).toBe('server');
    expect(renewed.accessToken).not.toBe(token.accessToken);
    expect(renewed.refreshToken).toBe(token.refreshToken);
    expect(await server.isRefreshTokenActive(token.refreshToken!)).toBe(true);
    expect(await server.userinfoStatus(renewed.accessToken)).toBe(200);

    expect(await session.signOut()).toMatchObject({ reason: 'signOut', revoked: true, cleared: true });
    session.stop();
    expect(await server.isAccessTokenActive(renewed.accessToken)).toBe(false);
    expect(await server.userinfoStatus(renewed.accessToken)).toBe(401);
    expect(await store.get()).toBeUndefined();

    const machineRequests = server.requests.slice(from).filter((request) => ['device_authorization', 'token', 'revocation'].includes(request.route ?? ''));
    expect(machineRequests.map((request) => request.route)).toEqual(expect.arrayContaining(['device_authorization', 'token', 'revocation']));
    expect(machineRequests.filter((request) => request.route === 'revocation')).toHaveLength(1);
    expect(server.requestsTo('token', 'refresh_token').filter((request) => request.clientId === registered.clientId)).toHaveLength(1);
    for (const request of machineRequests) {
      expect(request).toMatchObject({ clientId: registered.clientId, basic: method === 'client_secret_basic' });
      expect(request.status).toBeLessThan(500);
      expect(request.error === undefined || request.error === 'authorization_pending').toBe(true);
    }
  });

  it.each<[ClientAuthentication, 'post' | 'basic']>([
    ['client_secret_post', 'post'],
    ['client_secret_basic', 'basic'],
  ])('%s with a wrong secret: CONFIGURATION from the device authorization request, no codes, no poll', async (method, which) => {
    const client = { ...clientOptions(server.clients[which], method), clientSecret: 'not-the-secret' };
    const services = createProviderServices(await providers.oidc({ issuer: server.issuer }), client);
    const from = server.requests.length;
    let shown = false;
    const error = await runDeviceAuth(services, { onCodes: () => (shown = true) }).then(
      () => undefined,
      (failure: unknown) => failure,
    );
    expect(error).toBeInstanceOf(DeviceAuthError);
    expect((error as DeviceAuthError).code).toBe('CONFIGURATION');
    expect((error as DeviceAuthError).message).not.toContain('not-the-secret');
    expect(shown).toBe(false);
    const requests = server.requests.slice(from).filter((request) => request.route !== 'discovery');
    expect(requests).toEqual([expect.objectContaining({ route: 'device_authorization', status: 401, error: 'invalid_client' })]);
  });
});

/**
 * Sign-in against oidc-provider (a provider this project did not write), approved on its own
 * pages in Chromium: discovery of the issuer, `providers.oidc` + `createProviderServices` +
 * `runDeviceAuth`, the code typed by hand and followed as a pre-filled link, and the polls
 * spaced by the interval the server asked for.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { discoverAuthorizationServer } from '../../src/index.js';
import { skipWithoutChromium, useChromium } from '../inspect/support/chromium.js';
import type { Arrival } from './support/person.js';
import { DEVICE_GRANT, startOidcProvider, type RunningOidcProvider } from './support/provider.js';
import { ARRIVAL_JITTER_MS, E2E_TEST_TIMEOUT_MS, clientOptions, pollGaps, signInThroughPages, tokenOf } from './support/sign-in.js';

describe.skipIf(skipWithoutChromium)('sign-in against oidc-provider, approved on its pages in Chromium', { timeout: E2E_TEST_TIMEOUT_MS }, () => {
  const browser = useChromium();
  let server: RunningOidcProvider;
  beforeAll(async () => (server = await startOidcProvider({ intervalSeconds: 1 })));
  afterAll(() => server.close());

  it('discovers the issuer: device authorization, token and revocation endpoints from its metadata', async () => {
    const metadata = await discoverAuthorizationServer(server.issuer);
    expect(metadata).toMatchObject({
      issuer: server.issuer,
      deviceAuthorizationEndpoint: `${server.issuer}/device/auth`,
      tokenEndpoint: `${server.issuer}/token`,
      revocationEndpoint: `${server.issuer}/token/revocation`,
      source: `${server.issuer}/.well-known/oauth-authorization-server`,
    });
    expect(metadata.grantTypesSupported).toContain(DEVICE_GRANT);
    expect(metadata.tokenEndpointAuthMethodsSupported).toEqual(expect.arrayContaining(['none', 'client_secret_post', 'client_secret_basic']));
  });

  it.each<Arrival>(['typesCode', 'followsCompleteLink'])('signs in when the person %s, polling once a second until approved', async (arrival) => {
    const from = server.requests.length;
    const tokenPolls = () => server.requests.slice(from).filter((request) => request.route === 'token' && request.clientId === server.clients.public.clientId);
    const attempt = await signInThroughPages(server, browser(), clientOptions(server.clients.public), async (person, codes) => {
      // The person finishes only after the first poll, so the polls show the wait (a fast machine
      // gets through the pages in less than the interval).
      await expect.poll(() => tokenPolls().length, { timeout: 10_000 }).toBeGreaterThan(0);
      return person.approve(codes, { arrival });
    });
    const token = tokenOf(attempt);
    const shown = attempt.codes!;

    expect(shown).toMatchObject({ verificationUrl: `${server.issuer}/device`, interval: 1 });
    expect(shown.verificationUrlComplete).toBe(`${server.issuer}/device?user_code=${shown.userCode}`);
    expect(token.tokenType).toBe('Bearer');
    expect(token.scope?.split(' ').sort()).toEqual(['offline_access', 'openid']);
    expect(token.refreshToken).toEqual(expect.any(String));
    expect(token.expiresIn).toBe(3600);
    expect(await server.isAccessTokenActive(token.accessToken)).toBe(true);
    expect(await server.userinfoStatus(token.accessToken)).toBe(200);

    const ours = server.requests.slice(from).filter((request) => request.clientId === server.clients.public.clientId);
    const polls = ours.filter((request) => request.route === 'token');
    expect(ours.filter((request) => request.route === 'device_authorization')).toHaveLength(1);
    expect(polls.every((poll) => poll.grantType === DEVICE_GRANT)).toBe(true);
    // Pending until the person finished on the pages, then exactly one authorized poll.
    expect(polls.length).toBeGreaterThanOrEqual(2);
    expect(polls.slice(0, -1).every((poll) => poll.status === 400 && poll.error === 'authorization_pending')).toBe(true);
    expect(polls.at(-1)).toMatchObject({ status: 200, error: undefined });
    const gaps = pollGaps(ours);
    expect(gaps).toHaveLength(polls.length);
    for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(1000 - ARRIVAL_JITTER_MS);
    // The pages ask for a web font; the browser may reach nothing but the provider.
    expect(attempt.blocked.every((origin) => origin === 'https://fonts.googleapis.com')).toBe(true);
  });
});

describe.skipIf(skipWithoutChromium)('sign-in against oidc-provider as shipped (no interval in its answer)', { timeout: E2E_TEST_TIMEOUT_MS }, () => {
  const browser = useChromium();
  let server: RunningOidcProvider;
  beforeAll(async () => (server = await startOidcProvider()));
  afterAll(() => server.close());

  it('polls every 5 s, the RFC 8628 default, and is signed in at the first poll after approval', async () => {
    const attempt = await signInThroughPages(server, browser(), clientOptions(server.clients.public));
    const token = tokenOf(attempt);
    expect(attempt.codes).toMatchObject({ interval: 5 });
    expect(attempt.codes).not.toHaveProperty('intervalRaisedFrom');
    expect(await server.userinfoStatus(token.accessToken)).toBe(200);

    const polls = server.requestsTo('token', DEVICE_GRANT);
    expect(polls.at(-1)).toMatchObject({ status: 200 });
    expect(polls.slice(0, -1).every((poll) => poll.error === 'authorization_pending')).toBe(true);
    const gaps = pollGaps(server.requests);
    expect(gaps).toHaveLength(polls.length);
    for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(5000 - ARRIVAL_JITTER_MS);
  });
});

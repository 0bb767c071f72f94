/**
 * Sign-in against oidc-provider (a provider this project did not write), approved on its own
 * pages in Chromium: discovery of the issuer, `providers.oidc` + `createProviderServices` +
 * `runDeviceAuth`, the code typed by hand and followed as a pre-filled link, and the polls
 * spaced by the interval the server asked for.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProviderServices, discoverAuthorizationServer, providers, runDeviceAuth, type CodesEvent } from '../../src/index.js';
import { skipWithoutChromium, useChromium } from '../inspect/support/chromium.js';
import { openPersonTab, type Arrival } from './support/person.js';
import { DEVICE_GRANT, startOidcProvider, type RunningOidcProvider } from './support/provider.js';

describe.skipIf(skipWithoutChromium)('sign-in against oidc-provider, approved on its pages in Chromium', () => {
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
    const preset = await providers.oidc({ issuer: server.issuer });
    const services = createProviderServices(preset, { clientId: server.clients.public.clientId, scope: 'openid offline_access' });
    const person = await openPersonTab(browser());
    const from = server.requests.length;
    let shown: CodesEvent | undefined;
    let approval: Promise<void> | undefined;
    try {
      const token = await runDeviceAuth(services, {
        onCodes: (codes) => {
          shown = codes;
          approval = person.approve(codes, { arrival });
        },
      });
      await approval;

      expect(shown).toMatchObject({ verificationUrl: `${server.issuer}/device`, interval: 1 });
      expect(shown!.verificationUrlComplete).toBe(`${server.issuer}/device?user_code=${shown!.userCode}`);
      expect(token.tokenType).toBe('Bearer');
      expect(token.scope?.split(' ').sort()).toEqual(['offline_access', 'openid']);
      expect(token.refreshToken).toEqual(expect.any(String));
      expect(token.expiresIn).toBe(3600);
      expect(await server.isAccessTokenActive(token.accessToken)).toBe(true);
      expect(await server.userinfoStatus(token.accessToken)).toBe(200);

      const ours = server.requests.slice(from).filter((request) => request.clientId === server.clients.public.clientId);
      const codesRequest = ours.filter((request) => request.route === 'device_authorization');
      const polls = ours.filter((request) => request.route === 'token');
      expect(codesRequest).toHaveLength(1);
      expect(polls.every((poll) => poll.grantType === DEVICE_GRANT)).toBe(true);
      // Pending until the person finished on the pages, then exactly one authorized poll.
      expect(polls.slice(0, -1).every((poll) => poll.status === 400 && poll.error === 'authorization_pending')).toBe(true);
      expect(polls.at(-1)).toMatchObject({ status: 200, error: undefined });
      expect(polls.length).toBeGreaterThanOrEqual(2);
      const gaps = [codesRequest[0]!, ...polls].slice(1).map((poll, index, all) => poll.at - (index === 0 ? codesRequest[0]!.at : all[index - 1]!.at));
      for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(995);
      expect(person.blocked.every((origin) => origin.startsWith('https://fonts.'))).toBe(true);
    } finally {
      await person.close();
    }
  });
});

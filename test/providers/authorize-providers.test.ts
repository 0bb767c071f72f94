/**
 * authorize() with every way of naming a provider (a preset, an issuer to discover, explicit
 * endpoints, Trakt options as before), its misuse refused before any request, and the cost fix
 * of issue 12: one provided machine per services object, one services object per equal options.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { deviceAuthMachine } from '../../src/machines/device-auth.machine.js';
import { authorize, runDeviceAuth, type AuthorizeOptions, type CodesEvent } from '../../src/services/clients/authorize.js';
import { deviceFlowServicesNow } from '../../src/services/clients/device-flow-services-for.js';
import { providers } from '../../src/services/providers/providers.js';
import { scriptedServices, authorized } from '../support/scripted-services.js';
import { startRfc8628Server, type Rfc8628Server } from './authorize-rfc8628-server.js';

let server: Rfc8628Server;
beforeAll(async () => (server = await startRfc8628Server()));
afterAll(() => server.close());
afterEach(() => {
  server.requests.length = 0;
  vi.restoreAllMocks();
});

const TOKEN = { accessToken: expect.stringMatching(/^at-\d+$/), refreshToken: expect.stringMatching(/^rt-\d+$/), tokenType: 'Bearer', scope: 'read' };

async function failureOf(options: unknown): Promise<{ code: string; message: string }> {
  const error = (await authorize(options as AuthorizeOptions).then(
    () => undefined,
    (thrown: unknown) => thrown,
  )) as { code: string; message: string } | undefined;
  expect(error).toBeDefined();
  return { code: error!.code, message: error!.message };
}

describe('authorize() with any provider', () => {
  it('a preset: the device flow at the preset’s endpoints, the codes shown once', async () => {
    const codes: CodesEvent[] = [];
    const github = providers.github({ deviceAuthorizationEndpoint: `${server.url}/device_authorization`, tokenEndpoint: `${server.url}/token` });
    const token = await authorize({ provider: github, clientId: 'Iv1.test', onCodes: (event) => codes.push(event) });
    expect(token).toMatchObject(TOKEN);
    expect(codes.map(({ userCode, verificationUrl }) => ({ userCode, verificationUrl }))).toEqual([{ userCode: 'WDJB-MJHT', verificationUrl: `${server.url}/device` }]);
    expect(server.paths()).toEqual(['/device_authorization', '/token', '/token']);
  });

  it('an issuer: discovered (RFC 8414), then the device flow at the endpoints it lists', async () => {
    const token = await authorize({ issuer: server.url, clientId: 'tv', scope: 'read' });
    expect(token).toMatchObject(TOKEN);
    expect(server.paths()).toEqual(['/.well-known/oauth-authorization-server', '/device_authorization', '/token', '/token']);
    expect(Object.fromEntries(new URLSearchParams(server.requests[1]!.body))).toEqual({ client_id: 'tv', scope: 'read' });
  });

  it('explicit endpoints: no discovery, the client secret sent as client_secret_basic when asked', async () => {
    const token = await authorize({
      deviceAuthorizationEndpoint: `${server.url}/device_authorization`,
      tokenEndpoint: `${server.url}/token`,
      clientId: 'tv',
      clientSecret: 'tv-secret',
      clientAuthentication: 'client_secret_basic',
    });
    expect(token).toMatchObject(TOKEN);
    expect(server.paths()).toEqual(['/device_authorization', '/token', '/token']);
    expect(server.requests.every((request) => request.headers.authorization === `Basic ${btoa('tv:tv-secret')}`)).toBe(true);
  });

  it('rejects a denial with DENIED, like the Trakt flow', async () => {
    server.options.deny = true;
    try {
      expect(await failureOf({ issuer: server.url, clientId: 'tv' })).toEqual({ code: 'DENIED', message: 'The person declined the sign-in request.' });
    } finally {
      server.options.deny = false;
    }
  });
});

describe('misuse is a CONFIGURATION error before any request', () => {
  const endpoints = () => ({ deviceAuthorizationEndpoint: `${server.url}/device_authorization`, tokenEndpoint: `${server.url}/token` });
  const cases: Array<[string, () => unknown, RegExp]> = [
    ['an issuer and endpoints', () => ({ issuer: server.url, ...endpoints(), clientId: 'tv' }), /^Choose one way to name the provider, not issuer and endpoints/],
    ['a preset and an issuer', () => ({ provider: providers.gitlab(), issuer: server.url, clientId: 'tv' }), /not provider and issuer/],
    ['a preset and endpoints', () => ({ provider: providers.gitlab(), tokenEndpoint: `${server.url}/token`, clientId: 'tv' }), /not provider and endpoints/],
    ['no client id (issuer)', () => ({ issuer: server.url }), /^clientId is required/],
    ['no client id (preset)', () => ({ provider: providers.github(), clientId: ' ' }), /^clientId is required/],
    ['a preset that needs a secret, without one', () => ({ provider: providers.google(), clientId: 'g', scope: 'openid' }), /^Google needs a clientSecret/],
    ['a preset that needs a scope, without one', () => ({ provider: providers.microsoft({ tenant: 'common' }), clientId: 'm' }), /^Microsoft needs a scope/],
    ['a token endpoint alone', () => ({ tokenEndpoint: `${server.url}/token`, clientId: 'tv' }), /deviceAuthorizationEndpoint/],
    ['a promise for a preset', () => ({ provider: providers.oidc({ issuer: 'https://id.example.com' }).catch(() => undefined), clientId: 'tv' }), /^provider is a promise/],
    ['not a preset', () => ({ provider: 'github', clientId: 'tv' }), /^provider must be a preset/],
    ['Trakt’s baseUrl with an issuer', () => ({ issuer: server.url, baseUrl: 'https://api.trakt.tv', clientId: 'tv' }), /^baseUrl belong to Trakt/],
    ['an issuer with a query', () => ({ issuer: `${server.url}/?tenant=x`, clientId: 'tv' }), /no query or fragment/],
    ['a secret with client authentication none', () => ({ issuer: server.url, clientId: 'tv', clientSecret: 's', clientAuthentication: 'none' }), /./],
    ['Trakt without a secret', () => ({ clientId: 'trakt-id' }), /secret/i],
  ];
  for (const [name, options, message] of cases) {
    it(name, async () => {
      const failure = await failureOf(options());
      expect(failure.code).toBe('CONFIGURATION');
      expect(failure.message).toMatch(message);
      expect(server.requests).toEqual([]);
    });
  }

  it('mixing ways is a type error too', () => {
    // @ts-expect-error an issuer and endpoints at once
    const both: AuthorizeOptions = { issuer: 'https://id.example.com', tokenEndpoint: 'https://id.example.com/token', deviceAuthorizationEndpoint: 'https://id.example.com/device', clientId: 'tv' };
    // @ts-expect-error Trakt's baseUrl on a preset
    const presetWithBase: AuthorizeOptions = { provider: providers.github(), baseUrl: 'https://api.trakt.tv', clientId: 'tv' };
    // @ts-expect-error a scope for Trakt
    const traktScope: AuthorizeOptions = { clientId: 'id', clientSecret: 'secret', scope: 'public' };
    expect([both, presetWithBase, traktScope]).toHaveLength(3);
  });
});

describe('one provided machine per services object (issue 12)', () => {
  it('two sign-ins with the same services provide the machine once', async () => {
    const provide = vi.spyOn(deviceAuthMachine, 'provide');
    const services = scriptedServices({ codes: { interval: 0.001 }, polls: [authorized] });
    await runDeviceAuth(services);
    await runDeviceAuth(services);
    expect(provide).toHaveBeenCalledTimes(1);
    const other = scriptedServices({ codes: { interval: 0.001 }, polls: [authorized] });
    await runDeviceAuth(other);
    expect(provide).toHaveBeenCalledTimes(2);
  });

  it('authorize() with equal options reuses one services object and one provided machine', async () => {
    const provide = vi.spyOn(deviceAuthMachine, 'provide');
    const fetch = globalThis.fetch.bind(globalThis);
    const options = () => ({
      provider: providers.gitlab({ deviceAuthorizationEndpoint: `${server.url}/device_authorization`, tokenEndpoint: `${server.url}/token` }),
      clientId: 'tv',
      fetch,
      onCodes: () => undefined,
    });
    await authorize(options());
    await authorize(options());
    expect(provide).toHaveBeenCalledTimes(1);
    expect(deviceFlowServicesNow(options())).toBe(deviceFlowServicesNow(options()));
    expect(deviceFlowServicesNow({ ...options(), clientId: 'another' })).not.toBe(deviceFlowServicesNow(options()));
    expect(deviceFlowServicesNow({ ...options(), fetch: (...args: Parameters<typeof fetch>) => fetch(...args) })).not.toBe(deviceFlowServicesNow(options()));
  });
});

/**
 * Discovery (RFC 8414, OpenID Connect Discovery) of oidc-provider as apps deploy it: mounted
 * under a path, where the RFC 8414 address answers 404 and the OpenID one answers; an issuer
 * typed with a trailing slash (another issuer, RFC 8414 §3.3); a server without the device flow.
 * Then a sign-in at the mounted issuer through its pages in Chromium.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authorize, DeviceAuthError, discoverAuthorizationServer } from '../../src/index.js';
import { skipWithoutChromium, useChromium } from '../inspect/support/chromium.js';
import { startOidcProvider, type RunningOidcProvider } from './support/provider.js';
import { E2E_TEST_TIMEOUT_MS, OFFLINE_SCOPE, signInWithPerson, tokenOf } from './support/sign-in.js';

const MOUNT = '/tenant';

async function failure(promise: Promise<unknown>): Promise<DeviceAuthError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(DeviceAuthError);
  return error as DeviceAuthError;
}

describe('discovery of oidc-provider mounted under a path', { timeout: E2E_TEST_TIMEOUT_MS }, () => {
  let server: RunningOidcProvider;
  let origin: string;
  beforeAll(async () => {
    server = await startOidcProvider({ intervalSeconds: 1, mountPath: MOUNT });
    origin = new URL(server.issuer).origin;
  });
  afterAll(() => server.close());

  it('falls back from the RFC 8414 address (404) to the OpenID one and finds the endpoints under the path', async () => {
    const from = server.requests.length;
    const metadata = await discoverAuthorizationServer(server.issuer);
    expect(server.issuer).toBe(`${origin}${MOUNT}`);
    expect(metadata).toMatchObject({
      issuer: server.issuer,
      deviceAuthorizationEndpoint: `${server.issuer}/device/auth`,
      tokenEndpoint: `${server.issuer}/token`,
      revocationEndpoint: `${server.issuer}/token/revocation`,
      source: `${server.issuer}/.well-known/openid-configuration`,
    });
    expect(server.requests.slice(from).map((request) => [request.path, request.status])).toEqual([
      [`/.well-known/oauth-authorization-server${MOUNT}`, 404],
      ['/.well-known/openid-configuration', 200],
    ]);
  });

  it('refuses the issuer typed with a trailing slash: the metadata names another issuer (RFC 8414 §3.3)', async () => {
    const error = await failure(discoverAuthorizationServer(`${server.issuer}/`));
    expect(error.code).toBe('INVALID_RESPONSE');
    expect(error.message).toContain(`"issuer" (${server.issuer}) must equal the configured issuer (${server.issuer}/) exactly`);
  });

  it('names both addresses when neither answers (an issuer path the server does not have)', async () => {
    const error = await failure(discoverAuthorizationServer(`${origin}/elsewhere`));
    expect(error.code).toBe('CONFIGURATION');
    expect(error.message).toContain(`${origin}/.well-known/oauth-authorization-server/elsewhere and ${origin}/elsewhere/.well-known/openid-configuration both answered HTTP 404`);
  });
});

describe('discovery of oidc-provider without the device flow', () => {
  let server: RunningOidcProvider;
  beforeAll(async () => (server = await startOidcProvider({ deviceFlow: false })));
  afterAll(() => server.close());

  it('is a CONFIGURATION error saying the server does not offer the device grant, before any sign-in request', async () => {
    const error = await failure(authorize({ issuer: server.issuer, clientId: server.clients.public.clientId }));
    expect(error.code).toBe('CONFIGURATION');
    expect(error.message).toContain(`${server.issuer} does not offer the device authorization grant (RFC 8628)`);
    expect(server.requests.map((request) => request.route)).toEqual(['discovery']);
  });
});

describe.skipIf(skipWithoutChromium)('sign-in at a mounted oidc-provider, approved on its pages in Chromium', { timeout: E2E_TEST_TIMEOUT_MS }, () => {
  const browser = useChromium();
  let server: RunningOidcProvider;
  beforeAll(async () => (server = await startOidcProvider({ intervalSeconds: 1, mountPath: MOUNT })));
  afterAll(() => server.close());

  it('shows the verification address under the path and signs in', async () => {
    const attempt = await signInWithPerson(browser(), (callbacks) => authorize({ issuer: server.issuer, clientId: server.clients.public.clientId, scope: OFFLINE_SCOPE, ...callbacks }));
    const token = tokenOf(attempt);
    expect(attempt.codes?.verificationUrl).toBe(`${server.issuer}/device`);
    expect(await server.userinfoStatus(token.accessToken)).toBe(200);
  });
});

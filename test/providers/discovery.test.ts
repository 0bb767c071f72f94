import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeviceAuthError } from '../../src/core/errors.js';
import { discoverAuthorizationServer } from '../../src/services/discovery/discover.js';
import { wellKnownUrls } from '../../src/services/discovery/well-known.js';
import { json, startLoopbackServer, type RecordedHttpRequest, type ScriptedAnswer } from '../support/loopback-server.js';

let routes: Record<string, ScriptedAnswer> = {};
let server: Awaited<ReturnType<typeof startLoopbackServer>>;
beforeAll(async () => (server = await startLoopbackServer((request: RecordedHttpRequest) => routes[request.path] ?? json(404, { error: 'not_found' }))));
afterAll(() => server.close());

const DEVICE = 'urn:ietf:params:oauth:grant-type:device_code';
const metadata = (issuer: string, extra: Record<string, unknown> = {}) => ({
  issuer,
  device_authorization_endpoint: `${server.url}/device`,
  token_endpoint: `${server.url}/token`,
  revocation_endpoint: `${server.url}/revoke`,
  grant_types_supported: ['authorization_code', 'refresh_token', DEVICE],
  ...extra,
});

async function failure(issuer: string): Promise<DeviceAuthError> {
  const error = await discoverAuthorizationServer(issuer).then(() => undefined, (thrown: unknown) => thrown);
  expect(error).toBeInstanceOf(DeviceAuthError);
  return error as DeviceAuthError;
}

const paths = () => server.requests.map((request) => request.path);

describe('discoverAuthorizationServer (RFC 8414)', () => {
  it('builds both addresses: inserted before the issuer path (RFC 8414 §3.1), appended for OpenID', () => {
    expect(wellKnownUrls('https://login.example.com/tenant/v2.0/')).toEqual({
      oauth: 'https://login.example.com/.well-known/oauth-authorization-server/tenant/v2.0',
      openid: 'https://login.example.com/tenant/v2.0/.well-known/openid-configuration',
    });
    expect(() => wellKnownUrls('https://login.example.com/?tenant=x')).toThrow(expect.objectContaining({ code: 'CONFIGURATION' }));
    expect(() => wellKnownUrls('http://login.example.com')).toThrow(expect.objectContaining({ code: 'CONFIGURATION' }));
  });

  it('reads the endpoints from the first address', async () => {
    server.requests.length = 0;
    routes = { '/.well-known/oauth-authorization-server': json(200, metadata(server.url, { token_endpoint_auth_methods_supported: ['none'] })) };
    expect(await discoverAuthorizationServer(server.url)).toEqual({
      issuer: server.url,
      deviceAuthorizationEndpoint: `${server.url}/device`,
      tokenEndpoint: `${server.url}/token`,
      revocationEndpoint: `${server.url}/revoke`,
      grantTypesSupported: ['authorization_code', 'refresh_token', DEVICE],
      tokenEndpointAuthMethodsSupported: ['none'],
      source: `${server.url}/.well-known/oauth-authorization-server`,
    });
    expect(paths()).toEqual(['/.well-known/oauth-authorization-server']);
    expect(server.requests[0]!.method).toBe('GET');
  });

  it('falls back to the OpenID configuration on 404, for an issuer with a path', async () => {
    server.requests.length = 0;
    const issuer = `${server.url}/realms/tv`;
    routes = { '/realms/tv/.well-known/openid-configuration': json(200, metadata(issuer, { revocation_endpoint: undefined, grant_types_supported: undefined })) };
    expect(await discoverAuthorizationServer(issuer)).toEqual({
      issuer,
      deviceAuthorizationEndpoint: `${server.url}/device`,
      tokenEndpoint: `${server.url}/token`,
      source: `${issuer}/.well-known/openid-configuration`,
    });
    expect(paths()).toEqual(['/.well-known/oauth-authorization-server/realms/tv', '/realms/tv/.well-known/openid-configuration']);
  });

  it('reads an issuer with a path at the RFC 8414 address first', async () => {
    server.requests.length = 0;
    const issuer = `${server.url}/tenant`;
    routes = { '/.well-known/oauth-authorization-server/tenant': json(200, metadata(issuer)) };
    expect((await discoverAuthorizationServer(issuer)).source).toBe(`${server.url}/.well-known/oauth-authorization-server/tenant`);
    expect(paths()).toEqual(['/.well-known/oauth-authorization-server/tenant']);
  });

  it('is a CONFIGURATION error when both addresses answer 404', async () => {
    routes = {};
    const error = await failure(server.url);
    expect([error.code, error.status]).toEqual(['CONFIGURATION', 404]);
    expect(error.message).toBe(
      `${server.url} publishes no authorization server metadata: ${server.url}/.well-known/oauth-authorization-server and ` +
        `${server.url}/.well-known/openid-configuration both answered HTTP 404. Check the issuer, or pass the device authorization and token endpoints yourself.`,
    );
  });

  it('refuses a document that is not JSON, or has a field of the wrong type', async () => {
    const source = `${server.url}/.well-known/oauth-authorization-server`;
    routes = { '/.well-known/oauth-authorization-server': { status: 200, headers: { 'Content-Type': 'application/json' }, body: '{"issuer":' } };
    const broken = await failure(server.url);
    expect([broken.code, broken.message]).toEqual(['INVALID_RESPONSE', `authorization server metadata (${source}): the body is not JSON (HTTP 200).`]);
    routes = { '/.well-known/oauth-authorization-server': json(200, metadata(server.url, { grant_types_supported: DEVICE })) };
    const wrongType = await failure(server.url);
    expect([wrongType.code, wrongType.message]).toEqual([
      'INVALID_RESPONSE',
      `authorization server metadata (${source}): "grant_types_supported" must be an array of strings when present`,
    ]);
    routes = { '/.well-known/oauth-authorization-server': json(200, metadata(server.url, { token_endpoint: 42 })) };
    expect((await failure(server.url)).message).toBe(`authorization server metadata (${source}): "token_endpoint" must be a non-empty string`);
  });

  it('refuses metadata naming another issuer (RFC 8414 §3.3)', async () => {
    routes = { '/.well-known/oauth-authorization-server': json(200, metadata('https://attacker.example')) };
    const error = await failure(server.url);
    expect([error.code, error.message]).toEqual([
      'INVALID_RESPONSE',
      `authorization server metadata (${server.url}/.well-known/oauth-authorization-server): "issuer" (https://attacker.example) must equal the configured issuer (${server.url}) exactly (RFC 8414 §3.3)`,
    ]);
  });

  it('refuses a plain-http endpoint outside loopback', async () => {
    routes = { '/.well-known/oauth-authorization-server': json(200, metadata(server.url, { token_endpoint: 'http://auth.example.com/token' })) };
    const error = await failure(server.url);
    expect([error.code, error.message]).toEqual([
      'INVALID_RESPONSE',
      `authorization server metadata (${server.url}/.well-known/oauth-authorization-server): "token_endpoint" (http://auth.example.com) must be an https: URL (http: only on this computer: localhost, 127.0.0.0/8, ::1)`,
    ]);
  });

  it('says clearly when the server does not offer the device grant', async () => {
    routes = { '/.well-known/oauth-authorization-server': json(200, metadata(server.url, { device_authorization_endpoint: undefined })) };
    const missing = await failure(server.url);
    expect([missing.code, missing.message]).toEqual([
      'CONFIGURATION',
      `${server.url} does not offer the device authorization grant (RFC 8628): its metadata lists no "device_authorization_endpoint". Enable the device flow for the client on the server, or use another provider.`,
    ]);
    routes = { '/.well-known/oauth-authorization-server': json(200, metadata(server.url, { grant_types_supported: ['authorization_code'] })) };
    const unlisted = await failure(server.url);
    expect([unlisted.code, unlisted.message]).toEqual([
      'CONFIGURATION',
      `${server.url} does not offer the device authorization grant (RFC 8628): its metadata does not list ${DEVICE} in "grant_types_supported". Enable the device flow for the client on the server, or use another provider.`,
    ]);
  });

  it('refuses redirects and reports other statuses', async () => {
    routes = { '/.well-known/oauth-authorization-server': { status: 302, headers: { Location: 'https://elsewhere.example/meta' } } };
    expect((await failure(server.url)).code).toBe('REDIRECT');
    routes = { '/.well-known/oauth-authorization-server': json(500, { error: 'server_error' }) };
    const trouble = await failure(server.url);
    expect([trouble.code, trouble.status]).toEqual(['HTTP_STATUS', 500]);
  });
});

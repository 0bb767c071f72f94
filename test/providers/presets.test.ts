import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeviceAuthError } from '../../src/core/errors.js';
import { createTransport } from '../../src/services/dialect/create-services.js';
import { createProviderDialect, createProviderServices, type ProviderClientOptions } from '../../src/services/providers/provider-services.js';
import type { ProviderPreset } from '../../src/services/providers/preset.js';
import { providers } from '../../src/services/providers/providers.js';
import { json, startLoopbackServer, type RecordedHttpRequest, type ScriptedAnswer } from '../support/loopback-server.js';
import { formOf, pollOnce, requestCodes } from './support.js';

let routes: Record<string, ScriptedAnswer> = {};
let server: Awaited<ReturnType<typeof startLoopbackServer>>;
beforeAll(async () => (server = await startLoopbackServer((request: RecordedHttpRequest) => routes[request.path] ?? json(404, { error: 'not_found' }))));
afterAll(() => server.close());

const NOW = 1_700_000_000_000;
const client = (extra: Partial<ProviderClientOptions> = {}): ProviderClientOptions => ({ clientId: 'cid', now: () => NOW, ...extra });
const at = (path: string) => `${server.url}${path}`;
const last = () => server.requests.at(-1)!;
const send = createTransport({});

function configurationMessage(build: () => unknown): string {
  try {
    build();
  } catch (error) {
    expect(error).toBeInstanceOf(DeviceAuthError);
    expect((error as DeviceAuthError).code).toBe('CONFIGURATION');
    return (error as DeviceAuthError).message;
  }
  throw new Error('no error');
}

const tokenBody = { access_token: 'at', token_type: 'bearer', expires_in: 28800, refresh_token: 'rt', scope: 'repo' };

describe('the documented endpoints of each preset', () => {
  it('points at the providers’ public endpoints', () => {
    expect(providers.github()).toMatchObject({
      deviceAuthorizationEndpoint: 'https://github.com/login/device/code',
      tokenEndpoint: 'https://github.com/login/oauth/access_token',
    });
    expect(providers.github()).not.toHaveProperty('revocationEndpoint');
    expect(providers.google()).toMatchObject({
      deviceAuthorizationEndpoint: 'https://oauth2.googleapis.com/device/code',
      tokenEndpoint: 'https://oauth2.googleapis.com/token',
      revocationEndpoint: 'https://oauth2.googleapis.com/revoke',
    });
    expect(providers.microsoft({ tenant: 'organizations' })).toMatchObject({
      deviceAuthorizationEndpoint: 'https://login.microsoftonline.com/organizations/oauth2/v2.0/devicecode',
      tokenEndpoint: 'https://login.microsoftonline.com/organizations/oauth2/v2.0/token',
    });
    expect(providers.microsoft({ tenant: 'organizations' })).not.toHaveProperty('revocationEndpoint');
    expect(providers.gitlab()).toMatchObject({
      deviceAuthorizationEndpoint: 'https://gitlab.com/oauth/authorize_device',
      tokenEndpoint: 'https://gitlab.com/oauth/token',
      revocationEndpoint: 'https://gitlab.com/oauth/revoke',
    });
    expect(providers.trakt({ baseUrl: 'https://auth.trakt.tv', apiUrl: 'https://api.trakt.tv' })).toMatchObject({ baseUrl: 'https://auth.trakt.tv', apiUrl: 'https://api.trakt.tv' });
    expect(providers.trakt()).toEqual({ kind: 'trakt', name: 'Trakt', baseUrl: 'https://api.trakt.tv', documentation: 'https://trakt.docs.apiary.io/#reference/authentication-devices' });
  });

  it('overrides field by field', () => {
    expect(providers.github({ tokenEndpoint: 'https://ghe.example/login/oauth/access_token' })).toMatchObject({
      deviceAuthorizationEndpoint: 'https://github.com/login/device/code',
      tokenEndpoint: 'https://ghe.example/login/oauth/access_token',
    });
    expect(providers.google({ scope: 'openid' }).scope).toBe('openid');
  });
});

describe('GitHub', () => {
  const preset = () => providers.github({ deviceAuthorizationEndpoint: at('/login/device/code'), tokenEndpoint: at('/login/oauth/access_token') });

  it('sends only the client id, and reads errors that come with HTTP 200', async () => {
    routes = {
      '/login/device/code': json(200, { device_code: 'dc', user_code: 'WDJB-MJHT', verification_uri: 'https://github.com/login/device', expires_in: 899, interval: 5 }),
    };
    const services = createProviderServices(preset(), client({ scope: 'repo' }));
    expect(await requestCodes(services)).toEqual({ deviceCode: 'dc', userCode: 'WDJB-MJHT', verificationUrl: 'https://github.com/login/device', expiresIn: 899, interval: 5 });
    expect(last().headers.accept).toBe('application/json');
    expect(formOf(last().body)).toEqual({ scope: 'repo', client_id: 'cid' });

    routes = { '/login/oauth/access_token': json(200, { error: 'authorization_pending' }) };
    expect(await pollOnce(services)).toEqual({ type: 'pending' });
    expect(formOf(last().body)).toEqual({ grant_type: 'urn:ietf:params:oauth:grant-type:device_code', device_code: 'dc', client_id: 'cid' });
    routes = { '/login/oauth/access_token': json(200, { error: 'slow_down', error_description: 'Too many requests', interval: 10 }) };
    expect(await pollOnce(services)).toEqual({ type: 'slowDown', intervalSeconds: 10 });
    routes = { '/login/oauth/access_token': json(200, { error: 'incorrect_device_code' }) };
    expect(await pollOnce(services)).toEqual({ type: 'invalidCode' });
    routes = { '/login/oauth/access_token': json(200, { error: 'access_denied' }) };
    expect(await pollOnce(services)).toEqual({ type: 'denied' });
    routes = { '/login/oauth/access_token': json(200, tokenBody) };
    expect(await pollOnce(services)).toEqual({
      type: 'authorized',
      token: { accessToken: 'at', refreshToken: 'rt', tokenType: 'bearer', scope: 'repo', createdAt: 1_700_000_000, expiresIn: 28800, expiresAt: 1_700_028_800_000 },
    });
  });

  it('refreshes with the secret, treats bad_refresh_token (HTTP 200) as INVALID_GRANT, and cannot revoke', async () => {
    const dialect = createProviderDialect(preset(), client({ clientSecret: 'gh-secret' }));
    routes = { '/login/oauth/access_token': json(200, { error: 'bad_refresh_token', error_description: 'The refresh token passed is incorrect or expired.' }) };
    const refused = await send(dialect.refreshRequest('rt'));
    expect(() => dialect.parseRefreshResponse(refused, NOW)).toThrow(expect.objectContaining({ code: 'INVALID_GRANT', status: 200 }));
    expect(formOf(last().body)).toEqual({ grant_type: 'refresh_token', refresh_token: 'rt', client_secret: 'gh-secret', client_id: 'cid' });
    expect(() => dialect.revokeRequest('at')).toThrow(
      expect.objectContaining({ code: 'CONFIGURATION', message: 'GitHub has no revocation endpoint (revocationEndpoint is not set): the token was not revoked and stays valid until it expires.' }),
    );
  });
});

describe('Google', () => {
  const preset = () =>
    providers.google({ deviceAuthorizationEndpoint: at('/device/code'), tokenEndpoint: at('/token'), revocationEndpoint: at('/revoke') });

  it('requires a client secret and a scope', () => {
    expect(configurationMessage(() => createProviderServices(preset(), client({ scope: 'openid' })))).toBe(
      'Google needs a clientSecret for the device flow (see https://developers.google.com/identity/protocols/oauth2/limited-input-device).',
    );
    expect(configurationMessage(() => createProviderServices(preset(), client({ clientSecret: 's' })))).toBe(
      'Google needs a scope for the device flow (see https://developers.google.com/identity/protocols/oauth2/limited-input-device).',
    );
  });

  it('reads verification_url, sends the secret in the body, and classifies 428 and 403 by their error', async () => {
    const services = createProviderServices(preset(), client({ clientSecret: 'g-secret', scope: 'openid email' }));
    routes = {
      '/device/code': json(200, { device_code: 'dc', user_code: 'GQVQ-JKEC', verification_url: 'https://www.google.com/device', expires_in: 1800, interval: 5 }),
    };
    expect(await requestCodes(services)).toEqual({ deviceCode: 'dc', userCode: 'GQVQ-JKEC', verificationUrl: 'https://www.google.com/device', expiresIn: 1800, interval: 5 });
    expect(formOf(last().body)).toEqual({ scope: 'openid email', client_secret: 'g-secret', client_id: 'cid' });
    routes = { '/token': json(428, { error: 'authorization_pending', error_description: 'Precondition Required' }) };
    expect(await pollOnce(services)).toEqual({ type: 'pending' });
    routes = { '/token': json(403, { error: 'slow_down', error_description: 'Forbidden' }) };
    expect(await pollOnce(services)).toEqual({ type: 'slowDown' });
    routes = { '/token': json(403, { error: 'access_denied', error_description: 'Forbidden' }) };
    expect(await pollOnce(services)).toEqual({ type: 'denied' });
  });

  it('refreshes without rotation (keeps the refresh token) and revokes at /revoke', async () => {
    const dialect = createProviderDialect(preset(), client({ clientSecret: 'g-secret', scope: 'openid' }));
    routes = { '/token': json(200, { access_token: 'at2', token_type: 'Bearer', expires_in: 3599, scope: 'openid' }) };
    expect(dialect.parseRefreshResponse(await send(dialect.refreshRequest('rt-google')), NOW).refreshToken).toBe('rt-google');
    routes = { '/revoke': { status: 200 } };
    dialect.checkRevokeResponse(await send(dialect.revokeRequest('at2')));
    expect(last().path).toBe('/revoke');
    expect(formOf(last().body)).toEqual({ token: 'at2', token_type_hint: 'access_token', client_secret: 'g-secret', client_id: 'cid' });
  });
});

describe('Microsoft', () => {
  const preset = () =>
    providers.microsoft({ tenant: 'common', deviceAuthorizationEndpoint: at('/common/oauth2/v2.0/devicecode'), tokenEndpoint: at('/common/oauth2/v2.0/token') });

  it('needs a well-formed tenant and a scope', () => {
    expect(configurationMessage(() => providers.microsoft({ tenant: '../evil' }))).toBe(
      'microsoft({ tenant }) needs a tenant: common, organizations, consumers, a tenant id or a domain (letters, digits, dots and hyphens).',
    );
    expect(configurationMessage(() => createProviderServices(preset(), client()))).toBe(
      'Microsoft needs a scope for the device flow (see https://learn.microsoft.com/entra/identity-platform/v2-oauth2-device-code).',
    );
  });

  it('reads verification_uri beside message as a public client, and maps its own errors', async () => {
    const services = createProviderServices(preset(), client({ scope: 'user.read offline_access' }));
    routes = {
      '/common/oauth2/v2.0/devicecode': json(200, {
        device_code: 'dc',
        user_code: 'FJQ9RZ7KL',
        verification_uri: 'https://microsoft.com/devicelogin',
        expires_in: 900,
        interval: 5,
        message: 'To sign in, use a web browser to open the page https://microsoft.com/devicelogin and enter the code FJQ9RZ7KL to authenticate.',
      }),
    };
    expect(await requestCodes(services)).toEqual({ deviceCode: 'dc', userCode: 'FJQ9RZ7KL', verificationUrl: 'https://microsoft.com/devicelogin', expiresIn: 900, interval: 5 });
    expect(last().headers.authorization).toBeUndefined();
    expect(formOf(last().body)).toEqual({ scope: 'user.read offline_access', client_id: 'cid' });
    routes = { '/common/oauth2/v2.0/token': json(400, { error: 'authorization_declined' }) };
    expect(await pollOnce(services)).toEqual({ type: 'denied' });
    routes = { '/common/oauth2/v2.0/token': json(400, { error: 'bad_verification_code' }) };
    expect(await pollOnce(services)).toEqual({ type: 'invalidCode' });
    routes = { '/common/oauth2/v2.0/token': json(400, { error: 'expired_token' }) };
    expect(await pollOnce(services)).toEqual({ type: 'expired' });
  });
});

describe('GitLab', () => {
  it('derives every endpoint from baseUrl (a self-managed instance)', async () => {
    const preset = providers.gitlab({ baseUrl: `${server.url}/gitlab/` });
    expect(preset).toMatchObject({
      deviceAuthorizationEndpoint: at('/gitlab/oauth/authorize_device'),
      tokenEndpoint: at('/gitlab/oauth/token'),
      revocationEndpoint: at('/gitlab/oauth/revoke'),
    });
    const services = createProviderServices(preset, client({ scope: 'read_user' }));
    routes = {
      '/gitlab/oauth/authorize_device': json(200, {
        device_code: 'dc',
        user_code: '0A44L90H',
        verification_uri: 'https://gitlab.example.com/oauth/device',
        verification_uri_complete: 'https://gitlab.example.com/oauth/device?user_code=0A44L90H',
        expires_in: 300,
        interval: 5,
      }),
    };
    expect((await requestCodes(services)).verificationUrlComplete).toBe('https://gitlab.example.com/oauth/device?user_code=0A44L90H');
    routes = { '/gitlab/oauth/token': json(400, { error: 'authorization_pending' }) };
    expect(await pollOnce(services)).toEqual({ type: 'pending' });
    const dialect = createProviderDialect(preset, client());
    routes = { '/gitlab/oauth/revoke': { status: 200, headers: { 'Content-Type': 'application/json' }, body: '{}' } };
    dialect.checkRevokeResponse(await send(dialect.revokeRequest('at')));
    expect([last().path, formOf(last().body)]).toEqual(['/gitlab/oauth/revoke', { token: 'at', token_type_hint: 'access_token', client_id: 'cid' }]);
  });

  it('refuses a plain-http instance that is not loopback', () => {
    expect(configurationMessage(() => createProviderServices(providers.gitlab({ baseUrl: 'http://gitlab.internal' }), client()))).toMatch(
      /^deviceAuthorizationEndpoint must use https \(got http for gitlab\.internal/,
    );
  });
});

describe('Trakt', () => {
  it('builds Trakt services from the preset, with its secret', async () => {
    const preset: ProviderPreset = providers.trakt({ baseUrl: server.url });
    expect(configurationMessage(() => createProviderServices(preset, client()))).toBe(
      'Trakt needs a client secret: pass clientSecret (from your app settings on trakt.tv/oauth/applications).',
    );
    expect(configurationMessage(() => createProviderServices(preset, client({ clientSecret: 's', scope: 'x' })))).toBe(
      'Trakt takes neither clientAuthentication nor scope: its device flow always sends the client secret and has no scopes.',
    );
    const services = createProviderServices(preset, client({ clientSecret: 'trakt-secret', userAgent: 'app/1.0' }));
    routes = { '/oauth/device/token': { status: 400 } };
    expect(await pollOnce(services)).toEqual({ type: 'pending' });
    expect(last().headers['trakt-api-key']).toBe('cid');
    expect(JSON.parse(last().body)).toEqual({ code: 'dc', client_id: 'cid', client_secret: 'trakt-secret' });
  });
});

describe('OpenID Connect discovery', () => {
  it('takes the endpoints from the issuer’s metadata', async () => {
    const issuer = at('/realms/tv');
    routes = {
      '/.well-known/oauth-authorization-server/realms/tv': json(200, {
        issuer,
        device_authorization_endpoint: at('/realms/tv/device'),
        token_endpoint: at('/realms/tv/token'),
        revocation_endpoint: at('/realms/tv/revoke'),
      }),
    };
    const preset = await providers.oidc({ issuer, scope: 'openid' });
    expect(preset).toEqual({
      kind: 'rfc8628',
      name: new URL(server.url).host,
      deviceAuthorizationEndpoint: at('/realms/tv/device'),
      tokenEndpoint: at('/realms/tv/token'),
      revocationEndpoint: at('/realms/tv/revoke'),
      requiresClientSecret: false,
      requiresScope: false,
      scope: 'openid',
      documentation: at('/.well-known/oauth-authorization-server/realms/tv'),
    });
    routes['/realms/tv/token'] = json(400, { error: 'authorization_pending' });
    expect(await pollOnce(createProviderServices(preset, client()))).toEqual({ type: 'pending' });
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeviceAuthError } from '../../src/core/errors.js';
import { createTransport } from '../../src/services/dialect/create-services.js';
import { createRfc8628Dialect, type Rfc8628DialectOptions } from '../../src/services/rfc8628/rfc8628-dialect.js';
import { json, startLoopbackServer, type ScriptedAnswer } from '../support/loopback-server.js';

let answer: ScriptedAnswer = { status: 200 };
let server: Awaited<ReturnType<typeof startLoopbackServer>>;
beforeAll(async () => (server = await startLoopbackServer(() => answer)));
afterAll(() => server.close());

const send = createTransport({});
const RECEIVED_AT = 1_700_000_000_500;

const dialect = (extra: Partial<Rfc8628DialectOptions> = {}) =>
  createRfc8628Dialect({
    clientId: 'cid',
    deviceAuthorizationEndpoint: `${server.url}/device`,
    tokenEndpoint: `${server.url}/token`,
    revocationEndpoint: `${server.url}/revoke`,
    ...extra,
  });

async function refresh(next: ScriptedAnswer, extra: Partial<Rfc8628DialectOptions> = {}) {
  answer = next;
  const d = dialect(extra);
  return d.parseRefreshResponse(await send(d.refreshRequest('rt-old')), RECEIVED_AT);
}

async function refreshError(next: ScriptedAnswer, extra: Partial<Rfc8628DialectOptions> = {}): Promise<DeviceAuthError> {
  const failure = await refresh(next, extra).then(
    () => undefined,
    (error: unknown) => error,
  );
  expect(failure).toBeInstanceOf(DeviceAuthError);
  return failure as DeviceAuthError;
}

const form = () => Object.fromEntries(new URLSearchParams(server.requests.at(-1)!.body));

describe('RFC 8628 refresh (RFC 6749 §6)', () => {
  it('sends the refresh_token grant to the token endpoint and takes a rotated refresh token', async () => {
    const token = await refresh(json(200, { access_token: 'at2', token_type: 'Bearer', expires_in: 3600, refresh_token: 'rt-new', scope: 'read' }));
    expect(server.requests.at(-1)!.path).toBe('/token');
    expect(form()).toEqual({ grant_type: 'refresh_token', refresh_token: 'rt-old', client_id: 'cid' });
    expect(token).toEqual({
      accessToken: 'at2',
      refreshToken: 'rt-new',
      tokenType: 'Bearer',
      scope: 'read',
      createdAt: 1_700_000_000,
      expiresIn: 3600,
      expiresAt: 1_700_003_600_000,
    });
  });

  it('keeps the old refresh token when the server does not rotate it', async () => {
    const token = await refresh(json(200, { access_token: 'at2', token_type: 'Bearer', expires_in: 3600 }));
    expect(token.refreshToken).toBe('rt-old');
    expect(token.accessToken).toBe('at2');
  });

  it('turns invalid_grant into INVALID_GRANT, whatever the status', async () => {
    const error = await refreshError(json(400, { error: 'invalid_grant', error_description: 'Token has been expired or revoked.' }));
    expect(error.code).toBe('INVALID_GRANT');
    expect(error.status).toBe(400);
    expect(error.message).toBe(`${server.url} refused the refresh token (HTTP 400, invalid_grant: Token has been expired or revoked.): sign in again.`);
    const ok200 = await refreshError(json(200, { error: 'bad_refresh_token' }), { invalidGrantErrors: ['bad_refresh_token'] });
    expect(ok200.code).toBe('INVALID_GRANT');
  });

  it('reports invalid_client as CONFIGURATION, server trouble and other errors as HTTP_STATUS', async () => {
    expect((await refreshError(json(401, { error: 'invalid_client' }))).code).toBe('CONFIGURATION');
    const trouble = await refreshError(json(503, { error: 'temporarily_unavailable' }));
    expect([trouble.code, trouble.status]).toEqual(['HTTP_STATUS', 503]);
    const refused = await refreshError(json(400, { error: 'invalid_scope' }));
    expect([refused.code, refused.message]).toEqual(['HTTP_STATUS', `${server.url} refused the refresh (HTTP 400, invalid_scope).`]);
  });

  it('names the field of a broken answer', async () => {
    const error = await refreshError(json(200, { token_type: 'Bearer', expires_in: 3600 }));
    expect([error.code, error.message]).toEqual(['INVALID_RESPONSE', 'RFC 8628 refresh response: "access_token" must be a non-empty string']);
  });
});

describe('client authentication (RFC 6749 §2.3.1)', () => {
  const ok = json(200, { access_token: 'at2', token_type: 'Bearer', expires_in: 60 });

  it('none: only client_id', async () => {
    await refresh(ok, { clientAuthentication: 'none' });
    expect(server.requests.at(-1)!.headers.authorization).toBeUndefined();
    expect(form()).toEqual({ grant_type: 'refresh_token', refresh_token: 'rt-old', client_id: 'cid' });
  });

  it('client_secret_post: the secret in the body', async () => {
    await refresh(ok, { clientSecret: 's3cret', clientAuthentication: 'client_secret_post' });
    expect(server.requests.at(-1)!.headers.authorization).toBeUndefined();
    expect(form()).toEqual({ grant_type: 'refresh_token', refresh_token: 'rt-old', client_secret: 's3cret', client_id: 'cid' });
  });

  it('client_secret_basic: id and secret form-urlencoded, then Base64', async () => {
    await refresh(ok, { clientId: 'my id', clientSecret: 'p@ss:wörd+', clientAuthentication: 'client_secret_basic' });
    expect(server.requests.at(-1)!.headers.authorization).toBe(`Basic ${btoa('my+id:p%40ss%3Aw%C3%B6rd%2B')}`);
    expect(form()).toEqual({ grant_type: 'refresh_token', refresh_token: 'rt-old', client_id: 'my id' });
  });

  it('refuses a secret with none, and a secret method without a secret', () => {
    const configuration = (extra: Partial<Rfc8628DialectOptions>) => {
      try {
        dialect(extra);
      } catch (error) {
        return (error as DeviceAuthError).code;
      }
      return 'no error';
    };
    expect(configuration({ clientAuthentication: 'none', clientSecret: 's' })).toBe('CONFIGURATION');
    expect(configuration({ clientAuthentication: 'client_secret_post' })).toBe('CONFIGURATION');
    expect(configuration({ clientAuthentication: 'private_key_jwt' as never, clientSecret: 's' })).toBe('CONFIGURATION');
    expect(configuration({ revocationEndpoint: 'http://example.com/revoke' })).toBe('CONFIGURATION');
  });
});

describe('revocation (RFC 7009)', () => {
  it('posts the access token with its hint and accepts any 2xx', async () => {
    answer = { status: 200 };
    const d = dialect({ clientSecret: 's3cret' });
    expect(d.canRevoke).toBe(true);
    d.checkRevokeResponse(await send(d.revokeRequest('at1')));
    expect(server.requests.at(-1)!.path).toBe('/revoke');
    expect(form()).toEqual({ token: 'at1', token_type_hint: 'access_token', client_secret: 's3cret', client_id: 'cid' });
  });

  it('reports 503 and unexpected answers as HTTP_STATUS', async () => {
    const d = dialect();
    answer = json(503, { error: 'temporarily_unavailable' });
    const unavailable = await send(d.revokeRequest('at1'));
    expect(() => d.checkRevokeResponse(unavailable)).toThrow(
      expect.objectContaining({ code: 'HTTP_STATUS', status: 503, message: `${server.url} could not revoke the token now (HTTP 503): it stays valid until it expires.` }),
    );
    answer = json(400, { error: 'unsupported_token_type' });
    const unsupported = await send(d.revokeRequest('at1'));
    expect(() => d.checkRevokeResponse(unsupported)).toThrow(expect.objectContaining({ code: 'HTTP_STATUS', status: 400 }));
  });

  it('without a revocation endpoint: sends nothing and says the token was not revoked', () => {
    const d = dialect({ revocationEndpoint: undefined });
    expect(d.canRevoke).toBe(false);
    expect(() => d.revokeRequest('at1')).toThrow(
      expect.objectContaining({
        code: 'CONFIGURATION',
        message: 'RFC 8628 has no revocation endpoint (revocationEndpoint is not set): the token was not revoked and stays valid until it expires.',
      }),
    );
  });
});

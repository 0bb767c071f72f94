/** Secrets are found by property name, in every spelling, and only where the name means a secret. */
import { describe, expect, it } from 'vitest';
import { REDACTED, redact } from '../../src/redact/redact.js';

describe('redaction by property name', () => {
  it.each([
    'accessToken', 'access_token', 'AccessToken', 'ACCESS_TOKEN', 'access-token', 'Access-Token',
    'refreshToken', 'refresh_token', 'REFRESH-TOKEN',
    'clientSecret', 'client_secret', 'CLIENT_SECRET', 'Client-Secret',
    'deviceCode', 'device_code', 'DEVICE_CODE',
    'password', 'Password', 'PASSWORD',
    'idToken', 'id_token', 'secret', 'cookie', 'Set-Cookie',
  ])('%s', (key) => {
    expect(redact({ [key]: 'value-1234', keep: 'visible' })).toEqual({ [key]: REDACTED, keep: 'visible' });
  });

  it('replaces non-string secret values whole', () => {
    expect(redact({ password: 12345, clientSecret: { nested: 'x' }, deviceCode: ['a'] })).toEqual({
      password: REDACTED,
      clientSecret: REDACTED,
      deviceCode: REDACTED,
    });
  });

  it('keeps the scheme of Authorization headers, any case', () => {
    expect(redact({ Authorization: 'Bearer abc.def' })).toEqual({ Authorization: `Bearer ${REDACTED}` });
    expect(redact({ authorization: 'Basic dXNlcjpwYXNz' })).toEqual({ authorization: `Basic ${REDACTED}` });
    expect(redact({ 'proxy-authorization': 'Digest x=1' })).toEqual({ 'proxy-authorization': `Digest ${REDACTED}` });
    expect(redact({ AUTHORIZATION: 'opaque' })).toEqual({ AUTHORIZATION: REDACTED });
    expect(redact({ headers: new Headers({ authorization: 'Bearer 0123456789', accept: 'application/json' }) })).toEqual({
      headers: { authorization: `Bearer ${REDACTED}`, accept: 'application/json' },
    });
  });

  it('redacts `code` only in a request body that carries client credentials (RFC 6749 §4.1.3)', () => {
    expect(redact({ code: 'DEVICECODE', client_id: 'id', client_secret: 'cs' })).toEqual({
      code: REDACTED,
      client_id: 'id',
      client_secret: REDACTED,
    });
    expect(redact({ code: 'DEVICECODE', clientId: 'id' })).toEqual({ code: REDACTED, clientId: 'id' });
    // An error code is not a secret.
    expect(redact({ code: 'BLOCKED', message: 'blocked' })).toEqual({ code: 'BLOCKED', message: 'blocked' });
  });

  it('redacts the `token` of a revoke body (RFC 7009 §2.1) and any string `token`', () => {
    expect(redact({ token: 'ACCESS', client_id: 'id', client_secret: 'cs' })).toEqual({
      token: REDACTED,
      client_id: 'id',
      client_secret: REDACTED,
    });
    expect(redact({ token: 'ACCESS' })).toEqual({ token: REDACTED });
  });

  it('walks a `token` object so its harmless fields stay visible', () => {
    const event = { type: 'authorized', token: { accessToken: 'A', refreshToken: 'R', tokenType: 'bearer', scope: 'public', expiresIn: 7776000 } };
    expect(redact(event)).toEqual({
      type: 'authorized',
      token: { accessToken: REDACTED, refreshToken: REDACTED, tokenType: 'bearer', scope: 'public', expiresIn: 7776000 },
    });
  });

  it('leaves look-alike names alone', () => {
    const value = { userCode: 'ABCD-EFGH', user_code: 'ABCD', tokenType: 'bearer', token_type: 'bearer', expiresIn: 600, verification_uri: 'https://trakt.tv/activate', clientId: 'public-id' };
    expect(redact(value)).toEqual(value);
  });
});

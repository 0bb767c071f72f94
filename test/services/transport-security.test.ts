/**
 * HTTPS only, except on loopback: every configured URL must be `https:` unless its host is
 * 127.0.0.0/8, ::1 or localhost; plain HTTP to another host needs `dangerouslyAllowInsecureHttp`.
 * Verification URLs from a server follow the same rule and come back normalized.
 */
import { describe, expect, it } from 'vitest';
import { DeviceAuthError } from '../../src/core/errors.js';
import type { HttpResponse } from '../../src/core/http-message.js';
import { createRfc8628Dialect, type Rfc8628DialectOptions } from '../../src/services/rfc8628/rfc8628-dialect.js';
import { createRfc8628Services } from '../../src/services/rfc8628/rfc8628-services.js';
import { createTraktDialect, type TraktDialectOptions } from '../../src/services/trakt/trakt-dialect.js';
import { createTraktServices } from '../../src/services/trakt/trakt-services.js';
import { createTraktSessionServices } from '../../src/services/clients/session-services.js';
import { createMemoryTokenStore } from '../../src/services/stores/memory-token-store.js';

function thrown(run: () => unknown): DeviceAuthError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(DeviceAuthError);
    return error as DeviceAuthError;
  }
  throw new Error('expected a DeviceAuthError');
}

const trakt = (extra: Partial<TraktDialectOptions> = {}) => createTraktDialect({ clientId: 'id', clientSecret: 'secret', ...extra });
const endpoints = { deviceAuthorizationEndpoint: 'https://id.example/device', tokenEndpoint: 'https://id.example/token' };
const rfc = (extra: Partial<Rfc8628DialectOptions> = {}) => createRfc8628Dialect({ clientId: 'cid', ...endpoints, ...extra });

describe('configured URLs: https, or http on loopback', () => {
  it.each(['http://api.example.com', 'http://127.0.0.1.example.com', 'http://localhost.evil.example', 'http://10.0.0.2:8080', 'http://[::2]'])(
    'Trakt baseUrl %s → CONFIGURATION naming baseUrl and the option that allows it',
    (baseUrl) => {
      const error = thrown(() => trakt({ baseUrl }));
      expect(error.code).toBe('CONFIGURATION');
      expect(error.message).toContain('baseUrl');
      expect(error.message).toContain('dangerouslyAllowInsecureHttp');
    },
  );

  it('Trakt apiUrl, and every factory built on the Trakt dialect', () => {
    expect(thrown(() => trakt({ apiUrl: 'http://api.example.com' })).message).toContain('apiUrl');
    const insecure = { clientId: 'id', clientSecret: 'secret', baseUrl: 'http://api.example.com' };
    expect(thrown(() => createTraktServices(insecure)).code).toBe('CONFIGURATION');
    expect(thrown(() => createTraktSessionServices({ ...insecure, store: createMemoryTokenStore() })).code).toBe('CONFIGURATION');
  });

  it.each(['deviceAuthorizationEndpoint', 'tokenEndpoint'] as const)('RFC 8628 %s over http to a remote host → CONFIGURATION naming it', (key) => {
    const error = thrown(() => rfc({ [key]: 'http://id.example/x' }));
    expect(error.code).toBe('CONFIGURATION');
    expect(error.message).toContain(key);
    expect(error.message).toContain('dangerouslyAllowInsecureHttp');
    expect(thrown(() => createRfc8628Services({ clientId: 'cid', ...endpoints, [key]: 'http://id.example/x' })).code).toBe('CONFIGURATION');
  });

  it.each(['http://127.0.0.1:9', 'http://127.4.5.6', 'http://localhost:8080', 'http://LOCALHOST', 'http://[::1]:8080', 'https://api.trakt.tv'])(
    '%s is accepted',
    (url) => {
      expect(() => trakt({ baseUrl: url })).not.toThrow();
      expect(() => rfc({ deviceAuthorizationEndpoint: `${url}/device`, tokenEndpoint: `${url}/token` })).not.toThrow();
    },
  );

  it('dangerouslyAllowInsecureHttp: true allows plain HTTP to a remote host; nothing allows another scheme', () => {
    expect(() => trakt({ baseUrl: 'http://api.example.com', dangerouslyAllowInsecureHttp: true })).not.toThrow();
    expect(() => rfc({ tokenEndpoint: 'http://id.example/token', dangerouslyAllowInsecureHttp: true })).not.toThrow();
    expect(thrown(() => trakt({ baseUrl: 'ftp://api.example.com', dangerouslyAllowInsecureHttp: true })).code).toBe('CONFIGURATION');
  });
});

const json = (body: unknown): HttpResponse => ({ status: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
const traktCodes = { device_code: 'dc', user_code: 'ABCD2345', verification_url: 'https://trakt.tv/activate', expires_in: 600, interval: 5 };
const rfcCodes = { device_code: 'dc', user_code: 'WDJB-MJHT', verification_uri: 'https://id.example/device', expires_in: 600, interval: 5 };

function invalidResponse(run: () => unknown, field: string): DeviceAuthError {
  const error = thrown(run);
  expect(error.code).toBe('INVALID_RESPONSE');
  expect(error.message).toContain(`"${field}"`);
  return error;
}

describe('verification URLs from the server', () => {
  it.each([
    ['http to a remote host', 'http://trakt.tv/activate'],
    ['another scheme', 'javascript:alert(1)'],
    ['a relative path', '/activate'],
    ['a bidi override in the host', 'https://\u202Etrakt.tv/activate'],
  ])('Trakt verification_url with %s → INVALID_RESPONSE naming it', (_, url) => {
    invalidResponse(() => trakt().parseDeviceCodes(json({ ...traktCodes, verification_url: url }), 0), 'verification_url');
  });

  it('the message names the refused URL by its origin (the path and query can carry the code) and the rule', () => {
    const url = 'HTTP://Trakt.Example/activate?user_code=ABCD2345';
    const error = invalidResponse(() => trakt().parseDeviceCodes(json({ ...traktCodes, verification_url: url }), 0), 'verification_url');
    expect(error.message).toBe(
      'Trakt device code response: "verification_url" (http://trakt.example) must be an https: URL (http: only on this computer: localhost, 127.0.0.0/8, ::1)',
    );
  });

  it('control characters in a path come back percent-encoded, line breaks and tabs dropped (as a browser reads it)', () => {
    const codes = trakt().parseDeviceCodes(json({ ...traktCodes, verification_url: 'https://trakt.tv/act\nivate\u001b[2J\u009b\u202E' }), 0);
    expect(codes.verificationUrl).toBe('https://trakt.tv/activate%1B[2J%C2%9B%E2%80%AE');
    expect(codes.verificationUrlComplete).toBe('https://trakt.tv/activate%1B[2J%C2%9B%E2%80%AE/ABCD2345');
  });

  it.each([
    ['verification_uri', { verification_uri: 'http://id.example/device' }],
    ['verification_url', { verification_uri: undefined, verification_url: 'http://www.google.com/device' }],
    ['verification_uri_complete', { verification_uri_complete: 'http://id.example/device?user_code=WDJB-MJHT' }],
    ['verification_uri_complete', { verification_uri_complete: 'data:text/html,hi' }],
  ])('RFC 8628 %s over http to a remote host (or another scheme) → INVALID_RESPONSE naming it', (field, change) => {
    invalidResponse(() => rfc().parseDeviceCodes(json({ ...rfcCodes, ...change }), 0), field);
  });

  it('are returned normalized (new URL(x).href); http on loopback is accepted', () => {
    const codes = trakt().parseDeviceCodes(json({ ...traktCodes, verification_url: 'HTTPS://Trakt.TV:443/activate' }), 0);
    expect(codes.verificationUrl).toBe('https://trakt.tv/activate');
    expect(codes.verificationUrlComplete).toBe('https://trakt.tv/activate/ABCD2345');
    const root = trakt().parseDeviceCodes(json({ ...traktCodes, verification_url: 'https://trakt.tv' }), 0);
    expect(root).toMatchObject({ verificationUrl: 'https://trakt.tv/', verificationUrlComplete: 'https://trakt.tv/ABCD2345' });
    const local = rfc().parseDeviceCodes(
      json({ ...rfcCodes, verification_uri: 'http://127.0.0.1:8080/device', verification_uri_complete: 'http://localhost:8080/device?user_code=WDJB MJHT' }),
      0,
    );
    expect(local).toMatchObject({
      verificationUrl: 'http://127.0.0.1:8080/device',
      verificationUrlComplete: 'http://localhost:8080/device?user_code=WDJB%20MJHT',
    });
  });

  it('dangerouslyAllowInsecureHttp also lets that server name an http verification page', () => {
    const codes = trakt({ baseUrl: 'http://tv.lan', dangerouslyAllowInsecureHttp: true }).parseDeviceCodes(
      json({ ...traktCodes, verification_url: 'http://tv.lan/activate' }),
      0,
    );
    expect(codes.verificationUrl).toBe('http://tv.lan/activate');
  });
});

describe('server text never carries control characters into outputs', () => {
  it.each([
    ['a newline', 'ABCD\n2345'],
    ['an escape sequence', '\u001b[2J\u001b[HABCD2345'],
    ['a C1 control', 'ABCD\u00852345'],
    ['DEL', 'ABCD\u007f2345'],
    ['a bidi override', '\u202EABCD2345'],
    ['a bidi isolate', 'ABCD\u20662345'],
  ])('a user_code with %s → INVALID_RESPONSE naming user_code', (_, userCode) => {
    invalidResponse(() => trakt().parseDeviceCodes(json({ ...traktCodes, user_code: userCode }), 0), 'user_code');
    invalidResponse(() => rfc().parseDeviceCodes(json({ ...rfcCodes, user_code: userCode }), 0), 'user_code');
  });

  it('error and error_description are stripped of C0, C1, DEL and bidi controls before any message', () => {
    const hostile = { error: 'invalid_request\u001b[31m', error_description: 'line one\r\nline two \u001b[2J\u0085\u007f\u202Egnirts\u2066 end' };
    const outcomes = [
      rfc().classifyTokenResponse({ ...json(hostile), status: 400 }, 0),
      trakt().classifyTokenResponse({ ...json(hostile), status: 422 }, 0),
    ];
    const messages = outcomes.map((outcome) => (outcome as { error: DeviceAuthError }).error.message);
    messages.push(thrown(() => trakt().parseRefreshResponse({ ...json({ ...hostile, error: 'invalid_grant' }), status: 400 }, 0)).message);
    messages.push(thrown(() => rfc().parseDeviceCodes({ ...json(hostile), status: 400 }, 0)).message);
    for (const message of messages) {
      expect(message).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/);
      expect(message).toContain('line one line two');
      expect(message).toContain('gnirts');
    }
  });
});

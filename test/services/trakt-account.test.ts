import { describe, expect, it } from 'vitest';
import { createTraktDialect } from '../../src/services/trakt/trakt-dialect.js';
import type { HttpResponse } from '../../src/services/http/http.js';

const dialect = createTraktDialect({ clientId: 'id', clientSecret: 'secret', baseUrl: 'https://api.trakt.tv', userAgent: 'app/1' });
const response = (status: number, body: unknown = ''): HttpResponse => ({
  status,
  headers: {},
  body: typeof body === 'string' ? body : JSON.stringify(body),
});

describe('Trakt account lookup (GET /users/settings)', () => {
  it('sends the bearer token with the Trakt headers', () => {
    const request = dialect.accountRequest('a1');
    expect(request).toMatchObject({ method: 'GET', url: 'https://api.trakt.tv/users/settings' });
    expect(request.headers).toMatchObject({ Authorization: 'Bearer a1', 'trakt-api-key': 'id', 'trakt-api-version': '2', 'User-Agent': 'app/1' });
  });

  it('reads the username and validates the body', () => {
    expect(dialect.parseAccount(response(200, { user: { username: 'sean' } }))).toEqual({ username: 'sean' });
    expect(() => dialect.parseAccount(response(200, { user: 'sean' }))).toThrow(/"user" must be an object/);
    expect(() => dialect.parseAccount(response(200, { user: { username: '' } }))).toThrow(/"username" must be a non-empty string/);
  });

  it('401 → INVALID_GRANT; 5xx → HTTP_STATUS; other → HTTP_STATUS', () => {
    expect(() => dialect.parseAccount(response(401))).toThrow(expect.objectContaining({ code: 'INVALID_GRANT' }));
    expect(() => dialect.parseAccount(response(502))).toThrow(expect.objectContaining({ code: 'HTTP_STATUS', status: 502 }));
    expect(() => dialect.parseAccount(response(404))).toThrow(expect.objectContaining({ code: 'HTTP_STATUS', status: 404 }));
  });

  it('goes to the API host when the OAuth calls go to auth.trakt.tv', () => {
    const auth = createTraktDialect({ clientId: 'id', clientSecret: 'secret', baseUrl: 'https://auth.trakt.tv' });
    expect(auth.accountRequest('a').url).toBe('https://api.trakt.tv/users/settings');
    expect(auth.refreshRequest('r').url).toBe('https://auth.trakt.tv/oauth/token');
    const custom = createTraktDialect({ clientId: 'id', clientSecret: 'secret', baseUrl: 'http://127.0.0.1:1', apiUrl: 'http://127.0.0.1:2/' });
    expect(custom.accountRequest('a').url).toBe('http://127.0.0.1:2/users/settings');
  });
});

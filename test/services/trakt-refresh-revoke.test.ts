import { describe, expect, it } from 'vitest';
import { createTraktDialect, OUT_OF_BAND_REDIRECT_URI } from '../../src/services/trakt/trakt-dialect.js';
import type { HttpResponse } from '../../src/services/http/http.js';

const dialect = createTraktDialect({ clientId: 'id', clientSecret: 'secret', baseUrl: 'https://auth.trakt.tv', userAgent: 'app/1' });
const response = (status: number, body: unknown = '', headers: Record<string, string> = {}): HttpResponse => ({
  status,
  headers,
  body: typeof body === 'string' ? body : JSON.stringify(body),
});
const token = {
  access_token: 'a2',
  token_type: 'bearer',
  expires_in: 86400,
  refresh_token: 'r2',
  scope: 'public',
  created_at: 1_700_000_000,
};

describe('Trakt refresh and revoke', () => {
  it('builds the refresh request with the out-of-band redirect URI', () => {
    const request = dialect.refreshRequest('r1');
    expect(request.url).toBe('https://auth.trakt.tv/oauth/token');
    expect(request.headers).toMatchObject({ 'trakt-api-key': 'id', 'trakt-api-version': '2', 'User-Agent': 'app/1' });
    expect(JSON.parse(request.body!)).toEqual({
      refresh_token: 'r1',
      client_id: 'id',
      client_secret: 'secret',
      redirect_uri: OUT_OF_BAND_REDIRECT_URI,
      grant_type: 'refresh_token',
    });
  });

  it('reads the new pair, computing expiry from created_at', () => {
    expect(dialect.parseRefreshResponse(response(200, token), 0)).toMatchObject({
      accessToken: 'a2',
      refreshToken: 'r2',
      expiresAt: (1_700_000_000 + 86400) * 1000,
    });
  });

  it.each([400, 401])('%i invalid_grant → INVALID_GRANT: sign in again', (status) => {
    expect(() => dialect.parseRefreshResponse(response(status, { error: 'invalid_grant', error_description: 'used' }), 0)).toThrow(
      expect.objectContaining({ code: 'INVALID_GRANT', status }),
    );
  });

  it('401 invalid_client → CONFIGURATION; 5xx and 429 → HTTP_STATUS (retryable); 403 page → BLOCKED', () => {
    expect(() => dialect.parseRefreshResponse(response(401, { error: 'invalid_client' }), 0)).toThrow(
      expect.objectContaining({ code: 'CONFIGURATION' }),
    );
    expect(() => dialect.parseRefreshResponse(response(503), 0)).toThrow(expect.objectContaining({ code: 'HTTP_STATUS', status: 503 }));
    expect(() => dialect.parseRefreshResponse(response(429), 0)).toThrow(expect.objectContaining({ code: 'HTTP_STATUS', status: 429 }));
    expect(() => dialect.parseRefreshResponse(response(403, '<html>', { 'content-type': 'text/html' }), 0)).toThrow(
      expect.objectContaining({ code: 'BLOCKED' }),
    );
  });

  it('revoke posts {token, client_id, client_secret} and accepts an empty 200', () => {
    const request = dialect.revokeRequest('a1');
    expect(request.url).toBe('https://auth.trakt.tv/oauth/revoke');
    expect(JSON.parse(request.body!)).toEqual({ token: 'a1', client_id: 'id', client_secret: 'secret' });
    expect(() => dialect.checkRevokeResponse(response(200))).not.toThrow();
    expect(() => dialect.checkRevokeResponse(response(500))).toThrow(expect.objectContaining({ code: 'HTTP_STATUS' }));
    expect(() => dialect.checkRevokeResponse(response(401))).toThrow(expect.objectContaining({ code: 'CONFIGURATION' }));
    expect(() => dialect.checkRevokeResponse(response(422))).toThrow(expect.objectContaining({ code: 'HTTP_STATUS', status: 422 }));
  });
});

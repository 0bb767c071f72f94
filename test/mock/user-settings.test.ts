import { describe, expect, it } from 'vitest';
import type { MockServer } from '../../src/mock/index.js';
import { apiHeaders, manualClock, signIn, startServer } from './support.js';

function settings(server: MockServer, authorization?: string): Promise<Response> {
  const headers: Record<string, string> = { ...apiHeaders(server) };
  if (authorization !== undefined) headers.Authorization = authorization;
  return fetch(`${server.url}/users/settings`, { headers });
}

describe('GET /users/settings (is this access token live?)', () => {
  it('answers 200 with the account for a live token', async () => {
    const server = await startServer({ username: 'sean' });
    const token = await signIn(server);
    const response = await settings(server, `Bearer ${token.access_token}`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ user: { username: 'sean', ids: { slug: 'sean' } } });
  });

  it('answers 401 without a bearer token, with an RFC 6750 challenge', async () => {
    const server = await startServer();
    for (const authorization of [undefined, 'Basic abc', 'Bearer']) {
      const response = await settings(server, authorization);
      expect(response.status).toBe(401);
      expect(response.headers.get('www-authenticate')).toBe('Bearer realm="trakt"');
      expect(await response.json()).toMatchObject({ error: 'invalid_request' });
    }
  });

  it('answers 401 invalid_token for an unknown token', async () => {
    const server = await startServer();
    const response = await settings(server, 'Bearer nope');
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe('Bearer realm="trakt", error="invalid_token"');
    expect(await response.json()).toMatchObject({ error: 'invalid_token' });
  });

  it('expires the token at (created_at + expires_in) * 1000 by the server clock', async () => {
    const clock = manualClock(Date.UTC(2025, 0, 1) + 400);
    const server = await startServer({ now: clock.now, tokenLifetime: 60 });
    const token = await signIn(server);
    const expiresAt = (token.created_at + token.expires_in) * 1000;
    clock.advance(expiresAt - clock.now() - 1);
    expect((await settings(server, `Bearer ${token.access_token}`)).status).toBe(200);
    clock.advance(1);
    const expired = await settings(server, `Bearer ${token.access_token}`);
    expect(expired.status).toBe(401);
    expect(((await expired.json()) as { error_description: string }).error_description).toMatch(/expired/);
  });
});

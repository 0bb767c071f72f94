/**
 * createSessionServices with a provider that is not Trakt: the RFC 8628 dialect for sign-in,
 * plus a small RFC 6749 §6 refresh / RFC 7009 revoke dialect written by the app. Token answers
 * carry no created_at, so expiry counts from when the answer arrived.
 */
import { describe, expect, it, vi } from 'vitest';
import type { TokenLifecycleDialect } from '../../src/services/dialect/dialect.js';
import { DeviceAuthError } from '../../src/core/errors.js';
import type { FetchLike, HttpRequest, HttpResponse } from '../../src/services/http/http.js';
import { createRfc8628Dialect } from '../../src/services/rfc8628/rfc8628-dialect.js';
import { createSession } from '../../src/services/clients/session-client.js';
import { createSessionServices } from '../../src/services/clients/session-services.js';
import { parseTokenBody } from '../../src/core/token-response.js';
import { advanceUntil, testStore, T0, useFakeTimersAtT0 } from './support.js';

const ISSUER = 'https://id.example.test';

/** What an app writes for an RFC 6749 provider: form-encoded refresh, RFC 7009 revoke. */
function oauthLifecycle(clientId: string): TokenLifecycleDialect {
  const form = (url: string, fields: Record<string, string>): HttpRequest => ({
    method: 'POST',
    url,
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
    body: new URLSearchParams({ ...fields, client_id: clientId }).toString(),
  });
  return {
    refreshRequest: (refreshToken) => form(`${ISSUER}/token`, { grant_type: 'refresh_token', refresh_token: refreshToken }),
    parseRefreshResponse(response: HttpResponse, receivedAt: number) {
      const body = JSON.parse(response.body) as Record<string, unknown>;
      if (response.status === 400 && body.error === 'invalid_grant') throw new DeviceAuthError('INVALID_GRANT', 'refresh token refused', { status: 400 });
      if (response.status !== 200) throw new DeviceAuthError('HTTP_STATUS', `HTTP ${response.status}`, { status: response.status });
      return parseTokenBody(body, 'token response', { requireRefreshToken: false, requireCreatedAt: false }, receivedAt);
    },
    revokeRequest: (accessToken) => form(`${ISSUER}/revoke`, { token: accessToken }),
    checkRevokeResponse(response: HttpResponse) {
      if (response.status !== 200) throw new DeviceAuthError('HTTP_STATUS', `HTTP ${response.status}`, { status: response.status });
    },
  };
}

function fakeProvider() {
  const seen: Array<{ path: string; fields: Record<string, string>; at: number }> = [];
  let serial = 0;
  const live = new Set<string>();
  const json = (status: number, body: unknown) => ({
    status,
    headers: new Headers({ 'content-type': 'application/json' }),
    text: async () => JSON.stringify(body),
  });
  const token = () => {
    serial += 1;
    live.add(`r${serial}`);
    return { access_token: `a${serial}`, token_type: 'Bearer', expires_in: 3600, refresh_token: `r${serial}` };
  };
  const fetch: FetchLike = async (url, init) => {
    const path = new URL(url).pathname;
    const fields = Object.fromEntries(new URLSearchParams(init.body ?? ''));
    seen.push({ path, fields, at: Date.now() });
    if (path === '/device') {
      return json(200, { device_code: 'dc', user_code: 'WDJB-MJHT', verification_uri: `${ISSUER}/device`, expires_in: 900 });
    }
    if (path === '/token' && fields.grant_type === 'refresh_token') {
      if (!live.delete(fields.refresh_token ?? '')) return json(400, { error: 'invalid_grant' });
      return json(200, token());
    }
    if (path === '/token') return json(200, token());
    return json(200, {});
  };
  return { fetch, seen };
}

describe('createSessionServices with an RFC 8628 provider and an app-written refresh dialect', () => {
  useFakeTimersAtT0();

  it('signs in, refreshes at half the 1-hour lifetime, and signs out with a revoke', async () => {
    const provider = fakeProvider();
    const dialect = {
      ...createRfc8628Dialect({ clientId: 'tv-app', deviceAuthorizationEndpoint: `${ISSUER}/device`, tokenEndpoint: `${ISSUER}/token` }),
      ...oauthLifecycle('tv-app'),
    };
    const store = testStore();
    const session = createSession({ services: createSessionServices(dialect, store, { fetch: provider.fetch }) });
    await session.ready();
    const signIn = session.signIn();
    await advanceUntil(session.actor, (s) => s.matches('signedIn'));
    const first = await signIn;
    expect(first).toMatchObject({ accessToken: 'a1', createdAt: (T0 + 5_000) / 1000, expiresAt: T0 + 5_000 + 3_600_000 });

    await vi.advanceTimersByTimeAsync(30 * 60_000);
    expect(provider.seen.map((r) => [r.path, r.fields.grant_type, r.at - T0])).toEqual([
      ['/device', undefined, 0],
      ['/token', 'urn:ietf:params:oauth:grant-type:device_code', 5_000],
      ['/token', 'refresh_token', 5_000 + 30 * 60_000],
    ]);
    expect(await session.getAccessToken()).toBe('a2');
    expect((await store.get())?.refreshToken).toBe('r2');

    await expect(session.signOut()).resolves.toEqual({ reason: 'signOut', revoked: true, cleared: true });
    expect(provider.seen.at(-1)).toMatchObject({ path: '/revoke', fields: { token: 'a2', client_id: 'tv-app' } });
  });
});

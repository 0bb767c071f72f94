/**
 * Single-use rotating refresh tokens and revoke through the in-memory mock: over plain requests,
 * and through a session that refreshes on its own in simulated time.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createMemoryTokenStore, createSession, createTraktSessionServices } from '../../src/index.js';
import { createMockFetch, REDACTED, type MockFetch, type MockTokenBody } from '../../src/mock/fetch.js';

const T0 = Date.UTC(2025, 0, 1);
const DAY = 86_400_000;
const USER_AGENT = 'mock-fetch-tests/1.0';

function post(mock: MockFetch, path: string, body: Record<string, string>): Promise<Response> {
  return mock.fetch(`${mock.url}${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'trakt-api-key': mock.clientId, 'trakt-api-version': '2', 'User-Agent': USER_AGENT },
    body: JSON.stringify(body),
  });
}

const client = (mock: MockFetch) => ({ client_id: mock.clientId, client_secret: mock.clientSecret });
const refresh = (mock: MockFetch, refreshToken: string) =>
  post(mock, '/oauth/token', { refresh_token: refreshToken, ...client(mock), redirect_uri: 'urn:ietf:wg:oauth:2.0:oob', grant_type: 'refresh_token' });
const settings = (mock: MockFetch, accessToken: string) =>
  mock.fetch(`${mock.url}/users/settings`, {
    headers: { 'trakt-api-key': mock.clientId, 'trakt-api-version': '2', 'User-Agent': USER_AGENT, Authorization: `Bearer ${accessToken}` },
  });

describe('refresh tokens rotate and die after one use, in memory', () => {
  it('a refresh returns a new pair and kills the old one; a second use is invalid_grant; revoke kills the pair', async () => {
    const mock = createMockFetch();
    const first = mock.issueToken();
    const renewed = await refresh(mock, first.refresh_token);
    expect(renewed.status).toBe(200);
    const second = (await renewed.json()) as MockTokenBody;
    expect(second.refresh_token).not.toBe(first.refresh_token);
    expect([mock.tokenState(first.refresh_token), mock.tokenState(second.refresh_token)]).toEqual(['rotated', 'active']);

    const reused = await refresh(mock, first.refresh_token);
    expect(reused.status).toBe(400);
    expect(await reused.json()).toMatchObject({ error: 'invalid_grant', error_description: expect.stringMatching(/already used/) });
    expect((await settings(mock, first.access_token)).status).toBe(401);
    expect((await settings(mock, second.access_token)).status).toBe(200);

    expect((await post(mock, '/oauth/revoke', { token: second.access_token, ...client(mock) })).status).toBe(200);
    expect(mock.tokenState(second.refresh_token)).toBe('revoked');
    expect((await refresh(mock, second.refresh_token)).status).toBe(400);
    expect(mock.log.map((entry) => `${entry.path} ${entry.status}`)).toEqual([
      '/oauth/token 200',
      '/oauth/token 400',
      '/users/settings 401',
      '/users/settings 200',
      '/oauth/revoke 200',
      '/oauth/token 400',
    ]);
  });
});

describe('a session over the in-memory mock, in simulated time', () => {
  beforeEach(() => vi.useFakeTimers({ now: T0 }));
  afterEach(() => vi.useRealTimers());

  it('signs in, refreshes a day before expiry, stores the new pair; the mock holds the old pair dead', async () => {
    const mock = createMockFetch({ interval: 5, autoApproveAfterPolls: 0 });
    const store = createMemoryTokenStore();
    const services = createTraktSessionServices({ clientId: mock.clientId, clientSecret: mock.clientSecret, baseUrl: mock.url, fetch: mock.fetch, userAgent: USER_AGENT, store });
    const session = createSession({ services });
    try {
      await session.ready();
      const signingIn = session.signIn();
      await vi.advanceTimersByTimeAsync(5_000);
      const first = await signingIn;
      expect((await store.get())?.refreshToken).toBe(first.refreshToken);

      await vi.advanceTimersByTimeAsync(6 * DAY); // due at created_at + 7 d − 24 h
      const second = (await store.get())!;
      expect(second.refreshToken).not.toBe(first.refreshToken);
      expect(await session.getAccessToken()).toBe(second.accessToken);
      expect([mock.tokenState(first.refreshToken!), mock.tokenState(second.refreshToken!)]).toEqual(['rotated', 'active']);
      expect(mock.log.map((entry) => [`${entry.path} ${entry.status}`, entry.time - T0])).toEqual([
        ['/oauth/device/code 200', 0],
        ['/oauth/device/token 200', 5_000],
        ['/oauth/token 200', 5_000 + 6 * DAY],
      ]);
    } finally {
      session.stop();
    }
  });
});

describe('the request log of the in-memory mock', () => {
  it('records every request with its time, no body, and no secret; each entry is also a request event', async () => {
    let time = T0;
    const mock = createMockFetch({ now: () => time, clientSecret: 'a-very-secret-client-secret' });
    const events: unknown[] = [];
    mock.on('request', (entry) => events.push(entry));
    const code = (await (await post(mock, '/oauth/device/code', { client_id: mock.clientId })).json()) as { device_code: string; user_code: string };
    mock.approve(code.user_code);
    time += 1_000;
    const token = (await (await post(mock, '/oauth/device/token', { code: code.device_code, ...client(mock) })).json()) as MockTokenBody;
    await settings(mock, token.access_token);

    expect(mock.log).toEqual([
      expect.objectContaining({ method: 'POST', path: '/oauth/device/code', status: 200, time: T0 }),
      expect.objectContaining({ method: 'POST', path: '/oauth/device/token', status: 200, time: T0 + 1_000 }),
      expect.objectContaining({ method: 'GET', path: '/users/settings', status: 200, time: T0 + 1_000 }),
    ]);
    expect(mock.log[0]?.headers).toMatchObject({ 'user-agent': USER_AGENT, 'trakt-api-key': mock.clientId, host: 'mock.invalid' });
    expect(mock.log[2]?.headers.authorization).toBe(`Bearer ${REDACTED}`);
    expect(events).toEqual(mock.log);
    const text = JSON.stringify(mock.log);
    for (const secret of [mock.clientSecret, code.device_code, token.access_token, token.refresh_token]) expect(text).not.toContain(secret);
    mock.clearLog();
    expect(mock.log).toEqual([]);
  });
});

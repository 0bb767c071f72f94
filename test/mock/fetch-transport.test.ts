/**
 * The in-memory fetch behaves like `fetch` against the HTTP server: real `Response`s, network
 * errors for socket faults and unreachable origins, aborts, redirects, and slow answers on timers.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createMockFetch, MOCK_FETCH_URL, type MockFetch } from '../../src/mock/fetch.js';

const API = { 'Content-Type': 'application/json', 'trakt-api-version': '2', 'User-Agent': 'mock-fetch-tests/1.0' };

function post(mock: MockFetch, path: string, body: unknown, init: RequestInit = {}): Promise<Response> {
  return mock.fetch(`${mock.url}${path}`, { method: 'POST', headers: { ...API, 'trakt-api-key': mock.clientId }, body: JSON.stringify(body), ...init });
}

async function deviceCode(mock: MockFetch): Promise<{ device_code: string; user_code: string }> {
  return (await (await post(mock, '/oauth/device/code', { client_id: mock.clientId })).json()) as { device_code: string; user_code: string };
}

const poll = (mock: MockFetch, code: string, init: RequestInit = {}) =>
  post(mock, '/oauth/device/token', { code, client_id: mock.clientId, client_secret: mock.clientSecret }, init);

/** `random` values: fault the first poll with the first kind, then none. */
const faultOnce = () => {
  const values = [0, 0];
  return () => values.shift() ?? 0.99;
};

describe('answers', () => {
  it('are real Responses with status, headers (CORS, Content-Length) and the URL they came from', async () => {
    const mock = createMockFetch();
    const response = await post(mock, '/oauth/device/code', { client_id: mock.clientId });
    expect(response).toBeInstanceOf(Response);
    expect(response.status).toBe(200);
    expect(response.url).toBe(`${MOCK_FETCH_URL}/oauth/device/code`);
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    const text = await response.text();
    expect(response.headers.get('content-length')).toBe(String(new TextEncoder().encode(text).byteLength));
    expect(JSON.parse(text)).toMatchObject({ verification_url: `${MOCK_FETCH_URL}/activate`, interval: 5, expires_in: 600 });
  });

  it('take a Request object, and a URL object', async () => {
    const mock = createMockFetch();
    const request = new Request(`${mock.url}/oauth/device/code`, { method: 'POST', headers: { ...API, 'trakt-api-key': mock.clientId }, body: JSON.stringify({ client_id: mock.clientId }) });
    expect((await mock.fetch(request)).status).toBe(200);
    expect((await mock.fetch(new URL('/activate', mock.url))).status).toBe(200);
  });

  it('give empty bodies to 204 and HEAD, and 413 to a body over 64 KiB', async () => {
    const mock = createMockFetch();
    const preflight = await mock.fetch(`${mock.url}/oauth/device/token`, { method: 'OPTIONS' });
    expect([preflight.status, preflight.body]).toEqual([204, null]);
    const head = await mock.fetch(`${mock.url}/activate`, { method: 'HEAD' });
    expect([head.status, await head.text()]).toEqual([200, '']);
    expect((await post(mock, '/oauth/device/code', { client_id: 'x'.repeat(70_000) })).status).toBe(413);
  });

  it('add a User-Agent like a runtime fetch does; an empty one gets the CDN block page', async () => {
    const mock = createMockFetch();
    await mock.fetch(`${mock.url}/activate`);
    expect(mock.log.at(-1)?.headers['user-agent']).toBe('mock-fetch');
    const blocked = await mock.fetch(`${mock.url}/activate`, { headers: { 'User-Agent': '' } });
    expect(blocked.status).toBe(403);
    expect(await blocked.text()).toContain('you have been blocked');
  });

  it('follow redirects unless told not to', async () => {
    const mock = createMockFetch();
    const followed = await mock.fetch(`${mock.url}/`);
    expect([followed.status, followed.redirected, followed.url]).toEqual([200, true, `${mock.url}/activate`]);
    const manual = await mock.fetch(`${mock.url}/`, { redirect: 'manual' });
    expect([manual.status, manual.headers.get('location')]).toEqual([302, '/activate']);
    await expect(mock.fetch(`${mock.url}/`, { redirect: 'error' })).rejects.toThrow(TypeError);
    expect(mock.log.map((entry) => `${entry.path} ${entry.status}`)).toEqual(['/ 302', '/activate 200', '/ 302', '/ 302']);
  });
});

describe('network errors', () => {
  it('reject a request to another origin with a TypeError, before the mock sees it', async () => {
    const mock = createMockFetch();
    await expect(mock.fetch('https://api.trakt.tv/oauth/device/code', { method: 'POST' })).rejects.toThrow(/cannot be reached/);
    await expect(mock.fetch('http://mock.invalid/activate')).rejects.toThrow(TypeError);
    expect(mock.log).toEqual([]);
  });

  it('turn a drop fault into a rejected fetch (TypeError), logged with status 0; the code keeps working', async () => {
    const mock = createMockFetch({ faultRate: 0.5, faults: ['drop'], random: faultOnce() });
    const code = await deviceCode(mock);
    const fault = mock.waitFor('fault');
    await expect(poll(mock, code.device_code)).rejects.toThrow(TypeError);
    await expect(fault).resolves.toMatchObject({ kind: 'drop', status: 0 });
    expect(mock.log.at(-1)).toMatchObject({ path: '/oauth/device/token', status: 0, fault: 'drop' });
    expect((await poll(mock, code.device_code)).status).toBe(400);
  });

  it('reject every request after close()', async () => {
    const mock = createMockFetch();
    await Promise.all([mock.close(), mock.close()]);
    await expect(mock.fetch(`${mock.url}/activate`)).rejects.toThrow(/closed/);
  });
});

describe('time and cancellation', () => {
  afterEach(() => vi.useRealTimers());

  it('holds a slow answer for slowMs on a timer, so fake timers release it exactly', async () => {
    vi.useFakeTimers();
    const mock = createMockFetch({ faultRate: 0.5, faults: ['slow'], slowMs: 2_000, random: faultOnce() });
    const code = await deviceCode(mock);
    let status: number | undefined;
    const answered = poll(mock, code.device_code).then((response) => (status = response.status));
    await vi.advanceTimersByTimeAsync(1_999);
    expect(status).toBeUndefined();
    await vi.advanceTimersByTimeAsync(1);
    await answered;
    expect(status).toBe(400);
    expect(mock.log.at(-1)).toMatchObject({ status: 400, fault: 'slow' });
  });

  it('rejects with the signal reason (AbortError) when aborted, and stops the slow timer', async () => {
    vi.useFakeTimers();
    const mock = createMockFetch({ faultRate: 0.5, faults: ['slow'], slowMs: 60_000, random: faultOnce() });
    const code = await deviceCode(mock);
    const controller = new AbortController();
    const answer = poll(mock, code.device_code, { signal: controller.signal });
    await vi.advanceTimersByTimeAsync(1_000);
    controller.abort();
    await expect(answer).rejects.toMatchObject({ name: 'AbortError' });
    await vi.advanceTimersByTimeAsync(0);
    expect(vi.getTimerCount()).toBe(0);
    expect(mock.log.at(-1)).toMatchObject({ path: '/oauth/device/token', status: 0, fault: 'slow' });
    await expect(poll(mock, code.device_code, { signal: AbortSignal.abort() })).rejects.toMatchObject({ name: 'AbortError' });
    expect(mock.log).toHaveLength(2);
  });

  it('turns a slow answer in progress into a network error when the mock closes', async () => {
    vi.useFakeTimers();
    const mock = createMockFetch({ faultRate: 0.5, faults: ['slow'], slowMs: 60_000, random: faultOnce() });
    const code = await deviceCode(mock);
    const answer = poll(mock, code.device_code);
    const rejected = expect(answer).rejects.toThrow(TypeError);
    await vi.advanceTimersByTimeAsync(1_000);
    await mock.close();
    await rejected;
  });
});

describe('options', () => {
  it('answers at the given origin, and refuses a URL with a path or another scheme', async () => {
    const mock = createMockFetch({ url: 'http://127.0.0.1:9/' });
    expect(mock.url).toBe('http://127.0.0.1:9');
    expect(mock.verificationUrl).toBe('http://127.0.0.1:9/activate');
    expect((await mock.fetch('http://127.0.0.1:9/activate')).status).toBe(200);
    await expect(mock.fetch('http://localhost:9/activate')).rejects.toThrow(TypeError);
    expect(() => createMockFetch({ url: 'https://mock.example/api' })).toThrow(expect.objectContaining({ code: 'CONFIGURATION' }));
    expect(() => createMockFetch({ url: 'ftp://mock.example' })).toThrow(expect.objectContaining({ code: 'CONFIGURATION' }));
    expect(() => createMockFetch({ interval: 0 })).toThrow(expect.objectContaining({ code: 'CONFIGURATION' }));
  });
});

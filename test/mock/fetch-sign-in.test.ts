/**
 * The in-memory mock signs a person in through the library's front door, in simulated time: the
 * machine's timers, the mock's clock and its slow answers all run on vitest's fake timers.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { authorize, type DeviceAuthEmitted } from '../../src/index.js';
import { createMockFetch, type MockFetch } from '../../src/mock/fetch.js';

const T0 = Date.UTC(2025, 0, 1);
const WEEK_S = 7 * 24 * 3600;

/** `authorize()` against `mock`, recording every emitted event type. */
function signIn(mock: MockFetch, extra: { signal?: AbortSignal } = {}) {
  const events: DeviceAuthEmitted['type'][] = [];
  const result = authorize({
    clientId: mock.clientId,
    clientSecret: mock.clientSecret,
    baseUrl: mock.url,
    fetch: mock.fetch,
    userAgent: 'mock-fetch-tests/1.0',
    onEvent: (event) => events.push(event.type),
    ...extra,
  });
  // Observed at once, so a rejection is never reported as unhandled while time is advanced.
  const settled = result.then(
    (token) => ({ token, error: undefined }),
    (error: unknown) => ({ token: undefined, error }),
  );
  return { events, settled };
}

/** The log as `[method path status, ms since T0]`. */
const timeline = (mock: MockFetch) => mock.log.map((entry) => [`${entry.method} ${entry.path} ${entry.status}`, entry.time - T0]);

describe('createMockFetch with authorize(), in simulated time', () => {
  beforeEach(() => vi.useFakeTimers({ now: T0 }));
  afterEach(() => vi.useRealTimers());

  it('signs in: one code request, polls on the interval until approval, then the token', async () => {
    const mock = createMockFetch({ interval: 5, autoApproveAfterPolls: 2 });
    const { events, settled } = signIn(mock);
    await vi.advanceTimersByTimeAsync(15_000);
    const { token, error } = await settled;
    expect(error).toBeUndefined();
    expect(timeline(mock)).toEqual([
      ['POST /oauth/device/code 200', 0],
      ['POST /oauth/device/token 400', 5_000],
      ['POST /oauth/device/token 400', 10_000],
      ['POST /oauth/device/token 200', 15_000],
    ]);
    expect(events).toEqual(['codes', 'poll', 'pending', 'poll', 'pending', 'poll', 'authorized']);
    expect(token).toMatchObject({ tokenType: 'bearer', scope: 'public', createdAt: (T0 + 15_000) / 1000, expiresIn: WEEK_S });
    expect(token?.expiresAt).toBe(T0 + 15_000 + WEEK_S * 1000);
    expect(mock.tokenState(token!.accessToken)).toBe('active');
    expect(mock.tokenState(token!.refreshToken!)).toBe('active');
  });

  it('a person approving by user code mid-flow ends it at the next poll', async () => {
    const mock = createMockFetch({ interval: 5 });
    mock.on('code', ({ userCode }) => {
      setTimeout(() => expect(mock.approve(userCode.toLowerCase())).toBe('approved'), 7_000);
    });
    const { settled } = signIn(mock);
    await vi.advanceTimersByTimeAsync(10_000);
    expect((await settled).token?.accessToken).toMatch(/^[0-9a-f]{64}$/);
    expect(timeline(mock).map(([line]) => line)).toEqual(['POST /oauth/device/code 200', 'POST /oauth/device/token 400', 'POST /oauth/device/token 200']);
  });

  it('a denial on the activation page (in memory, with its form token) rejects with DENIED after one more poll', async () => {
    const mock = createMockFetch({ interval: 5 });
    const code = mock.waitFor('code');
    const { events, settled } = signIn(mock);
    const { userCode, verificationUrl } = await code;
    expect(verificationUrl).toBe(`${mock.url}/activate`);
    const page = await (await mock.fetch(`${verificationUrl}/${userCode}`)).text();
    const token = /name="csrf_token" value="([0-9a-f]+)"/.exec(page)?.[1] ?? '';
    const denied = await mock.fetch(verificationUrl, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ csrf_token: token, user_code: userCode, decision: 'deny' }),
    });
    expect(denied.status).toBe(200);
    await vi.advanceTimersByTimeAsync(5_000);
    expect((await settled).error).toMatchObject({ code: 'DENIED' });
    expect(events).toEqual(['codes', 'poll', 'denied']);
    expect(timeline(mock)).toEqual([
      ['POST /oauth/device/code 200', 0],
      ['GET /activate/' + userCode + ' 200', 0],
      ['POST /activate 200', 0],
      ['POST /oauth/device/token 418', 5_000],
    ]);
  });

  it('expiry: the client stops at its deadline and sends nothing more; the mock answers 410 past it', async () => {
    const mock = createMockFetch({ interval: 5, expiresIn: 12 });
    const code = mock.waitFor('code');
    const { events, settled } = signIn(mock);
    const { userCode } = await code;
    await vi.advanceTimersByTimeAsync(12_000);
    expect((await settled).error).toMatchObject({ code: 'EXPIRED' });
    expect(events.at(-1)).toBe('expired');
    await vi.advanceTimersByTimeAsync(60_000);
    expect(timeline(mock)).toEqual([
      ['POST /oauth/device/code 200', 0],
      ['POST /oauth/device/token 400', 5_000],
      ['POST /oauth/device/token 400', 10_000],
    ]);
    expect(mock.approve(userCode)).toBe('expired');
  });

  it('an AbortSignal cancels the flow; the poll in flight (held by a slow fault) never lands', async () => {
    const mock = createMockFetch({ interval: 5, autoApproveAfterPolls: 0, faultRate: 1, faults: ['slow'], slowMs: 3_000, random: () => 0 });
    const controller = new AbortController();
    const { settled } = signIn(mock, { signal: controller.signal });
    await vi.advanceTimersByTimeAsync(6_000); // the poll arrived at 5 s and is answered at 8 s
    controller.abort();
    expect((await settled).error).toMatchObject({ code: 'ABORTED' });
    await vi.advanceTimersByTimeAsync(10_000);
    // The poll consumed the approved code on arrival (the server decided); its answer was dropped.
    expect(timeline(mock)).toEqual([
      ['POST /oauth/device/code 200', 0],
      ['POST /oauth/device/token 0', 5_000],
    ]);
    expect(vi.getTimerCount()).toBe(0);
  });
});

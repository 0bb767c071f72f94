import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { authorize, runDeviceAuth, type CodesEvent } from '../../src/services/clients/authorize.js';
import { DeviceAuthError } from '../../src/core/errors.js';
import type { DeviceAuthEmitted } from '../../src/machines/device-auth.types.js';
import type { FetchLike } from '../../src/services/http/http.js';
import { createMockFetch, type MockFetch, type MockFetchOptions } from '../../src/mock/fetch.js';
import { scriptedServices } from '../support/scripted-services.js';
import { fromPromise } from 'xstate';
import type { PollResult, PollTokenInput } from '../../src/machines/device-auth.types.js';
import type { DeviceAuthServices } from '../../src/services/dialect/create-services.js';

const T0 = Date.UTC(2025, 0, 1);

/** `authorize()` against the embedded mock in memory, settled into a value so fake time can run first. */
function signIn(mock: MockFetch, options: { fetch?: FetchLike; onCodes?: (codes: CodesEvent) => void; onEvent?: (event: DeviceAuthEmitted) => void } = {}) {
  return authorize({ clientId: mock.clientId, clientSecret: mock.clientSecret, baseUrl: mock.url, fetch: mock.fetch, ...options }).then(
    (token) => ({ token, error: undefined }),
    (error: unknown) => ({ token: undefined, error }),
  );
}

/** The paths and statuses the mock answered, in order. */
const answered = (mock: MockFetch) => mock.log.map((entry) => `${entry.path} ${entry.status}`);

/** A mock whose device-code answers the test can read (a device code is secret: no event carries it). */
function mockKeepingDeviceCodes(options: MockFetchOptions) {
  const mock = createMockFetch(options);
  const deviceCodes: string[] = [];
  const fetch: FetchLike = async (url, init) => {
    const response = await mock.fetch(url, init);
    if (url.endsWith('/oauth/device/code')) deviceCodes.push(((await response.clone().json()) as { device_code: string }).device_code);
    return response;
  };
  return { mock, fetch, deviceCodes };
}

/** A Trakt API request from another device of the same app. */
function asAnotherDevice(mock: MockFetch, path: string, body: Record<string, string>): Promise<Response> {
  return mock.fetch(`${mock.url}${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'trakt-api-key': mock.clientId, 'trakt-api-version': '2', 'User-Agent': 'another-device/1.0' },
    body: JSON.stringify({ client_id: mock.clientId, ...body }),
  });
}

describe('authorize(): the promise front door, against the embedded mock in memory', () => {
  beforeEach(() => vi.useFakeTimers({ now: T0 }));
  afterEach(() => vi.useRealTimers());

  it('resolves with the token and reports the codes and progress', async () => {
    const mock = createMockFetch({ interval: 5, autoApproveAfterPolls: 2 });
    const codes: CodesEvent[] = [];
    const events: DeviceAuthEmitted['type'][] = [];
    const result = signIn(mock, { onCodes: (event) => codes.push(event), onEvent: (event) => events.push(event.type) });
    await vi.advanceTimersByTimeAsync(15_000);
    const { token } = await result;
    expect(token).toMatchObject({ tokenType: 'bearer', createdAt: (T0 + 15_000) / 1000 });
    expect(mock.tokenState(token!.accessToken)).toBe('active');
    expect(codes).toHaveLength(1);
    expect(codes[0]!.verificationUrlComplete).toBe(`${mock.url}/activate/${codes[0]!.userCode}`);
    expect(events).toEqual(['codes', 'poll', 'pending', 'poll', 'pending', 'poll', 'authorized']);
    expect(answered(mock)).toEqual(['/oauth/device/code 200', ...Array(2).fill('/oauth/device/token 400'), '/oauth/device/token 200']);
  });

  it('a denial (418) rejects with DENIED', async () => {
    const mock = createMockFetch({ interval: 5, autoDenyAfterPolls: 0 });
    const result = signIn(mock);
    await vi.advanceTimersByTimeAsync(5_000);
    expect((await result).error).toMatchObject({ code: 'DENIED' });
    expect(answered(mock)).toEqual(['/oauth/device/code 200', '/oauth/device/token 418']);
  });

  it('a 410 (the server counts the code expired while the client still polls: its clock jumped ahead) rejects with EXPIRED', async () => {
    let jump = 0;
    const mock = createMockFetch({ interval: 5, expiresIn: 12, now: () => Date.now() + jump });
    mock.on('code', () => (jump = 10_000));
    const result = signIn(mock);
    await vi.advanceTimersByTimeAsync(5_000);
    expect((await result).error).toMatchObject({ code: 'EXPIRED' });
    expect(answered(mock)).toEqual(['/oauth/device/code 200', '/oauth/device/token 410']);
  });

  it('a 409 (another device already took the approved code) rejects with ALREADY_USED', async () => {
    const { mock, fetch, deviceCodes } = mockKeepingDeviceCodes({ interval: 5 });
    mock.on('code', ({ userCode }) => mock.approve(userCode));
    const result = signIn(mock, { fetch });
    await vi.advanceTimersByTimeAsync(0);
    expect((await asAnotherDevice(mock, '/oauth/device/token', { code: deviceCodes[0]!, client_secret: mock.clientSecret })).status).toBe(200);
    await vi.advanceTimersByTimeAsync(5_000);
    expect((await result).error).toMatchObject({ code: 'ALREADY_USED' });
    expect(answered(mock)).toEqual(['/oauth/device/code 200', '/oauth/device/token 200', '/oauth/device/token 409']);
  });

  it('a 404 (the server forgot the code: more were issued than it keeps) rejects with INVALID_CODE', async () => {
    const mock = createMockFetch({ interval: 5, maxDeviceCodes: 1 });
    const result = signIn(mock);
    await vi.advanceTimersByTimeAsync(0);
    expect((await asAnotherDevice(mock, '/oauth/device/code', {})).status).toBe(200);
    await vi.advanceTimersByTimeAsync(5_000);
    expect((await result).error).toMatchObject({ code: 'INVALID_CODE' });
    expect(answered(mock)).toEqual(['/oauth/device/code 200', '/oauth/device/code 200', '/oauth/device/token 404']);
  });

  it("a request the CDN blocks (403 HTML: here the User-Agent is lost on the way) rejects with BLOCKED", async () => {
    const mock = createMockFetch();
    const stripped: FetchLike = (url, init) => mock.fetch(url, { ...init, headers: { ...init.headers, 'User-Agent': '' } });
    const result = signIn(mock, { fetch: stripped });
    await vi.advanceTimersByTimeAsync(0);
    expect((await result).error).toMatchObject({ code: 'BLOCKED' });
    expect(answered(mock)).toEqual(['/oauth/device/code 403']);
  });
});

describe('authorize(): options and cancellation', () => {
  it('bad options reject with CONFIGURATION', async () => {
    await expect(authorize({ clientId: '', clientSecret: 'secret' })).rejects.toMatchObject({ code: 'CONFIGURATION' });
  });

  it('an AbortSignal cancels the flow and aborts the request in flight', async () => {
    const services = scriptedServices({ polls: [{ outcome: { type: 'pending' }, latencyMs: 60_000 }], codes: { interval: 0.001 } });
    const controller = new AbortController();
    const running = runDeviceAuth(services, {
      signal: controller.signal,
      onEvent: (event) => {
        if (event.type === 'poll') controller.abort();
      },
    });
    const error = await running.then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(DeviceAuthError);
    expect(error).toMatchObject({ code: 'ABORTED' });
    expect(services.requests.filter((r) => r.kind === 'poll')).toMatchObject([{ aborted: true }]);
  });

  it('an already aborted signal rejects at once, sending nothing', async () => {
    const services = scriptedServices({ polls: [{ type: 'pending' }] });
    await expect(runDeviceAuth(services, { signal: AbortSignal.abort() })).rejects.toMatchObject({ code: 'ABORTED' });
    expect(services.requests).toHaveLength(0);
  });

  it('a callback that throws stops the flow and rejects (it never crashes the process)', async () => {
    const services = scriptedServices({ polls: [{ type: 'pending' }], codes: { interval: 0.001 } });
    const error = await runDeviceAuth(services, {
      onCodes: () => {
        throw new Error('render failed');
      },
    }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ code: 'UNEXPECTED', message: 'An onCodes/onEvent callback threw: render failed' });
    expect((error as DeviceAuthError).cause).toBeInstanceOf(Error);
    expect(services.requests.filter((r) => r.kind === 'poll')).toHaveLength(0);
  });

  it('a service answer that breaks the engine itself rejects, never leaving the promise pending', async () => {
    const services = scriptedServices({ polls: [{ type: 'pending' }], codes: { interval: 0.001 } });
    const broken: DeviceAuthServices = {
      actors: {
        ...services.actors,
        pollToken: fromPromise<PollResult, PollTokenInput>(async () => ({
          get outcome(): never {
            throw new Error('a getter the guards trip over');
          },
          startedAt: 0,
          receivedAt: 0,
        })),
      },
    };
    await expect(runDeviceAuth(broken)).rejects.toThrow('a getter the guards trip over');
  });

  it('hands the ending to onEvent before it settles on it', async () => {
    const services = scriptedServices({ polls: [{ type: 'denied' }], codes: { interval: 0.001 } });
    const events: string[] = [];
    const settled = runDeviceAuth(services, { onEvent: (event) => events.push(event.type) }).catch((error: unknown) => {
      events.push('settled');
      throw error;
    });
    await expect(settled).rejects.toMatchObject({ code: 'DENIED' });
    expect(events).toEqual(['codes', 'poll', 'denied', 'settled']);
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { authorize, runDeviceAuth, type CodesEvent } from '../../src/services/clients/authorize.js';
import { DeviceAuthError } from '../../src/core/errors.js';
import type { DeviceAuthEmitted } from '../../src/machines/device-auth.types.js';
import { json } from '../support/loopback-server.js';
import { sampleTokenBody, startTraktLikeServer as traktLike } from '../support/trakt-like-server.js';
import { scriptedServices } from '../support/scripted-services.js';

describe('authorize(): the promise front door', () => {
  let server: Awaited<ReturnType<typeof traktLike>> | undefined;
  afterEach(async () => server?.close());

  it('resolves with the token and reports the codes and progress', async () => {
    server = await traktLike([{ status: 400 }, { status: 400 }, json(200, sampleTokenBody)]);
    const codes: CodesEvent[] = [];
    const events: DeviceAuthEmitted['type'][] = [];
    const result = await authorize({
      clientId: 'id',
      clientSecret: 'secret',
      baseUrl: server.url,
      onCodes: (event) => codes.push(event),
      onEvent: (event) => events.push(event.type),
    });
    expect(result).toMatchObject({ accessToken: 'access-secret', refreshToken: 'refresh-secret' });
    expect(codes).toMatchObject([{ userCode: 'ABCD2345', verificationUrlComplete: 'https://trakt.tv/activate/ABCD2345' }]);
    expect(events).toEqual(['codes', 'poll', 'pending', 'poll', 'pending', 'poll', 'authorized']);
    expect(server.requests.map((r) => r.path)).toEqual(['/oauth/device/code', ...Array(3).fill('/oauth/device/token')]);
  });

  it.each([
    [418, 'DENIED'],
    [410, 'EXPIRED'],
    [409, 'ALREADY_USED'],
    [404, 'INVALID_CODE'],
  ])('a %i rejects with %s', async (status, code) => {
    server = await traktLike([{ status }]);
    await expect(authorize({ clientId: 'id', clientSecret: 'secret', baseUrl: server.url })).rejects.toMatchObject({ code });
  });

  it('a blocked request rejects with the BLOCKED error', async () => {
    server = await traktLike([{ status: 403, headers: { 'Content-Type': 'text/html' }, body: '<html>blocked</html>' }]);
    await expect(authorize({ clientId: 'id', clientSecret: 'secret', baseUrl: server.url })).rejects.toMatchObject({ code: 'BLOCKED' });
  });

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
});

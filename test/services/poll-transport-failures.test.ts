import { describe, expect, it } from 'vitest';
import { createActor, toPromise } from 'xstate';
import { createTraktServices } from '../../src/services/trakt/trakt-services.js';
import type { FetchLike } from '../../src/services/http/http.js';
import { DeviceAuthError } from '../../src/core/errors.js';

const options = { clientId: 'id', clientSecret: 'secret', baseUrl: 'http://127.0.0.1:9' };
const poll = async (fetch: FetchLike) => {
  const services = createTraktServices({ ...options, fetch, now: () => 42 });
  return toPromise(createActor(services.actors.pollToken, { input: { deviceCode: 'dc', expiresAt: Number.MAX_SAFE_INTEGER } }).start());
};

describe('transport failures while polling', () => {
  it('a dropped connection is transient: the login the person could still approve goes on', async () => {
    const result = await poll(() => Promise.reject(new TypeError('fetch failed')));
    expect(result).toMatchObject({ startedAt: 42, receivedAt: 42, outcome: { type: 'transient', error: { code: 'NETWORK' } } });
  });

  it('an oversized answer is transient too', async () => {
    const result = await poll(async () => ({ status: 200, headers: new Headers({ 'content-length': '99999999' }), text: async () => '' }));
    expect(result.outcome).toMatchObject({ type: 'transient', error: { code: 'RESPONSE_TOO_LARGE' } });
  });
});

describe('transport options reach the seam', () => {
  it('timeoutMs and maxResponseBytes apply; an abort is not retried', async () => {
    const big = createTraktServices({
      ...options,
      maxResponseBytes: 4,
      timeoutMs: 1_000,
      fetch: async () => ({ status: 400, headers: new Headers(), text: async () => 'too long' }),
    });
    const result = await toPromise(createActor(big.actors.pollToken, { input: { deviceCode: 'dc', expiresAt: Number.MAX_SAFE_INTEGER } }).start());
    expect(result.outcome).toMatchObject({ type: 'transient', error: { code: 'RESPONSE_TOO_LARGE' } });

    const aborted = createTraktServices({
      ...options,
      fetch: () => Promise.reject(new DeviceAuthError('ABORTED', 'stopped')),
    });
    const stopped = await toPromise(createActor(aborted.actors.pollToken, { input: { deviceCode: 'dc', expiresAt: Number.MAX_SAFE_INTEGER } }).start());
    expect(stopped.outcome).toMatchObject({ type: 'fatal', error: { code: 'ABORTED' } });
  });
});

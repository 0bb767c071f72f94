import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { FetchLike } from '../../src/services/http/http.js';
import { createTraktServices } from '../../src/services/trakt/trakt-services.js';
import { advanceUntil, isSettled, startMachine } from '../support/run-machine.js';

/** A fetch that answers the Trakt device endpoints after `latencyMs`, recording when each request was sent. */
function fakeTrakt(latencyMs: number) {
  const sent: Array<{ path: string; at: number }> = [];
  const fetch: FetchLike = (url, init) => {
    const path = new URL(url).pathname;
    sent.push({ path, at: Date.now() });
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        const body =
          path === '/oauth/device/code'
            ? JSON.stringify({ device_code: 'dc', user_code: 'ABCD2345', verification_url: 'https://trakt.tv/activate', expires_in: 30, interval: 5 })
            : '';
        resolve({ status: path === '/oauth/device/code' ? 200 : 400, headers: new Headers(), text: async () => body });
      }, latencyMs);
      init.signal.addEventListener('abort', () => {
        clearTimeout(timer);
        reject(new Error('aborted'));
      });
    });
  };
  return { fetch, sent };
}

describe("the client's own deadline, with real services", () => {
  beforeEach(() => vi.useFakeTimers({ now: 0 }));
  afterEach(() => vi.useRealTimers());

  it('counts the lifetime from when the code request was sent, not from a slow answer', async () => {
    const trakt = fakeTrakt(3_000);
    const services = createTraktServices({ clientId: 'id', clientSecret: 'secret', fetch: trakt.fetch });
    const { actor, events } = startMachine(services);
    actor.send({ type: 'start' });
    await vi.advanceTimersByTimeAsync(3_000);
    expect(events[0]).toMatchObject({ type: 'codes', expiresAt: 30_000 });
    actor.stop();
  });

  it('a timer that fires late (the device slept) sends nothing past the deadline and ends in expired', async () => {
    const trakt = fakeTrakt(0);
    const services = createTraktServices({ clientId: 'id', clientSecret: 'secret', fetch: trakt.fetch });
    const { actor, types } = startMachine(services);
    actor.send({ type: 'start' });
    await vi.advanceTimersByTimeAsync(5_000); // first poll at 5 s: pending, next due at 10 s
    expect(trakt.sent.map((r) => r.path)).toEqual(['/oauth/device/code', '/oauth/device/token']);
    vi.setSystemTime(45_000); // the device sleeps past the 30 s deadline; the 10 s timer has not fired yet
    const snapshot = await advanceUntil(actor, isSettled);
    expect(snapshot.value).toBe('expired');
    expect(trakt.sent).toHaveLength(2);
    expect(types().at(-1)).toBe('expired');
  });
});

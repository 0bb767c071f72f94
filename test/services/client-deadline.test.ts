import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createTraktServices } from '../../src/services/trakt/trakt-services.js';
import { advanceUntil, isSettled, startMachine } from '../support/run-machine.js';
import { CLIENT, fakeTrakt } from '../session/fake-trakt.js';

/** Trakt (the embedded mock in memory) answering after `latencyMs`, with 30 s codes polled every 5 s and never approved. */
function slowTrakt(latencyMs: number) {
  const trakt = fakeTrakt({ latencyMs, codeExpiresIn: 30, interval: 5, approveAfterPolls: 100 });
  return { trakt, services: createTraktServices({ ...CLIENT, fetch: trakt.fetch }) };
}

describe("the client's own deadline, with real services", () => {
  beforeEach(() => vi.useFakeTimers({ now: 0 }));
  afterEach(() => vi.useRealTimers());

  it('counts the lifetime from when the code request was sent, not from a slow answer', async () => {
    const { services } = slowTrakt(3_000);
    const { actor, events } = startMachine(services);
    actor.send({ type: 'start' });
    await vi.advanceTimersByTimeAsync(3_000);
    expect(events[0]).toMatchObject({ type: 'codes', expiresAt: 30_000 });
    actor.stop();
  });

  it('a timer that fires late (the device slept) sends nothing past the deadline and ends in expired', async () => {
    const { trakt, services } = slowTrakt(0);
    const { actor, types } = startMachine(services);
    actor.send({ type: 'start' });
    await vi.advanceTimersByTimeAsync(5_000); // first poll at 5 s: pending, next due at 10 s
    expect(trakt.requests.map((r) => [r.path, r.status])).toEqual([
      ['/oauth/device/code', 200],
      ['/oauth/device/token', 400],
    ]);
    vi.setSystemTime(45_000); // the device sleeps past the 30 s deadline; the 10 s timer has not fired yet
    const snapshot = await advanceUntil(actor, isSettled);
    expect(snapshot.value).toBe('expired');
    expect(trakt.requests).toHaveLength(2);
    expect(trakt.mock.log).toHaveLength(2);
    expect(types().at(-1)).toBe('expired');
  });
});

describe('a poll timer that fires early, with real services', () => {
  beforeEach(() => vi.useFakeTimers({ now: 0 }));
  afterEach(() => vi.useRealTimers());

  it('waits out a few milliseconds so the poll never reaches the server before its interval', async () => {
    const { trakt, services } = slowTrakt(0);
    const { actor } = startMachine(services);
    actor.send({ type: 'start' });
    await vi.advanceTimersByTimeAsync(5_000); // first poll at 5 s: pending, next due at 10 s
    expect(trakt.requests).toHaveLength(2);
    // Node reads its loop clock once per turn, so a timer can fire while Date.now() still says
    // 9 998: the clock is set back under the machine's timer to play that.
    await vi.advanceTimersByTimeAsync(4_999);
    vi.setSystemTime(9_997);
    await vi.advanceTimersByTimeAsync(1); // the 10 s timer fires "at 9 998"
    expect(trakt.requests).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(trakt.requests).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(trakt.requests).toHaveLength(3);
    expect(trakt.mock.log.at(-1)?.path).toBe('/oauth/device/token');
    actor.stop();
  });
});

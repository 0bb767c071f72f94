import { describe, expect, it, vi } from 'vitest';
import { MAX_TIMER_MS } from '../../src/machines/session.timing.js';
import { fakeTrakt } from './fake-trakt.js';
import { DAY, HOUR, startSession, stateOf, testStore, T0, useFakeTimersAtT0 } from './support.js';

/** Refresh request times relative to T0, in days. */
const refreshDays = (trakt: ReturnType<typeof fakeTrakt>) =>
  trakt.requests.filter((r) => r.path === '/oauth/token').map((r) => (r.at - T0) / DAY);

describe('refresh timing in simulated time (expiry = created_at + expires_in)', () => {
  useFakeTimersAtT0();

  it('weeks with 7-day tokens: exactly one refresh per lifetime, at expiry − 24 h', async () => {
    const trakt = fakeTrakt({ tokenLifetime: 7 * 24 * 3600 });
    const store = testStore(trakt.issueToken());
    const { session, events } = startSession(trakt, store);
    await vi.advanceTimersByTimeAsync(10 * 7 * DAY);
    expect(refreshDays(trakt)).toEqual([6, 12, 18, 24, 30, 36, 42, 48, 54, 60, 66]);
    // Each refresh used the refresh token of the previous one, and each was stored before it was announced.
    expect(trakt.requests.filter((r) => r.path === '/oauth/token').map((r) => r.body.refresh_token)).toEqual(
      Array.from({ length: 11 }, (_, i) => `refresh-${i + 1}`),
    );
    const refreshed = events.filter((e) => e.type === 'refreshed');
    expect(refreshed).toHaveLength(11);
    expect(store.writes.map((w) => w.at)).toEqual(refreshed.map((e) => e.at));
    expect((await store.get())?.refreshToken).toBe('refresh-12');
    expect(trakt.isLiveRefresh('refresh-12')).toBe(true);
    expect(trakt.isLiveRefresh('refresh-11')).toBe(false);
    session.stop();
  });

  it('a configurable margin: one hour before expiry', async () => {
    const trakt = fakeTrakt();
    const { session } = startSession(trakt, testStore(trakt.issueToken()), { refreshMarginMs: HOUR });
    await vi.advanceTimersByTimeAsync(14 * DAY);
    expect(refreshDays(trakt)).toEqual([7 - 1 / 24, 14 - 2 / 24]);
    session.stop();
  });

  it('long-lived tokens (90 days) wait past the setTimeout limit instead of refreshing at once', async () => {
    expect(MAX_TIMER_MS).toBeLessThan(2 ** 31 - 1);
    const trakt = fakeTrakt({ tokenLifetime: 90 * 24 * 3600 });
    const { session, actor } = startSession(trakt, testStore(trakt.issueToken()));
    await vi.advanceTimersByTimeAsync(89 * DAY - 1);
    expect(refreshDays(trakt)).toEqual([]);
    expect(stateOf(actor.getSnapshot())).toBe('signedIn.saved');
    await vi.advanceTimersByTimeAsync(1);
    expect(refreshDays(trakt)).toEqual([89]);
    session.stop();
  });

  it('short-lived tokens: the margin shrinks to half the lifetime, no refresh loop', async () => {
    const trakt = fakeTrakt({ tokenLifetime: 3600 });
    const { session } = startSession(trakt, testStore(trakt.issueToken()));
    await vi.advanceTimersByTimeAsync(2 * HOUR);
    expect(refreshDays(trakt).map((d) => d * 24)).toEqual([0.5, 1, 1.5, 2]);
    session.stop();
  });

  it('a server clock far behind: every new token looks expired, yet refreshes stay a minute apart', async () => {
    const trakt = fakeTrakt({ tokenLifetime: 3600, createdAtSkewSeconds: -2 * 24 * 3600 });
    const { session } = startSession(trakt, testStore(trakt.issueToken()));
    await vi.advanceTimersByTimeAsync(10 * 60_000);
    const times = trakt.requests.map((r) => r.at - T0);
    expect(times).toEqual([0, 60_000, 120_000, 180_000, 240_000, 300_000, 360_000, 420_000, 480_000, 540_000, 600_000]);
    session.stop();
  });

  it('after the device slept (timers late), resume refreshes at once', async () => {
    const trakt = fakeTrakt();
    const { session, actor } = startSession(trakt, testStore(trakt.issueToken()));
    await vi.advanceTimersByTimeAsync(DAY);
    vi.setSystemTime(T0 + 6.5 * DAY); // the clock jumped; no timer fired meanwhile
    session.resume();
    expect(stateOf(actor.getSnapshot())).toBe('refreshing.requesting');
    await vi.advanceTimersByTimeAsync(0);
    expect(refreshDays(trakt)).toEqual([6.5]);
    expect(stateOf(actor.getSnapshot())).toBe('signedIn.saved');
    session.stop();
  });

  it('refresh on request (e.g. an API call answered 401), ignored while a refresh runs', async () => {
    const trakt = fakeTrakt({ latencyMs: 1_000 });
    const { session, actor } = startSession(trakt, testStore(trakt.issueToken()));
    await vi.advanceTimersByTimeAsync(1_000);
    actor.send({ type: 'refresh' });
    actor.send({ type: 'refresh' });
    await vi.advanceTimersByTimeAsync(1_000);
    expect(trakt.count('/oauth/token')).toBe(1);
    expect(stateOf(actor.getSnapshot())).toBe('signedIn.saved');
    session.stop();
  });
});

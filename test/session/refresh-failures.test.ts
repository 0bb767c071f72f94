import { describe, expect, it, vi } from 'vitest';
import { fakeTrakt } from './fake-trakt.js';
import { advanceUntil, DAY, startSession, stateOf, testStore, T0, useFakeTimersAtT0 } from './support.js';

const DUE = T0 + 6 * DAY;

describe('refresh failures', () => {
  useFakeTimersAtT0();

  it.each([400, 401])('invalid_grant (%i) → sessionEnded, store cleared, signedOut', async (status) => {
    const trakt = fakeTrakt();
    const store = testStore(trakt.issueToken());
    trakt.fail('/oauth/token', status);
    const { session, actor, events } = startSession(trakt, store);
    await vi.advanceTimersByTimeAsync(6 * DAY);
    const snapshot = actor.getSnapshot();
    expect(stateOf(snapshot)).toBe('signedOut');
    expect(snapshot.context.reason).toBe('invalidGrant');
    expect(events.slice(1).map((e) => [e.type, e.at])).toEqual([
      ['sessionEnded', DUE],
      ['signedOut', DUE],
    ]);
    expect(events[1]).toMatchObject({ reason: 'invalidGrant', error: expect.objectContaining({ code: 'INVALID_GRANT', status }) });
    expect(events[2]).toMatchObject({ reason: 'invalidGrant', revoked: false, cleared: true });
    expect(await store.get()).toBeUndefined();
    expect(await session.getAccessToken()).toBeUndefined();
    expect(trakt.count('/oauth/token')).toBe(1);
    expect(trakt.count('/oauth/revoke')).toBe(0);
  });

  it('5xx and network errors → exponential backoff; the old access token stays usable meanwhile', async () => {
    const trakt = fakeTrakt();
    const old = trakt.issueToken();
    trakt.fail('/oauth/token', 503, 'network', 502);
    const store = testStore(old);
    const { session, actor, events } = startSession(trakt, store);
    await vi.advanceTimersByTimeAsync(6 * DAY);
    expect(stateOf(actor.getSnapshot())).toBe('refreshing.waitingToRetry');
    expect(await session.getAccessToken()).toBe(old.accessToken);
    expect(trakt.count('/oauth/token')).toBe(1); // asking for the token did not retry early

    const snapshot = await advanceUntil(actor, (s) => s.matches('signedIn'));
    expect(trakt.requests.map((r) => r.at - DUE)).toEqual([0, 10_000, 30_000, 70_000]);
    expect(events.filter((e) => e.type === 'refreshRetry')).toEqual([
      expect.objectContaining({ attempt: 1, delayMs: 10_000, reason: 'HTTP_STATUS', accessTokenValid: true }),
      expect.objectContaining({ attempt: 2, delayMs: 20_000, reason: 'NETWORK', accessTokenValid: true }),
      expect.objectContaining({ attempt: 3, delayMs: 40_000, reason: 'HTTP_STATUS', accessTokenValid: true }),
    ]);
    // Retries reuse the same (still valid) refresh token; the new pair is stored.
    expect(trakt.requests.map((r) => r.body.refresh_token)).toEqual(Array(4).fill(old.refreshToken));
    expect(snapshot.context.failures).toBe(0);
    expect((await store.get())?.accessToken).toBe('access-2');
    expect(await session.getAccessToken()).toBe('access-2');
    session.stop();
  });

  it('a 429 Retry-After longer than the backoff is honoured', async () => {
    const trakt = fakeTrakt();
    trakt.fail('/oauth/token', { status: 429, headers: { 'retry-after': '120' } });
    const { session, actor, events } = startSession(trakt, testStore(trakt.issueToken()));
    await vi.advanceTimersByTimeAsync(6 * DAY);
    await advanceUntil(actor, (s) => s.matches('signedIn'));
    expect(trakt.requests.map((r) => r.at - DUE)).toEqual([0, 120_000]);
    expect(events.find((e) => e.type === 'refreshRetry')).toMatchObject({ delayMs: 120_000, reason: 'HTTP_STATUS' });
    session.stop();
  });

  it('a long outage: backoff is capped; once the token expired getAccessToken rejects with the cause', async () => {
    const trakt = fakeTrakt();
    trakt.fail('/oauth/token', ...Array<'network'>(200).fill('network'));
    const { session, actor, events } = startSession(trakt, testStore(trakt.issueToken()));
    await vi.advanceTimersByTimeAsync(7 * DAY + 11 * 60_000);
    expect(stateOf(actor.getSnapshot())).toBe('refreshing.waitingToRetry');
    await expect(session.getAccessToken()).rejects.toMatchObject({ code: 'NETWORK' });
    const gaps = trakt.requests.slice(1).map((r, i) => r.at - trakt.requests[i]!.at);
    expect(gaps.slice(0, 8)).toEqual([10_000, 20_000, 40_000, 80_000, 160_000, 320_000, 600_000, 600_000]);
    expect(new Set(gaps.slice(6))).toEqual(new Set([600_000]));
    expect(events.filter((e) => e.type === 'refreshRetry').at(-1)).toMatchObject({ accessTokenValid: false });
    session.stop();
  });

  it('a refresh in flight while the old token expired: getAccessToken waits for it', async () => {
    const trakt = fakeTrakt({ latencyMs: 5_000 });
    const old = trakt.issueToken();
    vi.setSystemTime(T0 + 8 * DAY); // the app was off; the token expired a day ago
    const { session, actor } = startSession(trakt, testStore(old));
    await vi.advanceTimersByTimeAsync(0);
    expect(stateOf(actor.getSnapshot())).toBe('refreshing.requesting');
    const token = session.getAccessToken();
    await vi.advanceTimersByTimeAsync(5_000);
    await expect(token).resolves.toBe('access-2');
    expect(trakt.count('/oauth/token')).toBe(1);
    session.stop();
  });
});

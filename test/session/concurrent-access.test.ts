import { describe, expect, it, vi } from 'vitest';
import { getAccessToken } from '../../src/services/clients/session-client.js';
import { fakeTrakt } from './fake-trakt.js';
import { DAY, startSession, stateOf, testStore, T0, useFakeTimersAtT0 } from './support.js';

const fifty = <T>(call: () => Promise<T>) => Promise.all(Array.from({ length: 50 }, call));

describe('never two refreshes at once', () => {
  useFakeTimersAtT0();

  it('fifty concurrent getAccessToken() calls on a due token: exactly one refresh request', async () => {
    const trakt = fakeTrakt({ latencyMs: 300 });
    const old = trakt.issueToken();
    const { session, actor } = startSession(trakt, testStore(old));
    await session.ready();
    vi.setSystemTime(T0 + 6.5 * DAY); // due, but no timer has fired (the device slept)
    expect(stateOf(actor.getSnapshot())).toBe('signedIn.saved');

    const calls = fifty(() => session.getAccessToken());
    expect(stateOf(actor.getSnapshot())).toBe('refreshing.requesting');
    await vi.advanceTimersByTimeAsync(300);
    const tokens = await calls;
    expect(new Set(tokens)).toEqual(new Set(['access-2']));
    expect(trakt.count('/oauth/token')).toBe(1);
    session.stop();
  });

  it('fifty calls while the timer-driven refresh is in flight: they wait for it, none starts another', async () => {
    const trakt = fakeTrakt({ latencyMs: 2_000 });
    const { session, actor } = startSession(trakt, testStore(trakt.issueToken()));
    await vi.advanceTimersByTimeAsync(6 * DAY + 500);
    expect(stateOf(actor.getSnapshot())).toBe('refreshing.requesting');
    const calls = fifty(() => getAccessToken(actor));
    await vi.advanceTimersByTimeAsync(1_500);
    expect(new Set(await calls)).toEqual(new Set(['access-2']));
    expect(trakt.count('/oauth/token')).toBe(1);
    session.stop();
  });

  it('fifty calls while the store is still loading a due token: one refresh, all get the new token', async () => {
    const trakt = fakeTrakt({ latencyMs: 100 });
    const token = trakt.issueToken();
    vi.setSystemTime(T0 + 6.5 * DAY);
    const { session, actor } = startSession(trakt, testStore(token));
    expect(stateOf(actor.getSnapshot())).toBe('loading');
    const calls = fifty(() => session.getAccessToken());
    await vi.advanceTimersByTimeAsync(100);
    expect(new Set(await calls)).toEqual(new Set(['access-2']));
    expect(trakt.count('/oauth/token')).toBe(1);
    session.stop();
  });

  it('a token that is not due is answered at once, with no request', async () => {
    const trakt = fakeTrakt();
    const token = trakt.issueToken();
    const { session } = startSession(trakt, testStore(token));
    await session.ready();
    vi.setSystemTime(T0 + 5 * DAY);
    expect(new Set(await fifty(() => session.getAccessToken()))).toEqual(new Set([token.accessToken]));
    expect(trakt.requests).toEqual([]);
    session.stop();
  });

  it('a caller waiting for a refresh is told when the session is stopped', async () => {
    const trakt = fakeTrakt({ latencyMs: 5_000 });
    const token = trakt.issueToken();
    vi.setSystemTime(T0 + 6.5 * DAY);
    const { session, actor } = startSession(trakt, testStore(token));
    const waiting = session.getAccessToken();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(stateOf(actor.getSnapshot())).toBe('refreshing.requesting');
    session.stop();
    await expect(waiting).rejects.toMatchObject({ code: 'ABORTED' });
  });

  it('getAccessToken on a stopped session rejects with ABORTED', async () => {
    const trakt = fakeTrakt();
    const { session } = startSession(trakt, testStore(trakt.issueToken()));
    session.stop();
    await expect(session.getAccessToken()).rejects.toMatchObject({ code: 'ABORTED' });
  });
});

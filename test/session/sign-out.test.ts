import { describe, expect, it, vi } from 'vitest';
import { fakeTrakt } from './fake-trakt.js';
import { DAY, startSession, stateOf, testStore, T0, useFakeTimersAtT0 } from './support.js';

describe('signOut revokes, and clears the store whatever happens', () => {
  useFakeTimersAtT0();

  it('revokes the access token and clears the store', async () => {
    const trakt = fakeTrakt();
    const token = trakt.issueToken();
    const store = testStore(token);
    const { session, actor, events } = startSession(trakt, store);
    await session.ready();
    const result = await session.signOut();
    expect(result).toEqual({ reason: 'signOut', revoked: true, cleared: true });
    expect(events.at(-1)).toEqual({ type: 'signedOut', reason: 'signOut', revoked: true, cleared: true, at: T0 });
    expect(stateOf(actor.getSnapshot())).toBe('signedOut');
    expect(actor.getSnapshot().context).toMatchObject({ token: null, reason: 'signOut' });
    expect(trakt.requests.map((r) => [r.path, r.body.token])).toEqual([['/oauth/revoke', token.accessToken]]);
    expect(trakt.isLiveAccess(token.accessToken)).toBe(false);
    expect(await store.get()).toBeUndefined();
    expect(await session.getAccessToken()).toBeUndefined();
    // No timer is left: nothing happens for weeks.
    await vi.advanceTimersByTimeAsync(30 * DAY);
    expect(trakt.requests).toHaveLength(1);
  });

  it.each([
    ['a 500', 500, 'HTTP_STATUS'],
    ['a dropped connection', 'network' as const, 'NETWORK'],
  ])('a failing revoke (%s) still clears the store and says so', async (_, fault, code) => {
    const trakt = fakeTrakt();
    const store = testStore(trakt.issueToken());
    trakt.fail('/oauth/revoke', fault);
    const { session, actor } = startSession(trakt, store);
    await session.ready();
    const result = await session.signOut();
    expect(result).toEqual({ reason: 'signOut', revoked: false, error: expect.objectContaining({ code }), cleared: true });
    expect(stateOf(actor.getSnapshot())).toBe('signedOut');
    expect(await store.get()).toBeUndefined();
  });

  it('a store that cannot be cleared is reported (storeFailed + cleared: false); the session is signed out', async () => {
    const trakt = fakeTrakt();
    const store = testStore(trakt.issueToken());
    store.failNext('delete');
    const { session, actor, events } = startSession(trakt, store);
    await session.ready();
    const result = await session.signOut();
    expect(result).toMatchObject({ revoked: true, cleared: false, storeError: expect.objectContaining({ code: 'STORE' }) });
    expect(events.slice(-2).map((e) => e.type)).toEqual(['storeFailed', 'signedOut']);
    expect(events.at(-2)).toMatchObject({ operation: 'clear' });
    expect(stateOf(actor.getSnapshot())).toBe('signedOut');
  });

  it('signOut during a refresh: the refresh is abandoned and its late answer never lands in the store', async () => {
    const trakt = fakeTrakt({ latencyMs: 3_000, ignoreAbort: true });
    const store = testStore(trakt.issueToken());
    const { session, actor } = startSession(trakt, store);
    await vi.advanceTimersByTimeAsync(6 * DAY + 1_000);
    expect(stateOf(actor.getSnapshot())).toBe('refreshing.requesting');
    const result = session.signOut();
    await vi.advanceTimersByTimeAsync(10_000);
    await expect(result).resolves.toMatchObject({ reason: 'signOut', cleared: true });
    expect(await store.get()).toBeUndefined();
    expect(store.writes).toEqual([]);
    expect(stateOf(actor.getSnapshot())).toBe('signedOut');
    expect(trakt.requests.map((r) => [r.path, r.status])).toEqual([
      ['/oauth/token', 200], // the server rotated anyway; the answer arrived after sign-out
      ['/oauth/revoke', 200],
    ]);
  });

  it('signOut while signing in cancels the sign-in; signOut when signed out does nothing', async () => {
    const trakt = fakeTrakt({ approveAfterPolls: 5 });
    const { session, actor, events } = startSession(trakt, testStore());
    await session.ready();
    await expect(session.signOut()).resolves.toBeUndefined();
    const signIn = session.signIn();
    const rejected = expect(signIn).rejects.toMatchObject({ code: 'ABORTED' });
    await vi.advanceTimersByTimeAsync(6_000);
    await expect(session.signOut()).resolves.toBeUndefined();
    await rejected;
    expect(actor.getSnapshot().context.reason).toBe('cancelled');
    expect(events.at(-1)).toMatchObject({ type: 'signInEnded', reason: 'cancelled' });
    expect(trakt.count('/oauth/revoke')).toBe(0);
  });

  it('signOut right after sign-in revokes the new token', async () => {
    const trakt = fakeTrakt();
    const store = testStore();
    const { session } = startSession(trakt, store);
    await session.ready();
    const signIn = session.signIn();
    await vi.advanceTimersByTimeAsync(5_000);
    const token = await signIn;
    await expect(session.signOut()).resolves.toMatchObject({ revoked: true, cleared: true });
    expect(trakt.isLiveAccess(token.accessToken)).toBe(false);
    expect(await store.get()).toBeUndefined();
  });
});

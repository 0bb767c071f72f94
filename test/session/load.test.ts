import { describe, expect, it, vi } from 'vitest';
import { makeToken } from '../../src/core/token.js';
import { fakeTrakt } from './fake-trakt.js';
import { advanceUntil, DAY, stateOf, startSession, testStore, T0, useFakeTimersAtT0 } from './support.js';

describe('the session loads the stored token at start', () => {
  useFakeTimersAtT0();

  it('a valid token → signedIn, announced as coming from the store, no request', async () => {
    const trakt = fakeTrakt();
    const token = trakt.issueToken();
    const { session, actor, events } = startSession(trakt, testStore(token));
    await session.ready();
    expect(stateOf(actor.getSnapshot())).toBe('signedIn.saved');
    expect(events).toEqual([{ type: 'signedIn', token, via: 'store', at: T0 }]);
    expect(await session.getAccessToken()).toBe(token.accessToken);
    expect(trakt.requests).toEqual([]);
    session.stop();
  });

  it('a token due for refresh → refreshing at once, then signedIn with the new pair', async () => {
    const trakt = fakeTrakt();
    const token = trakt.issueToken();
    vi.setSystemTime(T0 + 6.5 * DAY); // 12 h before expiry, inside the 24 h margin
    const store = testStore(token);
    const { session, actor, types } = startSession(trakt, store);
    const snapshot = await advanceUntil(actor, (s) => s.matches('signedIn'));
    expect(trakt.count('/oauth/token')).toBe(1);
    expect(snapshot.context.token?.accessToken).toBe('access-2');
    expect((await store.get())?.refreshToken).toBe('refresh-2');
    expect(types()).toEqual(['refreshed', 'signedIn']);
    session.stop();
  });

  it('nothing stored → signedOut (noToken), no request', async () => {
    const trakt = fakeTrakt();
    const { session, actor, events } = startSession(trakt, testStore());
    await session.ready();
    expect(stateOf(actor.getSnapshot())).toBe('signedOut');
    expect(actor.getSnapshot().context.reason).toBe('noToken');
    expect(events).toEqual([]);
    expect(await session.getAccessToken()).toBeUndefined();
    expect(trakt.requests).toEqual([]);
  });

  it('an unreadable store → signedOut (storeUnreadable) with a storeFailed event; nothing is deleted', async () => {
    const trakt = fakeTrakt();
    const store = testStore(trakt.issueToken());
    store.failNext('get');
    const { session, actor, events } = startSession(trakt, store);
    await session.ready();
    const snapshot = actor.getSnapshot();
    expect(stateOf(snapshot)).toBe('signedOut');
    expect(snapshot.context.reason).toBe('storeUnreadable');
    expect(events).toEqual([
      { type: 'storeFailed', operation: 'load', error: expect.objectContaining({ code: 'STORE' }), attempt: 1, at: T0 },
    ]);
    expect(store.deletes).toBe(0);
    expect(await store.get()).toBeDefined();
  });

  it('an expired token without a refresh token → sessionEnded (tokenExpired), store cleared, signedOut', async () => {
    const trakt = fakeTrakt();
    const token = makeToken({ accessToken: 'a', tokenType: 'bearer', scope: '', createdAt: T0 / 1000 - 7200, expiresIn: 3600 });
    const store = testStore(token);
    const { actor, events } = startSession(trakt, store);
    await advanceUntil(actor, (s) => s.matches('signedOut'));
    expect(events.map((e) => e.type)).toEqual(['sessionEnded', 'signedOut']);
    expect(events[0]).toMatchObject({ reason: 'tokenExpired' });
    expect(events[1]).toMatchObject({ reason: 'tokenExpired', revoked: false, cleared: true });
    expect(await store.get()).toBeUndefined();
    expect(trakt.requests).toEqual([]);
  });

  it('a token without a refresh token stays signed in until it expires, then ends', async () => {
    const trakt = fakeTrakt();
    const token = makeToken({ accessToken: 'a', tokenType: 'bearer', scope: '', createdAt: T0 / 1000, expiresIn: 3600 });
    const { session, actor, events } = startSession(trakt, testStore(token));
    await session.ready();
    expect(stateOf(actor.getSnapshot())).toBe('signedIn.saved');
    await advanceUntil(actor, (s) => s.matches('signedOut'));
    expect(events.find((e) => e.type === 'sessionEnded')).toMatchObject({ reason: 'tokenExpired', at: T0 + 3_600_000 });
    expect(trakt.requests).toEqual([]);
  });
});

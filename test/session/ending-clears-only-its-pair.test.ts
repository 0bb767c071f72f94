/**
 * A session that ends by itself clears the store of the pair that failed, never of a pair
 * another process stored meanwhile (compare-before-delete). Before, the clear deleted whatever
 * was stored: when two processes refreshed one token file in the same second, the loser got
 * `invalid_grant` and deleted the winner's fresh pair, signing the person out for good.
 */
import { describe, expect, it, vi } from 'vitest';
import { makeToken } from '../../src/core/token.js';
import { fakeTrakt } from './fake-trakt.js';
import { DAY, startSession, stateOf, testStore, T0, useFakeTimersAtT0 } from './support.js';

const DUE = T0 + 6 * DAY;

/** A pair another process got and wrote (its own sign-in or refresh). */
const theirs = makeToken({ accessToken: 'access-theirs', refreshToken: 'refresh-theirs', tokenType: 'bearer', scope: 'public', createdAt: T0 / 1000, expiresIn: 604_800 });

describe('a session that ends by itself clears only the pair that failed', () => {
  useFakeTimersAtT0();

  it('invalid_grant, and another process stores its pair just before the clear: that pair is kept', async () => {
    const trakt = fakeTrakt();
    const store = testStore(trakt.issueToken());
    trakt.fail('/oauth/token', 400);
    const { session, actor, events } = startSession(trakt, store);
    await session.ready();
    // The other process's write lands after this session re-read the store, before it clears.
    const clear = store.delete.bind(store);
    store.delete = async (expected) => {
      await store.set(theirs);
      return clear(expected);
    };
    await vi.advanceTimersByTimeAsync(6 * DAY);
    expect(stateOf(actor.getSnapshot())).toBe('signedOut');
    expect(events.slice(1).map((e) => [e.type, e.at])).toEqual([
      ['sessionEnded', DUE],
      ['signedOut', DUE],
    ]);
    expect(events[2]).toMatchObject({ reason: 'invalidGrant', cleared: true });
    expect(await store.get()).toEqual(theirs);
    session.stop();
  });

  it('expired without a refresh token, and another process signed in meanwhile: its pair is kept', async () => {
    const trakt = fakeTrakt();
    const { refreshToken: _, ...accessOnly } = trakt.issueToken();
    const store = testStore(accessOnly);
    const { session, actor, events } = startSession(trakt, store);
    await session.ready();
    await store.set(theirs); // written by another process; this session still holds its own token
    await vi.advanceTimersByTimeAsync(7 * DAY);
    expect(stateOf(actor.getSnapshot())).toBe('signedOut');
    expect(events.slice(1).map((e) => e.type)).toEqual(['sessionEnded', 'signedOut']);
    expect(events[2]).toMatchObject({ reason: 'tokenExpired', cleared: true });
    expect(await store.get()).toEqual(theirs);
    session.stop();
  });

  it('the pair that failed is still stored: it is removed', async () => {
    const trakt = fakeTrakt();
    const store = testStore(trakt.issueToken());
    trakt.fail('/oauth/token', 401);
    const { session, actor } = startSession(trakt, store);
    await vi.advanceTimersByTimeAsync(6 * DAY);
    expect(stateOf(actor.getSnapshot())).toBe('signedOut');
    expect(await store.get()).toBeUndefined();
    expect(store.deletes).toBe(1);
    session.stop();
  });

  it('signing out removes whatever is stored, even a pair another process wrote', async () => {
    const trakt = fakeTrakt();
    const store = testStore(trakt.issueToken());
    const { session } = startSession(trakt, store);
    await session.ready();
    await store.set(theirs);
    await expect(session.signOut()).resolves.toMatchObject({ reason: 'signOut', cleared: true });
    expect(await store.get()).toBeUndefined();
  });
});

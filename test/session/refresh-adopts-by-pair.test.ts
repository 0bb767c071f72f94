/**
 * A refresh re-reads the store first and adopts a pair that differs from the one it holds,
 * compared by access and refresh token, never by `created_at`: Trakt's `created_at` has
 * whole-second precision, so a pair another process got in the same second looked "not newer",
 * the session refreshed with its dead refresh token, got `invalid_grant` and signed out.
 * A pair this session itself rotated away (its own write failed) is never adopted back.
 */
import { describe, expect, it, vi } from 'vitest';
import { makeToken } from '../../src/core/token.js';
import { CLIENT, fakeTrakt, type FakeTrakt } from './fake-trakt.js';
import { startSession, stateOf, testStore, useFakeTimersAtT0 } from './support.js';

/** Another process refreshes `refreshToken` itself and returns the pair it got. */
async function otherProcessRefreshes(trakt: FakeTrakt, refreshToken: string) {
  const response = await trakt.fetch(`${CLIENT.baseUrl}/oauth/token`, {
    method: 'POST',
    headers: {},
    body: JSON.stringify({ refresh_token: refreshToken }),
    signal: new AbortController().signal,
    redirect: 'manual',
  });
  const body = JSON.parse(await response.text()) as { access_token: string; refresh_token: string; created_at: number; expires_in: number };
  return makeToken({ accessToken: body.access_token, refreshToken: body.refresh_token, tokenType: 'bearer', scope: 'public', createdAt: body.created_at, expiresIn: body.expires_in });
}

describe('a refresh adopts the stored pair when it differs', () => {
  useFakeTimersAtT0();

  it('rotated by another process in the same second (same created_at): adopted, no request, still signed in', async () => {
    const trakt = fakeTrakt();
    const mine = trakt.issueToken();
    const store = testStore(mine);
    const { session, actor, events } = startSession(trakt, store);
    await session.ready();
    await vi.advanceTimersByTimeAsync(100);
    const theirs = await otherProcessRefreshes(trakt, mine.refreshToken!);
    await store.set(theirs);
    expect(theirs.createdAt).toBe(mine.createdAt);

    actor.send({ type: 'refresh' });
    await vi.advanceTimersByTimeAsync(100);
    expect(stateOf(actor.getSnapshot())).toBe('signedIn.saved');
    expect(events.slice(1)).toMatchObject([{ type: 'refreshed', via: 'store', token: theirs }]);
    expect(trakt.requests.map((r) => [r.body.refresh_token, r.status])).toEqual([[mine.refreshToken, 200]]);
    expect(await session.getAccessToken()).toBe(theirs.accessToken);
    expect(await store.get()).toEqual(theirs);
    session.stop();
  });

  it('a stored pair with an older created_at is adopted too: the store is the truth, not the clock', async () => {
    const trakt = fakeTrakt();
    const mine = trakt.issueToken();
    const store = testStore(mine);
    const { session, actor, events } = startSession(trakt, store);
    await session.ready();
    const theirs = { ...trakt.issueToken(), createdAt: mine.createdAt - 60 };
    await store.set(theirs);
    actor.send({ type: 'refresh' });
    await vi.advanceTimersByTimeAsync(0);
    expect(events.slice(1)).toMatchObject([{ type: 'refreshed', via: 'store', token: theirs }]);
    expect(trakt.requests).toEqual([]);
    session.stop();
  });

  it('the same pair as held: refreshed over the network, once', async () => {
    const trakt = fakeTrakt();
    const mine = trakt.issueToken();
    const { session, actor, events } = startSession(trakt, testStore(mine));
    await session.ready();
    actor.send({ type: 'refresh' });
    await vi.advanceTimersByTimeAsync(0);
    expect(events.slice(1)).toMatchObject([{ type: 'refreshed', via: 'server', token: { refreshToken: 'refresh-2' } }]);
    expect(trakt.requests.map((r) => r.body.refresh_token)).toEqual([mine.refreshToken]);
    session.stop();
  });
});

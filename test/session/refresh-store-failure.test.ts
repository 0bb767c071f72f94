import { describe, expect, it, vi } from 'vitest';
import { makeToken } from '../../src/core/token.js';
import { CLIENT, fakeTrakt } from './fake-trakt.js';
import { DAY, startSession, stateOf, testStore, T0, useFakeTimersAtT0 } from './support.js';

const DUE = T0 + 6 * DAY;

describe('the store fails while a refresh writes the new pair', () => {
  useFakeTimersAtT0();

  it('reports the error, keeps the new pair in memory, retries the write, never reuses the dead refresh token', async () => {
    const trakt = fakeTrakt();
    const old = trakt.issueToken();
    const store = testStore(old);
    const { session, actor, events } = startSession(trakt, store);
    await session.ready();
    store.failNext('set', 2);

    await vi.advanceTimersByTimeAsync(6 * DAY);
    // The server rotated: refresh-1 is dead, refresh-2 exists only in the session's memory.
    expect(trakt.isLiveRefresh(old.refreshToken!)).toBe(false);
    expect(stateOf(actor.getSnapshot())).toBe('signedIn.waitingToSave');
    expect(actor.getSnapshot().context).toMatchObject({ unsaved: true, token: expect.objectContaining({ refreshToken: 'refresh-2' }) });
    expect(events.slice(1).map((e) => [e.type, e.at])).toEqual([
      ['refreshed', DUE],
      ['storeFailed', DUE],
    ]);
    expect(events[2]).toMatchObject({ operation: 'save', attempt: 1, retryInMs: 10_000, error: expect.objectContaining({ code: 'STORE' }) });
    expect(await session.getAccessToken()).toBe('access-2');
    expect((await store.get())?.refreshToken).toBe(old.refreshToken);

    // Second write fails too (backoff doubles), third succeeds.
    await vi.advanceTimersByTimeAsync(10_000);
    expect(events.at(-1)).toMatchObject({ type: 'storeFailed', attempt: 2, retryInMs: 20_000, at: DUE + 10_000 });
    await vi.advanceTimersByTimeAsync(20_000);
    expect(stateOf(actor.getSnapshot())).toBe('signedIn.saved');
    expect(store.writes.map((w) => [w.at - DUE, w.token.refreshToken])).toEqual([[30_000, 'refresh-2']]);

    // The next refresh uses the pair that was kept, and succeeds.
    await vi.advanceTimersByTimeAsync(6 * DAY);
    expect(trakt.requests.map((r) => r.body.refresh_token)).toEqual(['refresh-1', 'refresh-2']);
    expect(trakt.requests.map((r) => r.status)).toEqual([200, 200]);
    expect((await store.get())?.refreshToken).toBe('refresh-3');
    session.stop();
  });

  it('a store that never recovers: the next refresh still uses the in-memory pair', async () => {
    const trakt = fakeTrakt();
    const store = testStore(trakt.issueToken());
    const { session, events } = startSession(trakt, store);
    await session.ready();
    store.failNext('set', 10_000);
    await vi.advanceTimersByTimeAsync(12 * DAY + 1);
    expect(trakt.requests.map((r) => [r.body.refresh_token, r.status])).toEqual([
      ['refresh-1', 200],
      ['refresh-2', 200],
    ]);
    expect(await session.getAccessToken()).toBe('access-3');
    const failures = events.filter((e) => e.type === 'storeFailed');
    expect(failures.length).toBeGreaterThan(100);
    const retries = failures.map((e) => (e.type === 'storeFailed' ? e.retryInMs : 0));
    expect(retries.slice(0, 9)).toEqual([10_000, 20_000, 40_000, 80_000, 160_000, 320_000, 600_000, 600_000, 600_000]);
    expect(Math.max(...(retries as number[]))).toBe(600_000);
    session.stop();
  });

  it('another process rotated the pair while this refresh was on its way: invalid_grant, then its stored pair is adopted', async () => {
    const trakt = fakeTrakt({ latencyMs: 1_000 });
    const store = testStore(trakt.issueToken());
    const { session, actor, events } = startSession(trakt, store);
    await session.ready();
    await vi.advanceTimersByTimeAsync(6 * DAY - 500);
    // The other process sends its refresh 500 ms before this one and stores the answer.
    const other = trakt
      .fetch(`${CLIENT.baseUrl}/oauth/token`, { method: 'POST', headers: {}, body: JSON.stringify({ refresh_token: 'refresh-1' }), signal: new AbortController().signal, redirect: 'manual' })
      .then(async (response) => {
        const body = JSON.parse(await response.text()) as { access_token: string; refresh_token: string; created_at: number; expires_in: number };
        await store.set(makeToken({ accessToken: body.access_token, refreshToken: body.refresh_token, tokenType: 'bearer', scope: 'public', createdAt: body.created_at, expiresIn: body.expires_in }));
      });
    await vi.advanceTimersByTimeAsync(2_000);
    await other;
    expect(trakt.requests.map((r) => [r.at - DUE, r.body.refresh_token, r.status])).toEqual([
      [-500, 'refresh-1', 200],
      [0, 'refresh-1', 400],
    ]);
    expect(stateOf(actor.getSnapshot())).toBe('signedIn.saved');
    expect(events.at(-1)).toMatchObject({ type: 'refreshed', via: 'store', token: expect.objectContaining({ refreshToken: 'refresh-2' }) });
    expect(events.map((e) => e.type)).not.toContain('sessionEnded');
    expect((await store.get())?.refreshToken).toBe('refresh-2');
    session.stop();
  });

  it('another process refreshed and stored a newer pair: adopted without a request', async () => {
    const trakt = fakeTrakt();
    const store = testStore(trakt.issueToken());
    const { session, actor, events } = startSession(trakt, store);
    await session.ready();
    await vi.advanceTimersByTimeAsync(DAY);
    const newer = trakt.issueToken(); // what the other process got and wrote
    await store.set(newer);
    await vi.advanceTimersByTimeAsync(5 * DAY);
    expect(trakt.requests).toEqual([]);
    expect(events.at(-1)).toMatchObject({ type: 'refreshed', via: 'store', token: newer });
    expect(actor.getSnapshot().context.token).toEqual(newer);
    // Its own schedule continues from the adopted token: due at T0 + 1 d + 6 d.
    await vi.advanceTimersByTimeAsync(DAY - 1);
    expect(trakt.requests).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(trakt.requests.map((r) => r.body.refresh_token)).toEqual([newer.refreshToken]);
    session.stop();
  });
});

import { describe, expect, it, vi } from 'vitest';
import { CLIENT, fakeTrakt } from './fake-trakt.js';
import { advanceUntil, stateOf, startSession, testStore, T0, useFakeTimersAtT0 } from './support.js';

describe('signIn runs the device flow as a child', () => {
  useFakeTimersAtT0();

  it("re-emits the child's events from the session, stores the token, then signedIn", async () => {
    const trakt = fakeTrakt({ approveAfterPolls: 1 });
    const store = testStore();
    const { session, actor, events } = startSession(trakt, store);
    await session.ready();
    let storedWhenSignedIn: unknown;
    actor.on('signedIn', () => {
      void store.get().then((token) => (storedWhenSignedIn = token));
    });
    const signedIn = session.signIn();
    await vi.advanceTimersByTimeAsync(0);
    expect(stateOf(actor.getSnapshot())).toBe('signingIn');
    await advanceUntil(actor, (s) => s.matches('signedIn'));
    const token = await signedIn;

    expect(events.map((e) => [e.type, e.at - T0])).toEqual([
      ['codes', 0],
      ['poll', 5_000],
      ['pending', 5_000],
      ['poll', 10_000],
      ['authorized', 10_000],
      ['signedIn', 10_000],
    ]);
    expect(events[0]).toMatchObject({ userCode: 'CODE1', verificationUrl: `${CLIENT.baseUrl}/activate`, interval: 5 });
    expect(trakt.mock.log.map((entry) => `${entry.path} ${entry.status}`)).toEqual(['/oauth/device/code 200', '/oauth/device/token 400', '/oauth/device/token 200']);
    expect(events.at(-1)).toMatchObject({ via: 'deviceAuth', token });
    expect(store.writes.map((w) => w.token)).toEqual([token]);
    expect(storedWhenSignedIn).toEqual(token);
    expect(await session.getAccessToken()).toBe(token.accessToken);
    // The child is gone once signed in.
    expect(actor.getSnapshot().children).not.toHaveProperty('deviceAuth');
    session.stop();
  });

  it('the child stays reachable while signing in (snapshot.children.deviceAuth)', async () => {
    const trakt = fakeTrakt({ approveAfterPolls: 10 });
    const { session, actor } = startSession(trakt, testStore());
    await session.ready();
    actor.send({ type: 'signIn' });
    await vi.advanceTimersByTimeAsync(6_000);
    const child = actor.getSnapshot().children.deviceAuth;
    expect(child?.getSnapshot().context.codes?.userCode).toBe('CODE1');
    session.stop();
  });

  it.each([
    [418, 'denied', 'DENIED'],
    [410, 'expired', 'EXPIRED'],
    [409, 'alreadyUsed', 'ALREADY_USED'],
    [404, 'invalidCode', 'INVALID_CODE'],
  ] as const)('a device flow ending %i (%s) → signedOut with that reason', async (status, reason, code) => {
    const trakt = fakeTrakt({ approveAfterPolls: 10 });
    trakt.fail('/oauth/device/token', 400, status);
    const store = testStore();
    const { session, actor, events } = startSession(trakt, store);
    await session.ready();
    const signIn = session.signIn();
    const rejected = expect(signIn).rejects.toMatchObject({ code });
    await advanceUntil(actor, (s) => s.matches('signedOut'));
    await rejected;
    const snapshot = actor.getSnapshot();
    expect(snapshot.context.reason).toBe(reason);
    expect(events.slice(-2).map((e) => e.type)).toEqual([reason, 'signInEnded']);
    expect(events.at(-1)).toMatchObject({ type: 'signInEnded', reason });
    expect(store.writes).toEqual([]);
    // Nothing else happens until the person asks again (RFC 8628 §3.1).
    await vi.advanceTimersByTimeAsync(3_600_000);
    expect(trakt.count('/oauth/device/code')).toBe(1);
    expect(trakt.count('/oauth/device/token')).toBe(2);
  });

  it('a failed flow (blocked) → signedOut (failed) with the error', async () => {
    const trakt = fakeTrakt();
    trakt.fail('/oauth/device/code', { status: 403, headers: { 'content-type': 'text/html' }, body: '<html>blocked</html>' });
    const { session, actor, events } = startSession(trakt, testStore());
    await session.ready();
    const signIn = session.signIn();
    await expect(signIn).rejects.toMatchObject({ code: 'BLOCKED' });
    expect(actor.getSnapshot().context.reason).toBe('failed');
    expect(events.at(-1)).toMatchObject({ type: 'signInEnded', reason: 'failed', error: expect.objectContaining({ code: 'BLOCKED' }) });
  });

  it('cancel while signing in → signedOut (cancelled); the poll in flight is aborted and nothing is stored', async () => {
    const trakt = fakeTrakt({ latencyMs: 2_000 });
    const store = testStore();
    const { session, actor, events } = startSession(trakt, store);
    await session.ready();
    const signIn = session.signIn();
    const rejected = expect(signIn).rejects.toMatchObject({ code: 'ABORTED' });
    await vi.advanceTimersByTimeAsync(2_000 + 5_000 + 500); // codes arrive at 2 s, poll starts at 7 s
    expect(trakt.count('/oauth/device/token')).toBe(1);
    session.cancel();
    await rejected;
    expect(stateOf(actor.getSnapshot())).toBe('signedOut');
    expect(events.at(-1)).toMatchObject({ type: 'signInEnded', reason: 'cancelled' });
    await vi.advanceTimersByTimeAsync(60_000);
    expect(trakt.requests.map((r) => r.status)).toEqual([200, undefined]); // the poll never answered
    expect(store.writes).toEqual([]);
    expect(trakt.count('/oauth/device/token')).toBe(1);
  });

  it('signIn is ignored while signing in: one flow at a time', async () => {
    const trakt = fakeTrakt({ approveAfterPolls: 1 });
    const { session, actor } = startSession(trakt, testStore());
    await session.ready();
    const first = session.signIn();
    const second = session.signIn();
    actor.send({ type: 'signIn' });
    const [a, b] = await Promise.all([first, second, advanceUntil(actor, (s) => s.matches('signedIn'))]);
    expect(a).toEqual(b);
    expect(trakt.count('/oauth/device/code')).toBe(1);
    session.stop();
  });

  it('signIn() when already signed in resolves with the current token and sends nothing', async () => {
    const trakt = fakeTrakt();
    const token = trakt.issueToken();
    const { session } = startSession(trakt, testStore(token));
    await expect(session.signIn()).resolves.toEqual(token);
    expect(trakt.requests).toEqual([]);
    session.stop();
  });

  it('a store that fails the first write: signed in anyway with the token in memory, write retried', async () => {
    const trakt = fakeTrakt();
    const store = testStore();
    store.failNext('set');
    const { session, actor, events } = startSession(trakt, store);
    await session.ready();
    const token = await Promise.all([session.signIn(), advanceUntil(actor, (s) => s.matches('signedIn'))]).then(([t]) => t);
    expect(stateOf(actor.getSnapshot())).toBe('signedIn.waitingToSave');
    expect(events.filter((e) => e.type === 'storeFailed')).toEqual([
      expect.objectContaining({ operation: 'save', attempt: 1, retryInMs: 10_000, error: expect.objectContaining({ code: 'STORE' }) }),
    ]);
    expect(await session.getAccessToken()).toBe(token.accessToken);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(stateOf(actor.getSnapshot())).toBe('signedIn.saved');
    expect(await store.get()).toEqual(token);
    session.stop();
  });
});

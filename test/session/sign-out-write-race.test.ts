/**
 * signOut while a store write is in flight: the write started before the sign-out must never
 * land after the clear, whatever the store. The store here does not order its calls: every
 * `set()` applies after a delay (fake timers), `delete()` applies at once, so without ordering
 * the clear finishes first and the token comes back.
 */
import { describe, expect, it, vi } from 'vitest';
import { DeviceAuthError } from '../../src/core/errors.js';
import type { DeviceToken } from '../../src/core/token.js';
import type { TokenStore } from '../../src/services/stores/token-store.js';
import { fakeTrakt } from './fake-trakt.js';
import { DAY, advanceUntil, startSession, stateOf, useFakeTimersAtT0 } from './support.js';

const WRITE_MS = 1_000;

/**
 * A store whose writes land `writeMs` (default `WRITE_MS`, read when the write starts) after the
 * call and whose delete lands at once: nothing orders its calls.
 */
function unorderedStore(initial?: DeviceToken) {
  let current = initial;
  let inFlight = 0;
  let failSets = 0;
  const landed: string[] = [];
  const store: TokenStore & {
    writeMs: number;
    peek(): DeviceToken | undefined;
    readonly inFlight: number;
    landed: string[];
    failNextSet(times: number): void;
  } = {
    writeMs: WRITE_MS,
    peek: () => current,
    get inFlight() {
      return inFlight;
    },
    landed,
    failNextSet(times) {
      failSets += times;
    },
    async get() {
      return current;
    },
    async set(token) {
      if (failSets > 0) {
        failSets -= 1;
        throw new DeviceAuthError('STORE', 'cannot write the token: disk full');
      }
      inFlight += 1;
      await new Promise((resolve) => setTimeout(resolve, store.writeMs));
      inFlight -= 1;
      current = token;
      landed.push(`set ${token.accessToken}`);
    },
    async delete() {
      current = undefined;
      landed.push('delete');
    },
  };
  return store;
}

type UnorderedStore = ReturnType<typeof unorderedStore>;

/** A session signed in from an {@link unorderedStore} holding a live token, loaded and ready. */
async function signedIn() {
  const trakt = fakeTrakt();
  const store = unorderedStore(trakt.issueToken());
  const { session, actor } = startSession(trakt, store);
  await session.ready();
  return { trakt, store, session, actor };
}

/** Signs out now; records what the store held when `signedOut` was emitted. */
async function signOutAndSettle(session: ReturnType<typeof startSession>['session'], store: UnorderedStore) {
  let storedAtSignedOut: DeviceToken | undefined | 'not emitted' = 'not emitted';
  session.actor.on('signedOut', () => (storedAtSignedOut = store.peek()));
  const result = session.signOut();
  await vi.advanceTimersByTimeAsync(10 * WRITE_MS);
  const outcome = await result;
  expect(storedAtSignedOut).toBeUndefined();
  expect(await store.get()).toBeUndefined();
  // Every write the session started has settled by now, and none brought the token back.
  await vi.runAllTimersAsync();
  expect(store.inFlight).toBe(0);
  expect(await store.get()).toBeUndefined();
  expect(store.landed.at(-1)).toBe('delete');
  return outcome;
}

describe('signOut while a store write is in flight, with a store that does not order its calls', () => {
  useFakeTimersAtT0();

  it('during storingToken (the write after sign-in): the clear waits for the write', async () => {
    const trakt = fakeTrakt({ approveAfterPolls: 1 });
    const store = unorderedStore();
    const { session, actor } = startSession(trakt, store);
    await session.ready();
    const signIn = session.signIn();
    const rejected = expect(signIn).rejects.toMatchObject({ code: 'ABORTED' });
    await advanceUntil(actor, (s) => s.matches('storingToken'));
    expect(store.inFlight).toBe(1);

    const result = await signOutAndSettle(session, store);
    expect(result).toEqual({ reason: 'signOut', revoked: true, cleared: true });
    expect(store.landed).toEqual(['set access-1', 'delete']);
    expect(trakt.isLiveAccess('access-1')).toBe(false);
    expect(stateOf(actor.getSnapshot())).toBe('signedOut');
    await rejected;
  });

  it('during a refresh whose store write is in flight (the server already answered)', async () => {
    const { trakt, store, session, actor } = await signedIn();
    await vi.advanceTimersByTimeAsync(6 * DAY);
    // The new pair is being written inside the refresh actor.
    expect(stateOf(actor.getSnapshot())).toBe('refreshing.requesting');
    expect(store.inFlight).toBe(1);
    expect(trakt.requests.map((r) => [r.path, r.status])).toEqual([['/oauth/token', 200]]);

    const result = await signOutAndSettle(session, store);
    expect(result).toMatchObject({ reason: 'signOut', cleared: true });
    expect(result).not.toHaveProperty('storeError');
    expect(store.landed).toEqual(['set access-2', 'delete']);
    expect(stateOf(actor.getSnapshot())).toBe('signedOut');
  });

  it('during a retried write (signedIn.saving after a failed write)', async () => {
    const { store, session, actor } = await signedIn();
    store.failNextSet(1);
    await vi.advanceTimersByTimeAsync(6 * DAY);
    expect(stateOf(actor.getSnapshot())).toBe('signedIn.waitingToSave');
    await vi.advanceTimersByTimeAsync(10_000);
    expect(stateOf(actor.getSnapshot())).toBe('signedIn.saving');
    expect(store.inFlight).toBe(1);

    const result = await signOutAndSettle(session, store);
    expect(result).toEqual({ reason: 'signOut', revoked: true, cleared: true });
    expect(store.landed).toEqual(['set access-2', 'delete']);
  });

  it('store calls apply in the order the session made them: an older write never overwrites a newer one', async () => {
    const { store, session, actor } = await signedIn();
    store.failNextSet(1);
    await vi.advanceTimersByTimeAsync(6 * DAY);
    store.writeMs = 5 * WRITE_MS;
    await vi.advanceTimersByTimeAsync(10_000);
    expect(stateOf(actor.getSnapshot())).toBe('signedIn.saving');
    // A refresh asked for while the slow retried write of access-2 is in flight: it writes
    // access-3, faster. Unordered, access-2 (whose refresh token is dead) would land last.
    store.writeMs = WRITE_MS;
    actor.send({ type: 'refresh' });
    await vi.advanceTimersByTimeAsync(10 * WRITE_MS);
    expect(stateOf(actor.getSnapshot())).toBe('signedIn.saved');
    expect(store.landed).toEqual(['set access-2', 'set access-3']);
    expect((await store.get())?.accessToken).toBe('access-3');
    session.stop();
  });
});

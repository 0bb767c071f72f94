/**
 * Services supplied by an app can have bugs: a rejected promise where the contract says "a
 * failure is a value". The session must survive them the same way it survives a failed store or
 * a failed request, reporting the error as UNEXPECTED.
 */
import { describe, expect, it, vi } from 'vitest';
import { createActor, fromPromise } from 'xstate';
import { deviceAuthMachine } from '../../src/machines/device-auth.machine.js';
import { sessionMachine } from '../../src/machines/session.machine.js';
import type { SessionEmitted } from '../../src/machines/session.types.js';
import { createTraktSessionServices, type SessionServices } from '../../src/services/clients/session-services.js';
import { CLIENT, fakeTrakt } from './fake-trakt.js';
import { advanceUntil, DAY, stateOf, testStore, useFakeTimersAtT0 } from './support.js';

const crash = (name: string) =>
  fromPromise<never, unknown>(async () => {
    throw new Error(`${name} is broken`);
  });

/** Starts a session over the fake Trakt with some actors replaced (typed loosely: they break the contract on purpose). */
function start(actors: Record<string, unknown>, initial = true) {
  const trakt = fakeTrakt();
  const store = testStore(initial ? trakt.issueToken() : undefined);
  const services = createTraktSessionServices({ ...CLIENT, fetch: trakt.fetch, store });
  const actor = createActor(sessionMachine.provide({ actors: { ...services.actors, ...actors } as SessionServices['actors'] }));
  const events: SessionEmitted[] = [];
  actor.on('*', (event) => events.push(event));
  actor.start();
  return { actor, events, trakt, store };
}

describe('a supplied service that rejects', () => {
  useFakeTimersAtT0();

  it('no services at all: the session says which one is missing and rests in signedOut', async () => {
    const actor = createActor(sessionMachine).start();
    await vi.advanceTimersByTimeAsync(0);
    expect(stateOf(actor.getSnapshot())).toBe('signedOut');
    expect(actor.getSnapshot().context.error).toMatchObject({ code: 'CONFIGURATION', message: expect.stringMatching(/"loadToken"/) });
  });

  it('loadToken rejects with a plain Error → signedOut (storeUnreadable), wrapped as UNEXPECTED', async () => {
    const { actor, events } = start({ loadToken: crash('loadToken') });
    await vi.advanceTimersByTimeAsync(0);
    expect(actor.getSnapshot().context.reason).toBe('storeUnreadable');
    expect(events).toEqual([expect.objectContaining({ type: 'storeFailed', operation: 'load', error: expect.objectContaining({ code: 'UNEXPECTED' }) })]);
  });

  it('a device-auth child without services → signInEnded (failed, CONFIGURATION)', async () => {
    const { actor, events } = start({ deviceAuth: deviceAuthMachine }, false);
    await vi.advanceTimersByTimeAsync(0);
    actor.send({ type: 'signIn' });
    await advanceUntil(actor, (s) => s.matches('signedOut'));
    expect(actor.getSnapshot().context).toMatchObject({ reason: 'failed', error: expect.objectContaining({ code: 'CONFIGURATION' }) });
    expect(events.map((e) => e.type)).toEqual(['failed', 'signInEnded']);
  });

  it('saveToken rejects after sign-in → signed in with the token in memory, storeFailed, retried', async () => {
    const { actor, events } = start({ saveToken: crash('saveToken') }, false);
    await vi.advanceTimersByTimeAsync(0);
    actor.send({ type: 'signIn' });
    await advanceUntil(actor, (s) => s.matches('signedIn'));
    expect(stateOf(actor.getSnapshot())).toBe('signedIn.waitingToSave');
    expect(events.filter((e) => e.type === 'storeFailed')).toEqual([
      expect.objectContaining({ operation: 'save', attempt: 1, retryInMs: 10_000, error: expect.objectContaining({ code: 'UNEXPECTED' }) }),
    ]);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(events.filter((e) => e.type === 'storeFailed').map((e) => (e.type === 'storeFailed' ? e.attempt : 0))).toEqual([1, 2]);
    actor.stop();
  });

  it('refreshToken rejects → retried with backoff, reported as UNEXPECTED', async () => {
    const { actor, events } = start({ refreshToken: crash('refreshToken') });
    await vi.advanceTimersByTimeAsync(6 * DAY + 10_000);
    expect(events.filter((e) => e.type === 'refreshRetry')).toEqual([
      expect.objectContaining({ attempt: 1, delayMs: 10_000, reason: 'UNEXPECTED', accessTokenValid: true }),
      expect.objectContaining({ attempt: 2, delayMs: 20_000, reason: 'UNEXPECTED' }),
    ]);
    actor.stop();
  });

  it('revokeToken and clearToken reject → still signedOut, both failures reported', async () => {
    const { actor, events } = start({ revokeToken: crash('revokeToken'), clearToken: crash('clearToken') });
    await vi.advanceTimersByTimeAsync(0);
    actor.send({ type: 'signOut' });
    await advanceUntil(actor, (s) => s.matches('signedOut'));
    expect(events.at(-1)).toEqual({
      type: 'signedOut',
      reason: 'signOut',
      revoked: false,
      error: expect.objectContaining({ code: 'UNEXPECTED', message: expect.stringMatching(/revokeToken/) }),
      cleared: false,
      storeError: expect.objectContaining({ code: 'UNEXPECTED', message: expect.stringMatching(/clearToken/) }),
    });
  });
});

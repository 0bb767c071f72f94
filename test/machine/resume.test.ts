import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createActor } from 'xstate';
import { deviceAuthMachine } from '../../src/machines/device-auth.machine.js';
import { advanceUntil, isSettled, startMachine } from '../support/run-machine.js';
import { authorized, pending, pollTimes, scriptedServices, slowDown } from '../support/scripted-services.js';

describe('resume event re-arms timers from the absolute deadlines', () => {
  beforeEach(() => vi.useFakeTimers({ now: 0 }));
  afterEach(() => vi.useRealTimers());

  it.each([
    ['awaitingUser.waiting', [pending, pending, authorized], 7_000, [5_000, 10_000, 15_000]],
    ['slowingDown', [slowDown(), pending, authorized], 7_000, [5_000, 15_000, 25_000]],
  ] as const)('restored in %s, it keeps the original schedule', async (_, polls, stopAt, expected) => {
    const services = scriptedServices({ polls: [...polls] });
    const first = startMachine(services);
    first.actor.send({ type: 'start' });
    await vi.advanceTimersByTimeAsync(stopAt);
    const persisted = first.actor.getPersistedSnapshot();
    first.actor.stop();

    const resumed = createActor(deviceAuthMachine.provide(services), { snapshot: persisted }).start();
    resumed.send({ type: 'resume', now: Date.now() });
    const snapshot = await advanceUntil(resumed, isSettled);
    expect(snapshot.status).toBe('done');
    expect(services.requests.filter((r) => r.kind === 'code')).toHaveLength(1);
    expect(pollTimes(services.requests, 0)).toEqual(expected);
  });

  it('announces the pre-filled URL only when the server sent one', async () => {
    const plain = startMachine(scriptedServices({ polls: [authorized] }));
    plain.actor.send({ type: 'start' });
    await advanceUntil(plain.actor, isSettled);
    expect(plain.events[0]).not.toHaveProperty('verificationUrlComplete');

    const url = 'https://trakt.tv/activate/USER1';
    const filled = startMachine(scriptedServices({ polls: [authorized], codes: { verificationUrlComplete: url } }));
    filled.actor.send({ type: 'start' });
    await advanceUntil(filled.actor, isSettled);
    expect(filled.events[0]).toMatchObject({ verificationUrlComplete: url });
  });
});

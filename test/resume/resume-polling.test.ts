import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createActor } from 'xstate';
import { deviceAuthMachine } from '../../src/machines/device-auth.machine.js';
import { resumeDeviceAuth } from '../../src/services/clients/resume.js';
import { advanceUntil, isSettled } from '../support/run-machine.js';
import { authorized, pending, pollTimes, scriptedServices } from '../support/scripted-services.js';
import { downUntil, recorder, runAndPersist } from './support.js';

const slowPending = { outcome: { type: 'pending' as const }, latencyMs: 3_000 };

describe('resume a device flow persisted while a poll was in flight', () => {
  beforeEach(() => vi.useFakeTimers({ now: 0 }));
  afterEach(() => vi.useRealTimers());

  it('the lost poll is sent again, one interval after it started; same code, no new code request', async () => {
    const services = scriptedServices({ polls: [slowPending, pending, authorized] });
    const persisted = await runAndPersist(services, 6_000); // poll started at 5 s, answer due at 8 s
    expect(services.requests.at(-1)).toMatchObject({ kind: 'poll', aborted: true });
    downUntil(7_000);
    const { events, onEvent } = recorder();
    const actor = resumeDeviceAuth(persisted, services, { onEvent });
    expect(events[0]).toMatchObject({ type: 'codes', userCode: 'USER1', expiresAt: 600_000 });
    const snapshot = await advanceUntil(actor, isSettled);
    expect(snapshot.status).toBe('done');
    expect(pollTimes(services.requests, 0)).toEqual([5_000, 10_000, 15_000]);
    expect(services.requests.filter((r) => r.kind === 'code')).toHaveLength(1);
    expect(services.requests.filter((r) => r.kind === 'poll').map((r) => r.deviceCode)).toEqual(Array(3).fill('device-code-1'));
    expect(snapshot.context.attempt).toBe(3);
  });

  it('down longer than an interval: the lost poll is sent again at once', async () => {
    const services = scriptedServices({ polls: [slowPending, authorized] });
    const persisted = await runAndPersist(services, 6_000);
    downUntil(30_000);
    const actor = resumeDeviceAuth(persisted, services);
    await vi.advanceTimersByTimeAsync(0);
    expect(pollTimes(services.requests, 0)).toEqual([5_000, 30_000]);
    await advanceUntil(actor, isSettled);
    expect(actor.getSnapshot().status).toBe('done');
  });

  it('for reference: restoring without the helper makes XState re-send the poll at once', async () => {
    const services = scriptedServices({ polls: [slowPending, authorized] });
    const persisted = await runAndPersist(services, 6_000);
    downUntil(7_000);
    const actor = createActor(deviceAuthMachine.provide(services), { snapshot: persisted as never }).start();
    await vi.advanceTimersByTimeAsync(0);
    // 2 s after the lost poll: too soon for Trakt (a 429 and a slower interval for the rest of the flow).
    expect(pollTimes(services.requests, 0)).toEqual([5_000, 7_000]);
    actor.stop();
  });
});

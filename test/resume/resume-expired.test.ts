import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createActor } from 'xstate';
import { deviceAuthMachine } from '../../src/machines/device-auth.machine.js';
import { resumeDeviceAuth } from '../../src/services/clients/resume.js';
import { advanceUntil, isSettled } from '../support/run-machine.js';
import { pending, scriptedServices, slowDown } from '../support/scripted-services.js';
import { downUntil, recorder, runAndPersist } from './support.js';

const slowPending = { outcome: { type: 'pending' as const }, latencyMs: 3_000 };

describe('resume after the deadline passed: expired, nothing sent', () => {
  beforeEach(() => vi.useFakeTimers({ now: 0 }));
  afterEach(() => vi.useRealTimers());

  it.each([
    ['waiting', [pending], 7_000],
    ['slowingDown', [slowDown()], 7_000],
    ['polling (a poll in flight)', [slowPending], 6_000],
  ] as const)('persisted while %s', async (_, polls, stopAt) => {
    const services = scriptedServices({ polls: [...polls] });
    const persisted = await runAndPersist(services, stopAt);
    const before = services.requests.length;
    downUntil(700_000); // the codes expired at 600 s
    const { events, onEvent } = recorder();
    const actor = resumeDeviceAuth(persisted, services, { onEvent });
    const snapshot = await advanceUntil(actor, isSettled);
    expect(snapshot.value).toBe('expired');
    expect(services.requests).toHaveLength(before);
    expect(events).toEqual([{ type: 'expired', at: 700_000 }]); // no stale code shown first
  });

  it('exactly at the deadline, with the next poll due long before it: expired, nothing sent', async () => {
    const services = scriptedServices({ polls: [pending] });
    const persisted = await runAndPersist(services, 7_000); // nextPollAt 10 s < expiresAt 600 s
    downUntil(600_000);
    const actor = resumeDeviceAuth(persisted, services);
    const snapshot = await advanceUntil(actor, isSettled);
    expect(snapshot.value).toBe('expired');
    expect(services.requests.filter((r) => r.kind === 'poll')).toHaveLength(1);
  });

  it('one millisecond before the deadline a poll is still sent', async () => {
    const services = scriptedServices({ polls: [pending] });
    const persisted = await runAndPersist(services, 7_000);
    downUntil(599_999);
    const actor = resumeDeviceAuth(persisted, services);
    await vi.advanceTimersByTimeAsync(0);
    expect(services.requests.filter((r) => r.kind === 'poll').map((r) => r.startedAt)).toEqual([5_000, 599_999]);
    await advanceUntil(actor, isSettled);
    expect(actor.getSnapshot().value).toBe('expired');
  });

  it('for reference: a raw XState restore of an in-flight poll past the deadline sends one more request', async () => {
    const services = scriptedServices({ polls: [slowPending] });
    const persisted = await runAndPersist(services, 6_000);
    downUntil(700_000);
    const actor = createActor(deviceAuthMachine.provide(services), { snapshot: persisted as never }).start();
    await vi.advanceTimersByTimeAsync(0);
    expect(services.requests.filter((r) => r.kind === 'poll').map((r) => r.startedAt)).toEqual([5_000, 700_000]);
    actor.stop();
  });
});

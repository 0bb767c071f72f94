import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { resumeDeviceAuth } from '../../src/services/clients/resume.js';
import { advanceUntil, isSettled } from '../support/run-machine.js';
import { authorized, pending, pollTimes, scriptedServices, slowDown } from '../support/scripted-services.js';
import { downUntil, recorder, runAndPersist } from './support.js';

describe('resume a device flow that was waiting for the next poll', () => {
  beforeEach(() => vi.useFakeTimers({ now: 0 }));
  afterEach(() => vi.useRealTimers());

  it('keeps the same user code, sends no new code request and polls on the original schedule', async () => {
    const services = scriptedServices({ polls: [pending, pending, pending, authorized] });
    const persisted = await runAndPersist(services, 7_000); // polled at 5 s; next poll due at 10 s
    downUntil(8_000);
    const { events, onEvent } = recorder();
    const actor = resumeDeviceAuth(persisted, services, { onEvent });
    expect(events[0]).toEqual({
      type: 'codes',
      userCode: 'USER1',
      verificationUrl: 'https://trakt.tv/activate',
      expiresAt: 600_000,
      interval: 5,
      at: 8_000,
    });
    const snapshot = await advanceUntil(actor, isSettled);
    expect(snapshot.status).toBe('done');
    expect(services.requests.filter((r) => r.kind === 'code')).toHaveLength(1);
    expect(pollTimes(services.requests, 0)).toEqual([5_000, 10_000, 15_000, 20_000]);
    expect(services.requests.filter((r) => r.kind === 'poll').every((r) => r.deviceCode === 'device-code-1')).toBe(true);
    expect(snapshot.context.expiresAt).toBe(600_000);
    expect(events.map((e) => e.type)).toEqual(['codes', 'poll', 'pending', 'poll', 'pending', 'poll', 'authorized']);
  });

  it('down past the due time: polls at once on resume, then one interval after that poll', async () => {
    const services = scriptedServices({ polls: [pending, pending, authorized] });
    const persisted = await runAndPersist(services, 7_000);
    downUntil(23_000);
    const actor = resumeDeviceAuth(persisted, services);
    await advanceUntil(actor, isSettled);
    expect(pollTimes(services.requests, 0)).toEqual([5_000, 23_000, 28_000]);
  });

  it('slowed down: the increased interval and the schedule survive the restart', async () => {
    const services = scriptedServices({ polls: [slowDown(), pending, authorized] });
    const persisted = await runAndPersist(services, 7_000); // slow-down at 5 s: interval 10 s, next poll at 15 s
    downUntil(9_000);
    const { events, onEvent } = recorder();
    const actor = resumeDeviceAuth(persisted, services, { onEvent });
    expect(events[0]).toMatchObject({ type: 'codes', userCode: 'USER1', interval: 10 });
    await advanceUntil(actor, isSettled);
    expect(pollTimes(services.requests, 0)).toEqual([5_000, 15_000, 25_000]);
  });

  it('uses the clock it is given instead of Date.now', async () => {
    const services = scriptedServices({ polls: [pending, authorized] });
    const persisted = await runAndPersist(services, 7_000);
    // The app's clock says 9 s although the fake Date says 7 s: the next poll is 1 s away.
    const actor = resumeDeviceAuth(persisted, services, { now: () => 9_000 });
    await vi.advanceTimersByTimeAsync(999);
    expect(pollTimes(services.requests, 0)).toEqual([5_000]);
    await vi.advanceTimersByTimeAsync(1);
    expect(pollTimes(services.requests, 0)).toEqual([5_000, 8_000]);
    actor.stop();
  });
});

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { runUntilSettled } from '../support/run-machine.js';
import { pending, pollTimes, scriptedServices, slowDown } from '../support/scripted-services.js';

describe('the client stops at its own deadline', () => {
  beforeEach(() => vi.useFakeTimers({ now: 0 }));
  afterEach(() => vi.useRealTimers());

  it('ends in expired exactly at expires_in when the server keeps saying pending', async () => {
    const services = scriptedServices({ codes: { expiresIn: 30, interval: 5 }, polls: [pending] });
    const { events, snapshot } = await runUntilSettled(services);
    expect(snapshot.value).toBe('expired');
    expect(pollTimes(services.requests, 0)).toEqual([5_000, 10_000, 15_000, 20_000, 25_000]);
    expect(events.at(-1)).toEqual({ type: 'expired', at: 30_000 });
  });

  it('sends nothing at or after the deadline, even after a slow-down', async () => {
    const services = scriptedServices({ codes: { expiresIn: 12, interval: 5 }, polls: [slowDown()] });
    const { events, snapshot } = await runUntilSettled(services);
    expect(snapshot.value).toBe('expired');
    expect(pollTimes(services.requests, 0)).toEqual([5_000]);
    expect(events.at(-1)).toEqual({ type: 'expired', at: 12_000 });
  });

  it('ends in expired when the server says 410 first', async () => {
    const services = scriptedServices({ polls: [pending, { type: 'expired' }] });
    const { snapshot } = await runUntilSettled(services);
    expect(snapshot.value).toBe('expired');
    expect(pollTimes(services.requests, 0)).toEqual([5_000, 10_000]);
  });

  it('lets an answer in flight at the deadline decide, then stops', async () => {
    const services = scriptedServices({
      codes: { expiresIn: 10, interval: 5 },
      polls: [pending, { outcome: { type: 'pending' }, latencyMs: 3_000 }],
    });
    const { events } = await runUntilSettled(services);
    expect(pollTimes(services.requests, 0)).toEqual([5_000]);
    expect(events.at(-1)).toEqual({ type: 'expired', at: 10_000 });
  });

  it('sends nothing when a slow answer arrives after the deadline', async () => {
    // Poll at 5 s answers at 12 s, after the 11 s deadline, though the next poll was due at 10 s.
    const services = scriptedServices({
      codes: { expiresIn: 11, interval: 5 },
      polls: [{ outcome: { type: 'pending' }, latencyMs: 7_000 }],
    });
    const { events, snapshot } = await runUntilSettled(services);
    expect(snapshot.value).toBe('expired');
    expect(pollTimes(services.requests, 0)).toEqual([5_000]);
    expect(events.at(-1)).toEqual({ type: 'expired', at: 12_000 });
  });
});

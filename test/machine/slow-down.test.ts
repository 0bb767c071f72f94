import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { runUntilSettled, startMachine } from '../support/run-machine.js';
import { authorized, pending, pollGaps, scriptedServices, slowDown } from '../support/scripted-services.js';

describe('slow down (Trakt 429, RFC 8628 slow_down)', () => {
  beforeEach(() => vi.useFakeTimers({ now: 0 }));
  afterEach(() => vi.useRealTimers());

  it('adds 5 s per slow-down, cumulatively, for every later poll', async () => {
    const services = scriptedServices({ polls: [slowDown(), slowDown(), pending, pending, authorized] });
    const { events } = await runUntilSettled(services);
    expect(pollGaps(services.requests)).toEqual([10_000, 15_000, 15_000, 15_000]);
    expect(events.filter((e) => e.type === 'slowDown')).toEqual([
      { type: 'slowDown', interval: 10, nextPollAt: 15_000, at: 5_000 },
      { type: 'slowDown', interval: 15, nextPollAt: 30_000, at: 15_000 },
    ]);
  });

  it('enters slowingDown and back to awaitingUser', async () => {
    const services = scriptedServices({ polls: [slowDown(), authorized] });
    const { actor } = startMachine(services);
    actor.send({ type: 'start' });
    await vi.advanceTimersByTimeAsync(5_000);
    expect(actor.getSnapshot().value).toBe('slowingDown');
    await vi.advanceTimersByTimeAsync(10_000);
    expect(actor.getSnapshot().status).toBe('done');
  });

  it('honours Retry-After when it is longer than the new interval', async () => {
    const services = scriptedServices({ polls: [slowDown(30_000), pending, authorized] });
    const { events } = await runUntilSettled(services);
    // 30 s (Retry-After) instead of 10 s, then the increased 10 s interval.
    expect(pollGaps(services.requests)).toEqual([30_000, 10_000]);
    expect(events.find((e) => e.type === 'slowDown')).toMatchObject({ interval: 10, retryAfter: 30 });
  });

  it('uses the new interval when Retry-After is shorter', async () => {
    const services = scriptedServices({ polls: [slowDown(1_000), authorized] });
    await runUntilSettled(services);
    expect(pollGaps(services.requests)).toEqual([10_000]);
  });

  it('takes a larger interval named by the server (GitHub) and a custom step', async () => {
    const services = scriptedServices({
      polls: [{ type: 'slowDown', intervalSeconds: 20 }, slowDown(), authorized],
    });
    await runUntilSettled(services, { slowDownStepSeconds: 2 });
    expect(pollGaps(services.requests)).toEqual([20_000, 22_000]);
  });
});

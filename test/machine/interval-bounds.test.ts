/**
 * Intervals and waits at the edges of the code's lifetime: an interval as long as the codes live
 * (or longer, or pushed past the deadline by a slow code answer) still gets one poll just before
 * the deadline instead of showing a code that is never polled for; absurd slow-down intervals and
 * Retry-After values end by the deadline with finite numbers everywhere.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fromPromise } from 'xstate';
import type { DeviceCodeResult } from '../../src/machines/device-auth.types.js';
import { LAST_CHANCE_MARGIN_MS, firstPollAt } from '../../src/machines/device-auth.pacing.js';
import { runUntilSettled } from '../support/run-machine.js';
import { authorized, pending, pollTimes, scriptedServices, slowDown } from '../support/scripted-services.js';

describe('an interval that does not fit in the lifetime', () => {
  beforeEach(() => vi.useFakeTimers({ now: 0 }));
  afterEach(() => vi.useRealTimers());

  it.each([
    ['as long as the lifetime', 600],
    ['longer than the lifetime', 900],
  ])('%s: one poll a second before the deadline, then expired at the deadline', async (_, interval) => {
    const services = scriptedServices({ codes: { expiresIn: 600, interval }, polls: [pending] });
    const { events, snapshot } = await runUntilSettled(services);
    expect(pollTimes(services.requests, 0)).toEqual([600_000 - LAST_CHANCE_MARGIN_MS]);
    expect(snapshot.value).toBe('expired');
    expect(events.at(-1)).toEqual({ type: 'expired', at: 600_000 });
    expect(events[0]).toMatchObject({ type: 'codes', interval });
  });

  it('that one poll can sign the person in', async () => {
    const services = scriptedServices({ codes: { expiresIn: 600, interval: 900 }, polls: [authorized] });
    const { snapshot } = await runUntilSettled(services);
    expect(snapshot.status).toBe('done');
    expect(services.requests.filter((r) => r.kind === 'poll')).toHaveLength(1);
  });

  /** Services whose code answer takes `latencyMs` and reports when it was sent (the lifetime counts from there). */
  function slowCodes(expiresIn: number, interval: number, latencyMs: number) {
    const scripted = scriptedServices({ polls: [pending] });
    const requestDeviceCode = fromPromise<DeviceCodeResult>(async () => {
      const startedAt = Date.now();
      await new Promise((resolve) => setTimeout(resolve, latencyMs));
      const codes = { deviceCode: 'dc', userCode: 'UC', verificationUrl: 'https://trakt.tv/activate', expiresIn, interval };
      return { codes, startedAt, receivedAt: Date.now() };
    });
    return { requests: scripted.requests, actors: { requestDeviceCode, pollToken: scripted.actors.pollToken } };
  }

  it('a slow code answer that pushes the first poll past the deadline still leaves one poll before it', async () => {
    // Sent at 0, answered at 2 s: the deadline is 10 s (counted from the request), a 9 s interval would poll at 11 s.
    const services = slowCodes(10, 9, 2_000);
    const { snapshot } = await runUntilSettled(services);
    expect(pollTimes(services.requests, 0)).toEqual([9_000]);
    expect(snapshot.value).toBe('expired');
  });

  it('codes answered after their whole lifetime passed: no poll, expired', async () => {
    const services = slowCodes(1, 1, 1_500);
    const { snapshot } = await runUntilSettled(services);
    expect(pollTimes(services.requests, 0)).toEqual([]);
    expect(snapshot.value).toBe('expired');
  });

  it('firstPollAt: one interval after the answer when it fits; else the margin (at most half the time left) before the deadline', () => {
    expect(firstPollAt(0, 5_000, 600_000)).toBe(5_000);
    expect(firstPollAt(0, 600_000, 600_000)).toBe(599_000);
    expect(firstPollAt(0, 900, 1_000)).toBe(900);
    expect(firstPollAt(0, 1_000, 1_000)).toBe(500);
    expect(firstPollAt(2_000, 1_000, 1_000)).toBe(3_000); // nothing left: past the deadline, no poll
  });
});

describe('absurd waits from a service end by the deadline', () => {
  beforeEach(() => vi.useFakeTimers({ now: 0 }));
  afterEach(() => vi.useRealTimers());

  it('a slow_down naming a 1e308 s interval: no further poll, expired at the deadline, finite numbers', async () => {
    const services = scriptedServices({ codes: { expiresIn: 60, interval: 5 }, polls: [{ type: 'slowDown', intervalSeconds: 1e308 }, pending] });
    const { events, snapshot } = await runUntilSettled(services);
    expect(pollTimes(services.requests, 0)).toEqual([5_000]);
    expect(snapshot.value).toBe('expired');
    expect(events.at(-1)).toEqual({ type: 'expired', at: 60_000 });
    expect(Number.isFinite(snapshot.context.intervalMs)).toBe(true);
    const slowed = events.find((e) => e.type === 'slowDown') as { interval: number; nextPollAt: number };
    expect(Number.isFinite(slowed.interval) && Number.isFinite(slowed.nextPollAt)).toBe(true);
    expect(JSON.parse(JSON.stringify(snapshot.context)).intervalMs).toBe(snapshot.context.intervalMs);
  });

  it('a Retry-After of 10^15 ms: no further poll, expired at the deadline', async () => {
    const services = scriptedServices({ codes: { expiresIn: 60, interval: 5 }, polls: [slowDown(1e15), pending] });
    const { events, snapshot } = await runUntilSettled(services);
    expect(pollTimes(services.requests, 0)).toEqual([5_000]);
    expect(snapshot.value).toBe('expired');
    expect(events.at(-1)).toEqual({ type: 'expired', at: 60_000 });
  });
});

describe('the codes event says when the services raised the interval', () => {
  beforeEach(() => vi.useFakeTimers({ now: 0 }));
  afterEach(() => vi.useRealTimers());

  it('intervalRaisedFrom is passed on when present, absent otherwise', async () => {
    const raised = scriptedServices({ codes: { interval: 1, intervalRaisedFrom: 0.001 }, polls: [authorized] });
    expect((await runUntilSettled(raised)).events[0]).toMatchObject({ type: 'codes', interval: 1, intervalRaisedFrom: 0.001 });
    const plain = scriptedServices({ polls: [authorized] });
    expect((await runUntilSettled(plain)).events[0]).not.toHaveProperty('intervalRaisedFrom');
  });
});

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { advanceUntil, isSettled, runUntilSettled, startMachine } from '../support/run-machine.js';
import { authorized, pending, pollTimes, sampleToken, scriptedServices } from '../support/scripted-services.js';

describe('approval after n polls', () => {
  beforeEach(() => vi.useFakeTimers({ now: 1_000_000 }));
  afterEach(() => vi.useRealTimers());

  it('polls once per interval from the codes, then outputs the token', async () => {
    const services = scriptedServices({ polls: [pending, pending, pending, authorized] });
    const { events, types, snapshot } = await runUntilSettled(services);

    expect(snapshot.status).toBe('done');
    expect(snapshot.output).toEqual(sampleToken);
    expect(services.requests.filter((r) => r.kind === 'code')).toHaveLength(1);
    expect(pollTimes(services.requests, 1_000_000)).toEqual([5_000, 10_000, 15_000, 20_000]);
    expect(types()).toEqual(['codes', 'poll', 'pending', 'poll', 'pending', 'poll', 'pending', 'poll', 'authorized']);
    expect(events[0]).toMatchObject({
      type: 'codes',
      userCode: 'USER1',
      verificationUrl: 'https://trakt.tv/activate',
      expiresAt: 1_000_000 + 600_000,
      interval: 5,
    });
    expect(events.filter((e) => e.type === 'poll').map((e) => (e as { attempt: number }).attempt)).toEqual([1, 2, 3, 4]);
    expect(events.find((e) => e.type === 'pending')).toMatchObject({ attempt: 1, nextPollAt: 1_010_000 });
  });

  it('ignores a second start: one flow, one device-code request', async () => {
    const services = scriptedServices({ polls: [pending, authorized] });
    const { actor } = startMachine(services);
    actor.send({ type: 'start' });
    actor.send({ type: 'start' });
    await vi.advanceTimersByTimeAsync(0);
    actor.send({ type: 'start' });
    await advanceUntil(actor, isSettled);
    expect(services.requests.filter((r) => r.kind === 'code')).toHaveLength(1);
    expect(services.requests.filter((r) => r.kind === 'poll')).toHaveLength(2);
  });

  it('keeps one request in flight and waits one interval after each answer', async () => {
    // 3 s answers with a 5 s interval: each poll starts 5 s after the previous answer, so the
    // server sees polls at least one interval apart even when a send was delayed.
    const services = scriptedServices({ polls: [pending, pending, authorized], pollLatencyMs: 3_000 });
    await runUntilSettled(services);
    expect(pollTimes(services.requests, 1_000_000)).toEqual([5_000, 13_000, 21_000]);
  });

  it('after a slow answer still waits one interval, never two polls at once', async () => {
    // 7 s answers with a 5 s interval.
    const services = scriptedServices({ polls: [pending, pending, authorized], pollLatencyMs: 7_000 });
    await runUntilSettled(services);
    expect(pollTimes(services.requests, 1_000_000)).toEqual([5_000, 17_000, 29_000]);
    expect(services.requests.every((r) => r.settled)).toBe(true);
  });
});

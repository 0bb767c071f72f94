import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PollOutcome } from '../../src/machines/device-auth.types.js';
import { DeviceAuthError } from '../../src/core/errors.js';
import { advanceUntil, isSettled, startMachine } from '../support/run-machine.js';
import { authorized, pending, scriptedServices } from '../support/scripted-services.js';

const fatal: PollOutcome = { type: 'fatal', error: new DeviceAuthError('BLOCKED', 'blocked') };

describe('restart from each resting state', () => {
  beforeEach(() => vi.useFakeTimers({ now: 0 }));
  afterEach(() => vi.useRealTimers());

  it.each([
    ['denied', { type: 'denied' } as PollOutcome],
    ['expired', { type: 'expired' } as PollOutcome],
    ['alreadyUsed', { type: 'alreadyUsed' } as PollOutcome],
    ['invalidCode', { type: 'invalidCode' } as PollOutcome],
    ['failed', fatal],
  ])('%s → restart → new codes → authorized', async (state, ending) => {
    const services = scriptedServices({ polls: [ending, pending, authorized] });
    const { actor, types } = startMachine(services);
    actor.send({ type: 'start' });
    const rested = await advanceUntil(actor, isSettled);
    expect(rested.value).toBe(state);
    expect(rested.hasTag('resting')).toBe(true);
    // Nothing happens until the person asks (RFC 8628 §3.1).
    await vi.advanceTimersByTimeAsync(3_600_000);
    expect(services.requests).toHaveLength(2);

    actor.send({ type: 'restart' });
    const done = await advanceUntil(actor, isSettled);
    expect(done.status).toBe('done');
    expect(services.requests.map((r) => r.kind)).toEqual(['code', 'poll', 'code', 'poll', 'poll']);
    expect(services.requests.slice(3).map((r) => r.deviceCode)).toEqual(['device-code-2', 'device-code-2']);
    expect(types().filter((t) => t === 'codes')).toHaveLength(2);
    expect(types()).toContain(state === 'failed' ? 'failed' : state);
  });

  it('cancelled → restart starts over with a fresh context', async () => {
    const services = scriptedServices({ polls: [pending, pending, authorized] });
    const { actor } = startMachine(services);
    actor.send({ type: 'start' });
    await vi.advanceTimersByTimeAsync(6_000);
    actor.send({ type: 'cancel' });
    actor.send({ type: 'restart' });
    await vi.advanceTimersByTimeAsync(0);
    const context = actor.getSnapshot().context;
    expect(context.attempt).toBe(0);
    expect(context.codes?.userCode).toBe('USER2');
    expect(context.nextPollAt).toBe(6_000 + 5_000);
  });

  it('restart is ignored while a flow is active', async () => {
    const services = scriptedServices({ polls: [pending, authorized] });
    const { actor } = startMachine(services);
    actor.send({ type: 'start' });
    await vi.advanceTimersByTimeAsync(1_000);
    actor.send({ type: 'restart' });
    await advanceUntil(actor, isSettled);
    expect(services.requests.filter((r) => r.kind === 'code')).toHaveLength(1);
  });
});

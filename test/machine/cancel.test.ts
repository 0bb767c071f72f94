import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createActor, fromPromise } from 'xstate';
import { deviceAuthMachine } from '../../src/machines/device-auth.machine.js';
import type { PollResult, PollTokenInput } from '../../src/machines/device-auth.types.js';
import { runUntilSettled, startMachine } from '../support/run-machine.js';
import { authorized, pending, scriptedServices, slowDown } from '../support/scripted-services.js';

describe('cancel', () => {
  beforeEach(() => vi.useFakeTimers({ now: 0 }));
  afterEach(() => vi.useRealTimers());

  it('during a poll request: aborts it and ignores the late answer', async () => {
    const services = scriptedServices({ polls: [{ outcome: authorized, latencyMs: 4_000 }] });
    const { actor, types } = startMachine(services);
    actor.send({ type: 'start' });
    await vi.advanceTimersByTimeAsync(6_000);
    expect(actor.getSnapshot().matches({ awaitingUser: 'polling' })).toBe(true);
    actor.send({ type: 'cancel' });
    await vi.advanceTimersByTimeAsync(60_000);
    const snapshot = actor.getSnapshot();
    expect(snapshot.value).toBe('cancelled');
    expect(snapshot.context.token).toBeNull();
    expect(services.requests.filter((r) => r.kind === 'poll')).toMatchObject([{ aborted: true, settled: false }]);
    expect(types()).toEqual(['codes', 'poll', 'cancelled']);
  });

  it('during the device-code request: aborts it', async () => {
    const services = scriptedServices({ codeLatencyMs: 2_000, polls: [authorized] });
    const { actor, types } = startMachine(services);
    actor.send({ type: 'start' });
    await vi.advanceTimersByTimeAsync(1_000);
    actor.send({ type: 'cancel' });
    await vi.advanceTimersByTimeAsync(60_000);
    expect(actor.getSnapshot().value).toBe('cancelled');
    expect(services.requests).toMatchObject([{ kind: 'code', aborted: true }]);
    expect(types()).toEqual(['cancelled']);
  });

  it('during a wait: no further request is sent', async () => {
    const services = scriptedServices({ polls: [pending] });
    const { actor } = startMachine(services);
    actor.send({ type: 'start' });
    await vi.advanceTimersByTimeAsync(7_000);
    actor.send({ type: 'cancel' });
    await vi.advanceTimersByTimeAsync(600_000);
    expect(actor.getSnapshot().value).toBe('cancelled');
    expect(services.requests.filter((r) => r.kind === 'poll')).toHaveLength(1);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('while slowing down', async () => {
    const services = scriptedServices({ polls: [slowDown()] });
    const { actor } = startMachine(services);
    actor.send({ type: 'start' });
    await vi.advanceTimersByTimeAsync(5_000);
    expect(actor.getSnapshot().value).toBe('slowingDown');
    actor.send({ type: 'cancel' });
    await vi.advanceTimersByTimeAsync(600_000);
    expect(actor.getSnapshot().value).toBe('cancelled');
    expect(services.requests.filter((r) => r.kind === 'poll')).toHaveLength(1);
  });

  it('is ignored once authorized', async () => {
    const services = scriptedServices({ polls: [authorized] });
    const { snapshot } = await runUntilSettled(services);
    expect(snapshot.status).toBe('done');
    expect(snapshot.can({ type: 'cancel' })).toBe(false);
  });

  it('a late answer from a service that ignores the abort signal is dropped', async () => {
    const services = scriptedServices({ polls: [authorized] });
    let answer: ((result: PollResult) => void) | undefined;
    const machine = deviceAuthMachine.provide({
      actors: {
        requestDeviceCode: services.actors.requestDeviceCode,
        // Ignores its signal: keeps going after cancel and answers 'authorized' anyway.
        pollToken: fromPromise<PollResult, PollTokenInput>(() => new Promise((resolve) => (answer = resolve))),
      },
    });
    const actor = createActor(machine);
    const emitted: string[] = [];
    actor.on('*', (event) => emitted.push(event.type));
    actor.start();
    actor.send({ type: 'start' });
    await vi.advanceTimersByTimeAsync(5_000);
    expect(actor.getSnapshot().matches({ awaitingUser: 'polling' })).toBe(true);
    actor.send({ type: 'cancel' });
    answer!({ outcome: authorized, startedAt: 5_000, receivedAt: 6_000 });
    await vi.advanceTimersByTimeAsync(1_000);
    expect(actor.getSnapshot().value).toBe('cancelled');
    expect(actor.getSnapshot().context.token).toBeNull();
    expect(emitted).toEqual(['codes', 'poll', 'cancelled']);

    // Even after a restart, the old answer cannot complete the new flow.
    actor.send({ type: 'restart' });
    await vi.advanceTimersByTimeAsync(0);
    answer!({ outcome: authorized, startedAt: 5_000, receivedAt: 7_000 });
    await vi.advanceTimersByTimeAsync(0);
    expect(actor.getSnapshot().matches({ awaitingUser: 'waiting' })).toBe(true);
  });
});

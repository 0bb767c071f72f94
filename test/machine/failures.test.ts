import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createActor, fromPromise } from 'xstate';
import { deviceAuthMachine } from '../../src/machines/device-auth.machine.js';
import type { DeviceCodeResult, PollResult, PollTokenInput } from '../../src/machines/device-auth.types.js';
import { DeviceAuthError } from '../../src/core/errors.js';
import { advanceUntil, isSettled, runUntilSettled } from '../support/run-machine.js';
import { scriptedServices } from '../support/scripted-services.js';

describe('failures end in failed with a typed error', () => {
  beforeEach(() => vi.useFakeTimers({ now: 0 }));
  afterEach(() => vi.useRealTimers());

  it('a fatal poll outcome', async () => {
    const error = new DeviceAuthError('BLOCKED', 'blocked: set a User-Agent');
    const services = scriptedServices({ polls: [{ type: 'fatal', error }] });
    const { events, snapshot } = await runUntilSettled(services);
    expect(snapshot.value).toBe('failed');
    expect(snapshot.context.error).toBe(error);
    expect(events.at(-1)).toMatchObject({ type: 'failed', error });
  });

  it('a device-code request that rejects', async () => {
    const error = new DeviceAuthError('INVALID_RESPONSE', 'device code response: "user_code" must be a non-empty string');
    const machine = deviceAuthMachine.provide({
      actors: { requestDeviceCode: fromPromise(() => Promise.reject(error)) },
    });
    const actor = createActor(machine).start();
    actor.send({ type: 'start' });
    const snapshot = await advanceUntil(actor, isSettled);
    expect(snapshot.value).toBe('failed');
    expect(snapshot.context.error).toBe(error);
  });

  it('a service that throws something else is wrapped as UNEXPECTED', async () => {
    const services = scriptedServices({ polls: [] });
    const machine = deviceAuthMachine.provide({
      actors: {
        requestDeviceCode: services.actors.requestDeviceCode,
        pollToken: fromPromise(() => Promise.reject(new TypeError('boom'))),
      },
    });
    const actor = createActor(machine).start();
    actor.send({ type: 'start' });
    const snapshot = await advanceUntil(actor, isSettled);
    expect(snapshot.context.error).toMatchObject({ code: 'UNEXPECTED' });
    expect(snapshot.context.error?.cause).toBeInstanceOf(TypeError);
  });

  it('without services: a CONFIGURATION error that says what to provide', async () => {
    const actor = createActor(deviceAuthMachine).start();
    actor.send({ type: 'start' });
    const snapshot = await advanceUntil(actor, isSettled);
    expect(snapshot.context.error).toMatchObject({ code: 'CONFIGURATION' });
    expect(snapshot.context.error?.message).toMatch(/provide/);
  });

  it('a service that resolves with something that is not an outcome fails cleanly (UNEXPECTED)', async () => {
    const services = scriptedServices({ polls: [] });
    for (const output of [undefined, {}, { outcome: { type: 'sideways' } }]) {
      const machine = deviceAuthMachine.provide({
        actors: {
          requestDeviceCode: services.actors.requestDeviceCode,
          pollToken: fromPromise<PollResult, PollTokenInput>(() => Promise.resolve(output as unknown as PollResult)),
        },
      });
      const actor = createActor(machine).start();
      actor.send({ type: 'start' });
      const snapshot = await advanceUntil(actor, isSettled);
      expect(snapshot.status).toBe('active');
      expect(snapshot.value).toBe('failed');
      expect(snapshot.context.error).toMatchObject({ code: 'UNEXPECTED' });
    }
  });

  it('codes that cannot be paced end in failed without a single poll', async () => {
    const base = { deviceCode: 'dc', userCode: 'UC', verificationUrl: 'https://trakt.tv/activate', expiresIn: 600, interval: 5 };
    const unusable = [
      { ...base, interval: 0 },
      { ...base, expiresIn: Number.NaN },
      { ...base, userCode: '' },
      { ...base, interval: 30 * 24 * 3600 },
      { ...base, expiresIn: 30 * 24 * 3600, interval: 30 * 24 * 3600 },
      null,
    ];
    for (const codes of unusable) {
      const services = scriptedServices({ polls: [{ type: 'pending' }] });
      const machine = deviceAuthMachine.provide({
        actors: {
          requestDeviceCode: fromPromise<DeviceCodeResult>(() => Promise.resolve({ codes, receivedAt: Date.now() } as unknown as DeviceCodeResult)),
          pollToken: services.actors.pollToken,
        },
      });
      const actor = createActor(machine).start();
      actor.send({ type: 'start' });
      const snapshot = await advanceUntil(actor, isSettled);
      expect(snapshot.value).toBe('failed');
      expect(snapshot.context.error?.message).toMatch(/unusable codes/);
      expect(services.requests).toHaveLength(0);
    }
  });
});

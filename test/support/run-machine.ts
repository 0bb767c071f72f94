/**
 * Runs the real device-auth machine with given services under vitest fake timers, collecting
 * every emitted event, and advances simulated time until a condition holds.
 */
import { vi } from 'vitest';
import { createActor, type SnapshotFrom } from 'xstate';
import { deviceAuthMachine } from '../../src/machines/device-auth.machine.js';
import type { DeviceAuthEmitted, DeviceAuthInput } from '../../src/machines/device-auth.types.js';
import type { DeviceAuthServices } from '../../src/services/dialect/create-services.js';

export type DeviceAuthSnapshot = SnapshotFrom<typeof deviceAuthMachine>;

/** Starts an actor (not yet sent `start`) and records its emitted events with their times. */
export function startMachine(services: DeviceAuthServices, input?: DeviceAuthInput) {
  const actor = createActor(deviceAuthMachine.provide(services), input === undefined ? {} : { input });
  const events: Array<DeviceAuthEmitted & { at: number }> = [];
  actor.on('*', (event) => events.push({ ...event, at: Date.now() }));
  actor.start();
  return { actor, events, types: () => events.map((e) => e.type) };
}

/**
 * Advances fake time one timer at a time until `done(snapshot)` holds, for any actor; fails with
 * `stuck(snapshot)` after `maxSteps` timers (an actor that never settles is a bug, not a slow test).
 */
export async function advanceActorUntil<Snapshot>(
  actor: { getSnapshot(): Snapshot },
  done: (snapshot: Snapshot) => boolean,
  maxSteps: number,
  stuck: (snapshot: Snapshot) => string,
): Promise<Snapshot> {
  await vi.advanceTimersByTimeAsync(0);
  for (let step = 0; step < maxSteps && !done(actor.getSnapshot()); step++) {
    await vi.advanceTimersToNextTimerAsync();
  }
  const snapshot = actor.getSnapshot();
  if (!done(snapshot)) throw new Error(stuck(snapshot));
  return snapshot;
}

/** {@link advanceActorUntil} for the device-auth machine. */
export function advanceUntil(
  actor: { getSnapshot(): DeviceAuthSnapshot },
  done: (snapshot: DeviceAuthSnapshot) => boolean,
  maxSteps = 500,
): Promise<DeviceAuthSnapshot> {
  return advanceActorUntil(actor, done, maxSteps, (snapshot) => `machine did not settle; still in ${JSON.stringify(snapshot.value)}`);
}

/** True once the machine rests (final or a resting state). */
export const isSettled = (snapshot: DeviceAuthSnapshot): boolean =>
  snapshot.status === 'done' || snapshot.hasTag('resting');

/** Starts the machine, sends `start` and advances fake time until it rests (see {@link isSettled}). */
export async function runUntilSettled(services: DeviceAuthServices, input?: DeviceAuthInput) {
  const started = startMachine(services, input);
  started.actor.send({ type: 'start' });
  const snapshot = await advanceUntil(started.actor, isSettled);
  return { ...started, snapshot };
}

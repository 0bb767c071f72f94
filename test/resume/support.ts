/**
 * Helpers of the resume tests: run a device flow for a while, persist it the way an app would
 * (JSON through storage), stop it (the app goes down), and let fake time pass.
 */
import { vi } from 'vitest';
import type { DeviceAuthEmitted } from '../../src/machines/device-auth.types.js';
import type { DeviceAuthServices } from '../../src/services/dialect/create-services.js';
import { startMachine } from '../support/run-machine.js';

/** Starts a flow, runs it until `stopAt` (ms of fake time), persists it as JSON and stops it. */
export async function runAndPersist(services: DeviceAuthServices, stopAt: number): Promise<unknown> {
  const first = startMachine(services);
  first.actor.send({ type: 'start' });
  await vi.advanceTimersByTimeAsync(stopAt - Date.now());
  const stored = JSON.stringify(first.actor.getPersistedSnapshot());
  first.actor.stop();
  return JSON.parse(stored) as unknown;
}

/** Lets fake time pass until `at` while nothing runs (the app is down). */
export function downUntil(at: number): void {
  vi.setSystemTime(at);
}

/** Records emitted events with their fake time. */
export function recorder() {
  const events: Array<DeviceAuthEmitted & { at: number }> = [];
  return { events, onEvent: (event: DeviceAuthEmitted) => events.push({ ...event, at: Date.now() }) };
}

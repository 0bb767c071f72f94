/**
 * Resuming a device flow after the app restarted (a TV app restarting while the person types
 * the code must not show a new code): one call restores a persisted device-auth actor with the
 * same services and sends it `resume` with the current time.
 *
 * ```ts
 * // before going down (or on every emitted event):
 * localStorage.setItem('device-auth', JSON.stringify(actor.getPersistedSnapshot()));
 * // after restarting:
 * const actor = resumeDeviceAuth(JSON.parse(localStorage.getItem('device-auth')!), services, {
 *   onEvent: (event) => render(event), // gets `codes` again first: same user code, same deadline
 * });
 * ```
 *
 * The flow continues on its original schedule with the same user code (RFC 8628 §3.4–3.5, Trakt
 * "poll at the correct interval ... stop polling when expired"), or ends in `expired` without
 * sending anything when the deadline passed while the app was down. A persisted snapshot holds
 * the device code: keep it as private as a token.
 */
import { createActor, type Actor, type Snapshot } from 'xstate';
import type { DeviceAuthMachine } from '../../machines/device-auth.machine.js';
import { providedDeviceAuthMachine } from './provided-machines.js';
import type { DeviceAuthContext, DeviceAuthEmitted } from '../../machines/device-auth.types.js';
import type { DeviceAuthServices } from '../dialect/create-services.js';
import { parseDeviceAuthSnapshot, prepareDeviceAuthSnapshot, statePath } from './resume-snapshot.js';
import { servicesKnowingSecrets } from './services-knowing-secrets.js';

/** A running device-auth actor. */
export type DeviceAuthActor = Actor<DeviceAuthMachine>;

/** The `codes` event the UI shows. */
type CodesEmitted = Extract<DeviceAuthEmitted, { type: 'codes' }>;

/** Options of {@link resumeDeviceAuth}. */
export interface ResumeDeviceAuthOptions {
  /** The clock, ms since the epoch (default `Date.now`); use the one the services use. */
  now?: (() => number) | undefined;
  /**
   * Receives every event the resumed actor emits, subscribed before it starts. While the person
   * still has time to enter the code, the first one is the `codes` event again (rebuilt from the
   * snapshot: same user code, URL and deadline), so a UI redraws the same screen.
   */
  onEvent?: ((event: DeviceAuthEmitted) => void) | undefined;
}

/**
 * The `codes` event (what the UI shows) rebuilt from a snapshot that is waiting for the person,
 * or `undefined` in any other state. Works on live snapshots and on persisted ones.
 */
export function codesOf(snapshot: {
  value: unknown;
  context: Pick<DeviceAuthContext, 'codes' | 'expiresAt' | 'intervalMs'>;
}): CodesEmitted | undefined {
  const path = statePath(snapshot.value) ?? '';
  const { codes } = snapshot.context;
  if (codes === null || snapshot.context.expiresAt === null) return undefined;
  if (!path.startsWith('awaitingUser') && path !== 'slowingDown') return undefined;
  return {
    type: 'codes',
    userCode: codes.userCode,
    verificationUrl: codes.verificationUrl,
    ...(codes.verificationUrlComplete === undefined ? {} : { verificationUrlComplete: codes.verificationUrlComplete }),
    expiresAt: snapshot.context.expiresAt,
    interval: snapshot.context.intervalMs / 1000,
  };
}

/**
 * Restores a persisted device-auth actor with `services`, starts it and sends `resume` with the
 * current time, which re-arms its timers from the absolute deadlines in its context.
 *
 * - Waiting for the next poll (or slowed down): the next poll goes out when it was due (at once
 *   if that time passed while the app was down), same user code, no new device-code request.
 * - A poll was in flight: it is sent again, one interval after the lost one started (at once if
 *   the app was down longer than that), never at or after the deadline.
 * - The deadline passed meanwhile: `expired`, with nothing sent.
 * - Resting or authorized: restored as it was. Requesting codes: the request is sent again.
 *
 * Choice: a snapshot that cannot be resumed (corrupt, another machine's, a stopped actor) throws
 * rather than silently starting a fresh idle flow, which would look like success and hide the
 * bug; catch it and start a new flow when the person asks (RFC 8628 §3.1).
 *
 * @throws DeviceAuthError `CONFIGURATION` naming what is wrong with the snapshot.
 */
export function resumeDeviceAuth(
  persisted: unknown,
  services: DeviceAuthServices,
  options: ResumeDeviceAuthOptions = {},
): DeviceAuthActor {
  const snapshot = prepareDeviceAuthSnapshot(parseDeviceAuthSnapshot(persisted));
  const now = (options.now ?? Date.now)();
  // The services never handed out the snapshot's device code: keep it out of their errors too.
  const known = servicesKnowingSecrets(services, [snapshot.context.codes?.deviceCode]);
  const actor = createActor(providedDeviceAuthMachine(known), {
    snapshot: snapshot as unknown as Snapshot<unknown>,
  });
  const { onEvent } = options;
  if (onEvent !== undefined) {
    actor.on('*', onEvent);
    const codes = snapshot.context.expiresAt !== null && now < snapshot.context.expiresAt ? codesOf(snapshot) : undefined;
    if (codes !== undefined) onEvent(codes);
  }
  actor.start();
  if (snapshot.status === 'active') actor.send({ type: 'resume', now });
  return actor;
}

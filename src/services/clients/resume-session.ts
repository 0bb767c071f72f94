/**
 * Resuming a persisted session (`session.actor.getPersistedSnapshot()`), for apps that keep the
 * whole session across restarts, typically a TV app that restarts while the person is typing
 * the code: the device-auth child inside the session is prepared exactly like
 * {@link resumeDeviceAuth} does (same code, original deadline, nothing sent past it), and a
 * `resume` event with the current time re-arms every timer from the absolute times in context
 * (the refresh timer, a refresh or store-write backoff, the child's poll).
 *
 * Apps that do not persist the session lose nothing but a sign-in in progress: a new session
 * loads the stored token.
 */
import { createActor, type Snapshot } from 'xstate';
import { DEVICE_AUTH_CHILD_ID } from '../../machines/session.relay.js';
import { providedSessionMachine } from './provided-machines.js';
import { sessionServicesKnowingSecrets } from './services-knowing-secrets.js';
import type { SessionEmitted } from '../../machines/session.types.js';
import { DeviceAuthError, type DeviceAuthErrorCode } from '../../core/errors.js';
import { codesOf } from './resume.js';
import { parseDeviceAuthSnapshot, prepareDeviceAuthSnapshot, statePath } from './resume-snapshot.js';
import { sessionOf, type AccessTokenOptions, type Session } from './session-client.js';
import type { SessionServices } from './session-services.js';
import { describeInvalidToken } from '../stores/token-store.js';
import type { DeviceToken } from '../../core/token.js';

/** The top-level states of the session machine. */
const SESSION_STATES = ['loading', 'signedOut', 'signingIn', 'storingToken', 'signedIn', 'refreshing', 'endingSession', 'signingOut'];

/** Options of {@link resumeSession}. */
export interface ResumeSessionOptions extends AccessTokenOptions {
  /** The actors the session was created with (rebuilt the same way after the restart). */
  services: SessionServices;
  /**
   * Receives every event the session emits, subscribed before it starts. When a sign-in was in
   * progress and its code is still valid, the first one is the child's `codes` event again.
   */
  onEvent?: ((event: SessionEmitted) => void) | undefined;
}

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

function invalid(detail: string): DeviceAuthError {
  return new DeviceAuthError('CONFIGURATION', `Cannot resume the session: ${detail}`);
}

function reviveError(error: unknown): unknown {
  if (!isObject(error) || error instanceof DeviceAuthError || typeof error.code !== 'string') return error;
  return new DeviceAuthError(error.code as DeviceAuthErrorCode, String(error.message), typeof error.status === 'number' ? { status: error.status } : {});
}

/** Checks a persisted session snapshot and prepares its device-auth child for restoring. */
function prepareSessionSnapshot(value: unknown): Json {
  if (!isObject(value)) throw invalid('the persisted snapshot is not an object.');
  if (value.status !== 'active') throw invalid(`the persisted actor is "${String(value.status)}", not active.`);
  const path = statePath(value.value);
  const top = path?.split('.')[0];
  if (top === undefined || !SESSION_STATES.includes(top)) {
    throw invalid(`unknown state ${JSON.stringify(value.value)}: this is not a session snapshot.`);
  }
  const context = value.context;
  if (!isObject(context) || typeof context.refreshMarginMs !== 'number' || typeof context.unsaved !== 'boolean') {
    throw invalid('"context" is missing or is not a session context.');
  }
  if (context.token !== null) {
    const problem = isObject(context.token) ? describeInvalidToken(context.token as unknown as DeviceToken) : 'the token must be an object';
    if (problem !== undefined) throw invalid(`"context.token": ${problem}.`);
  } else if (top === 'signedIn' || top === 'refreshing' || top === 'storingToken' || top === 'signingOut') {
    throw invalid(`state "${top}" needs "context.token".`);
  }
  const children = isObject(value.children) ? value.children : {};
  let prepared: Json = { ...value, context: { ...context, error: reviveError(context.error) }, children };
  if (top === 'signingIn') {
    const child = children[DEVICE_AUTH_CHILD_ID];
    if (!isObject(child)) throw invalid('state "signingIn" has no device-auth child.');
    const snapshot = prepareDeviceAuthSnapshot(parseDeviceAuthSnapshot(child.snapshot));
    prepared = { ...prepared, children: { ...children, [DEVICE_AUTH_CHILD_ID]: { ...child, snapshot } } };
  }
  return prepared;
}

/**
 * Restores a persisted session with `services`, starts it and sends `resume` with the current
 * time. A sign-in in progress continues with the same user code on its original schedule (or
 * ends in `signedOut` with reason `expired` when the code expired meanwhile, without a request);
 * a signed-in session refreshes at once if the token became due while the app was down.
 *
 * @throws DeviceAuthError `CONFIGURATION` naming what is wrong with the snapshot (corrupt,
 *   another machine's, a stopped actor); start a new session with `createSession` instead.
 */
export function resumeSession(persisted: unknown, options: ResumeSessionOptions): Session {
  const snapshot = prepareSessionSnapshot(persisted);
  const now = options.now ?? Date.now;
  const child = (snapshot.children as Json)[DEVICE_AUTH_CHILD_ID];
  const childSnapshot = isObject(child) ? (child.snapshot as Parameters<typeof codesOf>[0] | undefined) : undefined;
  // The services never handed out the child's device code: keep it out of their errors too.
  const services = sessionServicesKnowingSecrets(options.services, [childSnapshot?.context.codes?.deviceCode]);
  const actor = createActor(providedSessionMachine(services), { snapshot: snapshot as unknown as Snapshot<unknown> });
  const reading = now();
  const { onEvent } = options;
  if (onEvent !== undefined) {
    actor.on('*', onEvent);
    const codes = childSnapshot === undefined ? undefined : codesOf(childSnapshot);
    if (codes !== undefined && reading < codes.expiresAt) onEvent(codes);
  }
  actor.start();
  actor.send({ type: 'resume', now: reading });
  return sessionOf(actor, now);
}

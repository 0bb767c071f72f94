/**
 * Reads a session snapshot as the view sees it. While signing in, the device-auth child's
 * snapshot says where the flow stands; the session says what the commands do (`signIn`,
 * `cancel`) and, once back in `signedOut`, how the sign-in ended.
 */
import type { SnapshotFrom } from 'xstate';
import type { SessionMachine } from '../machines/session.machine.js';
import type { SignedOutReason } from '../machines/session.types.js';
import { readDeviceAuth, type DeviceAuthMachineSnapshot } from './device-auth-reading.js';
import {
  crashedReading,
  isLivePhase,
  NO_COMMANDS,
  plainReading,
  secretsOf,
  signInEndingOf,
  stoppedReading,
  type FlowNote,
  type FlowReading,
  type RetryNote,
} from './flow-reading.js';

/** A snapshot of the session machine. */
export type SessionMachineSnapshot = SnapshotFrom<SessionMachine>;

/** How a signed-out session reads when the last sign-in did not end it. */
function signedOutNote(reason: SignedOutReason | null): FlowNote {
  if (reason === 'signOut') return 'signedOut';
  if (reason === 'invalidGrant' || reason === 'tokenExpired') return 'sessionEnded';
  return null;
}

function signedOutReading(snapshot: SessionMachineSnapshot, secrets: readonly string[]): FlowReading {
  const { reason, error } = snapshot.context;
  const ending = signInEndingOf(reason);
  if (ending === undefined) return plainReading('idle', { ...NO_COMMANDS, start: true }, secrets, signedOutNote(reason));
  return {
    ...plainReading(ending, { ...NO_COMMANDS, restart: true }, secrets),
    error: ending === 'failed' && error !== null ? { code: error.code, message: error.message } : null,
  };
}

/**
 * The flow in progress: the child's phase and code, and `cancel` (the session takes it). A child
 * that just ended is read with the commands the session is about to offer (it leaves
 * `signingIn` on the child's ending), so the moment in between shows nothing else.
 */
function signingInReading(child: DeviceAuthMachineSnapshot | undefined, note: RetryNote | null, secrets: readonly string[]): FlowReading {
  const live = { ...NO_COMMANDS, cancel: true };
  if (child === undefined) return plainReading('requesting', live, secrets);
  const reading = readDeviceAuth(child, note);
  const all = [...secrets, ...reading.secrets];
  // The session sends the child `start` as it enters signingIn: an idle child is about to request.
  if (reading.phase === 'idle') return plainReading('requesting', live, all);
  if (isLivePhase(reading.phase)) return { ...reading, commands: live, secrets: all };
  return { ...reading, commands: { ...NO_COMMANDS, restart: reading.phase !== 'signedIn' }, secrets: all };
}

function activeReading(
  snapshot: SessionMachineSnapshot,
  child: DeviceAuthMachineSnapshot | undefined,
  note: RetryNote | null,
  secrets: readonly string[],
): FlowReading {
  if (snapshot.matches('signedOut')) return signedOutReading(snapshot, secrets);
  if (snapshot.matches('signingIn')) return signingInReading(child, note, secrets);
  if (snapshot.matches('storingToken') || snapshot.matches('signedIn') || snapshot.matches('refreshing')) {
    return plainReading('signedIn', NO_COMMANDS, secrets);
  }
  if (snapshot.matches('endingSession')) return plainReading('idle', NO_COMMANDS, secrets, 'sessionEnded');
  if (snapshot.matches('signingOut')) return plainReading('idle', NO_COMMANDS, secrets, 'signingOut');
  return plainReading('idle', NO_COMMANDS, secrets, 'loading');
}

/**
 * The view's reading of a session: `child` is the device-auth child's snapshot while signing
 * in, `note` the last `retry` event the session re-emitted.
 */
export function readSession(snapshot: SessionMachineSnapshot, child: DeviceAuthMachineSnapshot | undefined, note: RetryNote | null): FlowReading {
  const secrets = secretsOf(undefined, snapshot.context.token);
  if (snapshot.status === 'error') return crashedReading(snapshot.error, secrets);
  const reading = activeReading(snapshot, child, note, secrets);
  return snapshot.status === 'stopped' ? stoppedReading(reading) : reading;
}

/**
 * Reads a device-auth snapshot (the machine's state and context) as the view sees it. Pure: the
 * countdown is computed later from the absolute deadline read here.
 */
import type { SnapshotFrom } from 'xstate';
import type { DeviceAuthMachine } from '../machines/device-auth.machine.js';
import type { DeviceAuthContext } from '../machines/device-auth.types.js';
import {
  crashedReading,
  NO_COMMANDS,
  plainReading,
  secretsOf,
  signInEndingOf,
  stoppedReading,
  type FlowReading,
  type RetryNote,
  type ShownCode,
} from './flow-reading.js';
import type { SignInRetry } from './sign-in-view.types.js';

/** A snapshot of the device-auth machine. */
export type DeviceAuthMachineSnapshot = SnapshotFrom<DeviceAuthMachine>;

function shownCode(context: DeviceAuthContext): ShownCode | null {
  const { codes, expiresAt } = context;
  if (codes === null || expiresAt === null) return null;
  return {
    userCode: codes.userCode,
    verificationUrl: codes.verificationUrl,
    verificationUrlComplete: codes.verificationUrlComplete ?? null,
    expiresAt,
    pollIntervalSeconds: context.intervalMs / 1000,
  };
}

/**
 * The retry on show: the failures in a row, the reason of the matching `retry` event, and the
 * wait the machine chose (0 once the retried poll is in flight).
 */
function retryOf(context: DeviceAuthContext, polling: boolean, note: RetryNote | null): SignInRetry {
  const { failures, nextPollAt, now } = context;
  const waitMs = polling || nextPollAt === null || now === null ? 0 : nextPollAt - now;
  return {
    attempt: failures,
    reason: note !== null && note.attempt === failures ? note.reason : null,
    delaySeconds: Math.max(0, Math.ceil(waitMs / 1000)),
  };
}

function activeReading(snapshot: DeviceAuthMachineSnapshot, secrets: readonly string[], note: RetryNote | null): FlowReading {
  if (snapshot.matches('idle')) return plainReading('idle', { ...NO_COMMANDS, start: true }, secrets);
  const live = { ...NO_COMMANDS, cancel: true };
  if (snapshot.matches('requesting')) return plainReading('requesting', live, secrets);
  const ending = snapshot.hasTag('resting') ? signInEndingOf(snapshot.value) : undefined;
  if (ending !== undefined) {
    const error = ending === 'failed' ? snapshot.context.error : null;
    return {
      ...plainReading(ending, { ...NO_COMMANDS, restart: true }, secrets),
      error: error === null ? null : { code: error.code, message: error.message },
    };
  }
  // awaitingUser (waiting or polling) or slowingDown: a code is on show.
  const code = shownCode(snapshot.context);
  const slowed = snapshot.matches('slowingDown');
  const retrying = !slowed && snapshot.context.failures > 0;
  return {
    ...plainReading(slowed ? 'slowedDown' : retrying ? 'retrying' : 'showingCode', live, secrets),
    code,
    retry: retrying ? retryOf(snapshot.context, snapshot.matches({ awaitingUser: 'polling' }), note) : null,
  };
}

/**
 * The view's reading of a device-auth snapshot. `note` is the last `retry` event seen (the
 * machine keeps the failures' count in context, not their reason).
 */
export function readDeviceAuth(snapshot: DeviceAuthMachineSnapshot, note: RetryNote | null): FlowReading {
  const secrets = secretsOf(snapshot.context.codes?.deviceCode, snapshot.context.token);
  if (snapshot.status === 'error') return crashedReading(snapshot.error, secrets);
  if (snapshot.status === 'done') return plainReading('signedIn', NO_COMMANDS, secrets);
  const reading = activeReading(snapshot, secrets, note);
  return snapshot.status === 'stopped' ? stoppedReading(reading) : reading;
}

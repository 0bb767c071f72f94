/**
 * What the view reads from an actor before it becomes a snapshot: the phase, the code on show,
 * the retry, the error, what the commands would do, and the secrets the actor holds (kept only
 * to scrub them from messages). Internal: readings never leave the view.
 */
import { DeviceAuthError, type DeviceAuthErrorCode } from '../core/errors.js';
import type { DeviceToken } from '../core/token.js';
import type { RetryReason } from '../machines/device-auth.types.js';
import type { SignInEnding } from '../machines/session.types.js';
import type { SignInPhase, SignInRetry } from './sign-in-view.types.js';

/** Which commands the actor would take now. */
export interface FlowCommands {
  readonly start: boolean;
  readonly cancel: boolean;
  readonly restart: boolean;
}

/** The code on show and its timing (only in the phases that show a code). */
export interface ShownCode {
  readonly userCode: string;
  readonly verificationUrl: string;
  readonly verificationUrlComplete: string | null;
  /** The client's deadline, ms since the epoch. */
  readonly expiresAt: number;
  readonly pollIntervalSeconds: number;
}

/** Which variant of a phase's message applies (a session's idle has several). */
export type FlowNote = 'loading' | 'signedOut' | 'sessionEnded' | 'signingOut' | 'stopped' | null;

/** The last `retry` event seen, to name the reason of the retry the snapshot shows. */
export interface RetryNote {
  readonly attempt: number;
  readonly reason: RetryReason;
}

/** Everything a snapshot is made from. */
export interface FlowReading {
  readonly phase: SignInPhase;
  readonly code: ShownCode | null;
  readonly retry: SignInRetry | null;
  readonly error: { readonly code: DeviceAuthErrorCode; readonly message: string } | null;
  readonly note: FlowNote;
  readonly commands: FlowCommands;
  /** The device code and tokens the actor holds: never shown, scrubbed from every message. */
  readonly secrets: readonly string[];
}

/** No command applies. */
export const NO_COMMANDS: FlowCommands = { start: false, cancel: false, restart: false };

/** A reading with nothing on show. */
export function plainReading(
  phase: SignInPhase,
  commands: FlowCommands,
  secrets: readonly string[],
  note: FlowNote = null,
): FlowReading {
  return { phase, code: null, retry: null, error: null, note, commands, secrets };
}

/** The secrets among the given device code and tokens. */
export function secretsOf(deviceCode: string | undefined, ...tokens: Array<DeviceToken | null | undefined>): string[] {
  const secrets = deviceCode === undefined ? [] : [deviceCode];
  for (const token of tokens) {
    if (token === null || token === undefined) continue;
    secrets.push(token.accessToken);
    if (token.refreshToken !== undefined) secrets.push(token.refreshToken);
  }
  return secrets;
}

/** The reading of an actor that crashed (`status: 'error'`): failed, with what it threw. */
export function crashedReading(error: unknown, secrets: readonly string[]): FlowReading {
  const known = error instanceof DeviceAuthError;
  const message = error instanceof Error ? error.message : String(error);
  return { ...plainReading('failed', NO_COMMANDS, secrets), error: { code: known ? error.code : 'UNEXPECTED', message } };
}

const SIGN_IN_ENDINGS: readonly SignInEnding[] = ['denied', 'expired', 'alreadyUsed', 'invalidCode', 'failed', 'cancelled'];

/** `value` as a way a sign-in ends without a token (a resting state, a signed-out reason), or `undefined`. */
export function signInEndingOf(value: unknown): SignInEnding | undefined {
  return SIGN_IN_ENDINGS.find((ending) => ending === value);
}

const LIVE_PHASES: ReadonlySet<SignInPhase> = new Set(['requesting', 'showingCode', 'slowedDown', 'retrying']);

/** True in the phases of a flow in progress (requesting, or a code on show), which `cancel` stops. */
export function isLivePhase(phase: SignInPhase): boolean {
  return LIVE_PHASES.has(phase);
}

/**
 * The reading of a stopped actor: it takes no command any more, and a flow stopped midway shows
 * as `cancelled` (nothing ticks, nothing is on show). Endings keep their phase and message.
 */
export function stoppedReading(reading: FlowReading): FlowReading {
  if (isLivePhase(reading.phase)) return plainReading('cancelled', NO_COMMANDS, reading.secrets, 'stopped');
  if (reading.phase === 'idle') return plainReading('idle', NO_COMMANDS, reading.secrets, 'stopped');
  return { ...reading, commands: NO_COMMANDS };
}

/**
 * What a login screen must handle. Three views implement it: a live terminal screen, plain
 * lines for pipes and logs, and JSON lines for programs.
 */
import type { DeviceAuthEmitted } from '../../index.js';
import type { DeviceAuthError } from '../../index.js';
import type { DeviceToken } from '../../index.js';
import type { InterruptSignal } from '../signals.js';
import { safeText } from './safe-text.js';

/** How a login ended, as the views report it. */
export type LoginResult =
  | { state: 'authorized'; token: DeviceToken; tokenFile: string }
  | { state: 'denied' | 'expired' | 'alreadyUsed' | 'invalidCode' }
  /** Cancelled by a signal (`undefined`: Ctrl-C). */
  | { state: 'cancelled'; signal?: InterruptSignal | undefined }
  | { state: 'failed'; error: DeviceAuthError };

/** A login screen. */
export interface LoginView {
  /** Every event the machine emits except `authorized`, which arrives as {@link LoginView.finish} once the token is saved. */
  event(event: Exclude<DeviceAuthEmitted, { type: 'authorized' }>): void;
  /** The flow ended; print the result. */
  finish(result: LoginResult): void;
  /** A line from the narrator (the demo playing the person), printed without breaking the screen. */
  note(line: string): void;
  /** Stop timers (the live countdown). */
  dispose(): void;
}

/** Messages for the endings, shared by the human views. */
export const ENDING_MESSAGES = {
  denied: 'The sign-in was declined on the verification page.',
  expired: 'The code expired before it was approved. Run the command again for a new code.',
  alreadyUsed: 'This code was already used. Run the command again for a new code.',
  invalidCode: 'The server does not know this code. Run the command again.',
  cancelled: 'Cancelled. Nothing was saved.',
} as const;

/**
 * The one line a human view prints (on stderr) for a login that did not sign in: the failure's
 * message made inert with {@link safeText} (it may quote the server), or the ending's message;
 * a cancel by SIGTERM or SIGHUP names the signal.
 */
export function endingLine(result: Exclude<LoginResult, { state: 'authorized' }>): string {
  if (result.state === 'failed') return `Sign-in failed: ${safeText(result.error.message)}`;
  if (result.state === 'cancelled' && result.signal !== undefined && result.signal !== 'SIGINT') {
    return `Cancelled by ${result.signal}. Nothing was saved.`;
  }
  return ENDING_MESSAGES[result.state];
}

/** `m:ss` for a countdown. */
export function formatCountdown(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  return `${Math.floor(total / 60)}:${String(total % 60).padStart(2, '0')}`;
}

/** A duration for people: `500 ms`, `5 s`, `1.5 s`. */
export function formatSeconds(seconds: number): string {
  if (seconds < 1) return `${Math.round(seconds * 1000)} ms`;
  return `${Number(seconds.toFixed(1))} s`;
}

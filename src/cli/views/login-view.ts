/**
 * What a login screen must handle. Three views implement it: a live terminal screen, plain
 * lines for pipes and logs, and JSON lines for programs.
 */
import type { DeviceAuthEmitted } from '../../index.js';
import type { DeviceAuthError } from '../../index.js';
import type { DeviceToken } from '../../index.js';

/** How a login ended, as the views report it. */
export type LoginResult =
  | { state: 'authorized'; token: DeviceToken; tokenFile: string }
  | { state: 'denied' | 'expired' | 'alreadyUsed' | 'invalidCode' | 'cancelled' }
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

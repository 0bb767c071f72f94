/**
 * Turns a reading into the frozen snapshot a UI sees, at a given clock reading, and tells
 * whether two snapshots show the same thing (so the store keeps the old object when nothing
 * changed).
 */
import type { FlowReading } from './flow-reading.js';
import type { SignInRetry, SignInViewSnapshot } from './sign-in-view.types.js';
import { messageOf } from './view-messages.js';

/** Whole seconds from `now` to `deadline`, rounded up, never below 0. */
export function secondsUntil(deadline: number, now: number): number {
  return Math.max(0, Math.ceil((deadline - now) / 1000));
}

/** The snapshot of `reading` at `now`, its message scrubbed of `secrets`; frozen, nested objects too. */
export function toViewSnapshot(reading: FlowReading, now: number, secrets: Iterable<string>): SignInViewSnapshot {
  const { code, retry } = reading;
  return Object.freeze({
    phase: reading.phase,
    message: messageOf(reading, secrets),
    userCode: code?.userCode ?? null,
    verificationUrl: code?.verificationUrl ?? null,
    verificationUrlComplete: code?.verificationUrlComplete ?? null,
    secondsLeft: code === null ? null : secondsUntil(code.expiresAt, now),
    pollIntervalSeconds: code?.pollIntervalSeconds ?? null,
    retry: retry === null ? null : Object.freeze({ ...retry }),
    errorCode: reading.error?.code ?? null,
    canStart: reading.commands.start,
    canCancel: reading.commands.cancel,
    canRestart: reading.commands.restart,
  });
}

function sameRetry(a: SignInRetry | null, b: SignInRetry | null): boolean {
  if (a === null || b === null) return a === b;
  return a.attempt === b.attempt && a.reason === b.reason && a.delaySeconds === b.delaySeconds;
}

/** True when `a` and `b` show the same thing, field by field. */
export function sameView(a: SignInViewSnapshot, b: SignInViewSnapshot): boolean {
  return (
    a.phase === b.phase &&
    a.message === b.message &&
    a.userCode === b.userCode &&
    a.verificationUrl === b.verificationUrl &&
    a.verificationUrlComplete === b.verificationUrlComplete &&
    a.secondsLeft === b.secondsLeft &&
    a.pollIntervalSeconds === b.pollIntervalSeconds &&
    sameRetry(a.retry, b.retry) &&
    a.errorCode === b.errorCode &&
    a.canStart === b.canStart &&
    a.canCancel === b.canCancel &&
    a.canRestart === b.canRestart
  );
}

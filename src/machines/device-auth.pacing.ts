/**
 * Pure pacing arithmetic of the device-auth machine (RFC 8628 §3.4–3.5, Trakt device flow).
 * All values are milliseconds; absolute values are milliseconds since the epoch.
 */
import type { DeviceAuthContext, DeviceCodeResult } from './device-auth.types.js';

type Pacing = Pick<DeviceAuthContext, 'intervalMs' | 'maxBackoffMs' | 'slowDownStepMs'>;

/**
 * How long to wait before the next poll: until `nextPollAt`, but never past the client's own
 * deadline `expiresAt` (so the machine wakes up exactly when the codes expire), and never negative.
 */
export function pollDelayMs(context: Pick<DeviceAuthContext, 'nextPollAt' | 'expiresAt' | 'now'>): number {
  const { nextPollAt, expiresAt, now } = context;
  if (nextPollAt === null || expiresAt === null || now === null) return 0;
  return Math.max(0, Math.min(nextPollAt, expiresAt) - now);
}

/**
 * True when the poll that {@link pollDelayMs} waits for would start at or after the deadline:
 * either it is scheduled past `expiresAt`, or the clock already passed `expiresAt` (a slow
 * answer, or a snapshot resumed after the codes expired). Nothing is sent then.
 */
export function isPastDeadline(context: Pick<DeviceAuthContext, 'nextPollAt' | 'expiresAt' | 'now'>): boolean {
  const { nextPollAt, expiresAt, now } = context;
  if (nextPollAt === null || expiresAt === null) return true;
  return nextPollAt >= expiresAt || (now !== null && now >= expiresAt);
}

/**
 * After "pending": one interval after the answer arrived. Counting from the answer rather than
 * from when the poll was sent is what keeps every poll at least one interval after the previous
 * one *at the server* (RFC 8628 §3.5): the server saw the previous poll before it answered, while a
 * poll whose sending was delayed (a busy event loop, a slow connection) would make the next one,
 * sent on time, arrive early. The cost is one round trip per poll.
 */
export function nextPollAfterPending(context: Pacing, receivedAt: number): number {
  return receivedAt + context.intervalMs;
}

/**
 * The first poll: one interval after the codes arrived. When that would fall at or after the
 * deadline (an interval as long as the lifetime or longer, or a slow answer), the one poll the
 * codes allow is sent {@link LAST_CHANCE_MARGIN_MS} (at most half the time left) before the
 * deadline, so a person who approves in time is signed in. Codes that arrive after their deadline
 * get no poll (the result is past the deadline).
 */
export function firstPollAt(receivedAt: number, intervalMs: number, expiresAt: number): number {
  const due = receivedAt + intervalMs;
  const left = expiresAt - receivedAt;
  if (due < expiresAt || left <= 0) return due;
  return expiresAt - Math.min(LAST_CHANCE_MARGIN_MS, left / 2);
}

/** How long before the deadline the one poll of codes whose interval outlasts them is sent. */
export const LAST_CHANCE_MARGIN_MS = 1_000;

/**
 * A slow-down answer adds the step (5 s) to the interval for this and every later poll,
 * cumulatively. A server that names a new interval (GitHub) gets at least that. The interval
 * never exceeds {@link MAX_CODE_LIFETIME_MS} (no code lives longer; it keeps the numbers finite).
 */
export function withIntervalIncreased(context: Pacing, serverIntervalSeconds: number | undefined): Pacing {
  const increased = context.intervalMs + context.slowDownStepMs;
  const server = Number.isFinite(serverIntervalSeconds) ? serverIntervalSeconds! * 1000 : 0;
  return { ...context, intervalMs: Math.min(MAX_CODE_LIFETIME_MS, Math.max(increased, server)) };
}

/** After a slow-down: one (increased) interval after the answer, and at least its `Retry-After`. */
export function nextPollAfterSlowDown(context: Pacing, receivedAt: number, retryAfterMs: number | undefined): number {
  return receivedAt + Math.max(context.intervalMs, retryAfterMs ?? 0);
}

/**
 * Exponential backoff after the n-th consecutive transient failure (network error, timeout, 5xx):
 * interval × 2ⁿ, capped at `maxBackoffMs` but never below the interval (RFC 8628 §3.5).
 */
export function backoffDelayMs(context: Pacing, failures: number): number {
  const doubled = context.intervalMs * 2 ** failures;
  return Math.max(context.intervalMs, Math.min(context.maxBackoffMs, doubled));
}

/**
 * The longest code lifetime the machine paces: timers cannot be armed for longer (Node fires a
 * `setTimeout` above 2³¹−1 ms at once, which would poll in a loop). Real codes live minutes.
 */
export const MAX_CODE_LIFETIME_MS = 2 ** 31 - 1;

/**
 * True when a `requestDeviceCode` result can be paced: non-empty codes, a verification URL, and
 * finite positive `expiresIn` and `interval` (a zero or missing interval would poll in a busy loop,
 * a NaN deadline would never expire), both no longer than a timer can be armed for
 * ({@link MAX_CODE_LIFETIME_MS}). An interval longer than the lifetime is fine: see
 * {@link firstPollAt}. The bundled dialects validate answers before this; the check protects the
 * machine from custom services.
 */
export function isUsableCodeResult(result: unknown): boolean {
  const { codes, receivedAt } = (result ?? {}) as Partial<DeviceCodeResult>;
  const positive = (n: unknown) => typeof n === 'number' && Number.isFinite(n) && n > 0;
  const text = (x: unknown) => typeof x === 'string' && x.length > 0;
  return (
    codes !== undefined &&
    codes !== null &&
    text(codes.deviceCode) &&
    text(codes.userCode) &&
    text(codes.verificationUrl) &&
    positive(codes.expiresIn) &&
    positive(codes.interval) &&
    (codes.expiresIn as number) * 1000 <= MAX_CODE_LIFETIME_MS &&
    (codes.interval as number) * 1000 <= MAX_CODE_LIFETIME_MS &&
    typeof receivedAt === 'number' &&
    Number.isFinite(receivedAt)
  );
}

/**
 * Checking and preparing a persisted device-auth snapshot (`actor.getPersistedSnapshot()`,
 * usually read back from disk or Web Storage) before it is restored.
 *
 * Why a preparation step: XState v5 does not persist pending delayed events
 * (statelyai/xstate#5331), and it restarts an in-flight `fromPromise` child on restore, which
 * would send the token poll again at once, even after the codes expired. So a snapshot taken
 * while a poll was in flight is turned back into "waiting for the next poll", with that poll
 * scheduled one interval after the lost one started (it may have reached the server, and
 * polling sooner earns a `slow_down`; Trakt "poll at the correct interval", RFC 8628 §3.5).
 * The `resume` event then re-arms the timer from the absolute deadlines, so the flow keeps the
 * same user code, the original `expires_in` deadline, and sends nothing at or after it.
 */
import type { DeviceAuthContext, DeviceCodes } from '../../machines/device-auth.types.js';
import { DeviceAuthError, type DeviceAuthErrorCode } from '../../core/errors.js';
import { describeInvalidToken } from '../stores/token-store.js';
import type { DeviceToken } from '../../core/token.js';

/** The states a device-auth snapshot can be in, as dotted paths. */
export const DEVICE_AUTH_STATES = [
  'idle',
  'requesting',
  'awaitingUser.waiting',
  'awaitingUser.polling',
  'slowingDown',
  'authorized',
  'denied',
  'expired',
  'alreadyUsed',
  'invalidCode',
  'failed',
  'cancelled',
] as const;

/** One of {@link DEVICE_AUTH_STATES}. */
export type DeviceAuthStatePath = (typeof DEVICE_AUTH_STATES)[number];

/** A persisted device-auth snapshot that passed {@link parseDeviceAuthSnapshot}. */
export interface PersistedDeviceAuthSnapshot {
  status: 'active' | 'done';
  value: string | Record<string, string>;
  context: DeviceAuthContext;
  children: Record<string, unknown>;
  [key: string]: unknown;
}

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const isNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);
const isText = (value: unknown): value is string => typeof value === 'string' && value.length > 0;

function invalid(detail: string): DeviceAuthError {
  return new DeviceAuthError('CONFIGURATION', `Cannot resume the device flow: ${detail}`);
}

/** The dotted path of a state value (`{ awaitingUser: 'waiting' }` → `awaitingUser.waiting`). */
export function statePath(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (!isObject(value)) return undefined;
  const entries = Object.entries(value);
  if (entries.length !== 1) return undefined;
  const [key, child] = entries[0]!;
  const rest = statePath(child);
  return rest === undefined ? undefined : `${key}.${rest}`;
}

function checkCodes(codes: unknown): DeviceCodes | null {
  if (codes === null) return null;
  if (!isObject(codes)) throw invalid('"context.codes" must be null or an object.');
  for (const field of ['deviceCode', 'userCode', 'verificationUrl'] as const) {
    if (!isText(codes[field])) throw invalid(`"context.codes.${field}" must be a non-empty string.`);
  }
  for (const field of ['expiresIn', 'interval'] as const) {
    const value = codes[field];
    if (!isNumber(value) || value <= 0) throw invalid(`"context.codes.${field}" must be a positive number.`);
  }
  if (codes.verificationUrlComplete !== undefined && !isText(codes.verificationUrlComplete)) {
    throw invalid('"context.codes.verificationUrlComplete" must be a non-empty string when present.');
  }
  return codes as unknown as DeviceCodes;
}

function checkToken(token: unknown): DeviceToken | null {
  if (token === null) return null;
  if (!isObject(token)) throw invalid('"context.token" must be null or an object.');
  const problem = describeInvalidToken(token as unknown as DeviceToken);
  if (problem !== undefined) throw invalid(`"context.token": ${problem}.`);
  return token as unknown as DeviceToken;
}

/** A `DeviceAuthError` again: JSON keeps only `{ name, code, message, status }` of one. */
function reviveError(error: unknown): DeviceAuthError | null {
  if (error === null || error === undefined) return null;
  if (error instanceof DeviceAuthError) return error;
  if (!isObject(error) || !isText(error.code) || typeof error.message !== 'string') {
    throw invalid('"context.error" must be null or an error with a code and a message.');
  }
  return new DeviceAuthError(error.code as DeviceAuthErrorCode, error.message, isNumber(error.status) ? { status: error.status } : {});
}

function checkContext(context: unknown): DeviceAuthContext {
  if (!isObject(context)) throw invalid('"context" is missing.');
  for (const field of ['slowDownStepMs', 'maxBackoffMs', 'intervalMs', 'attempt', 'failures'] as const) {
    if (!isNumber(context[field]) || (context[field] as number) < 0) throw invalid(`"context.${field}" must be a number >= 0.`);
  }
  for (const field of ['expiresAt', 'nextPollAt', 'now'] as const) {
    if (context[field] !== null && !isNumber(context[field])) throw invalid(`"context.${field}" must be null or a number.`);
  }
  const { lastPollStartedAt } = context;
  if (lastPollStartedAt !== undefined && lastPollStartedAt !== null && !isNumber(lastPollStartedAt)) {
    throw invalid('"context.lastPollStartedAt" must be null or a number when present.');
  }
  return {
    slowDownStepMs: context.slowDownStepMs as number,
    maxBackoffMs: context.maxBackoffMs as number,
    codes: checkCodes(context.codes),
    expiresAt: context.expiresAt as number | null,
    intervalMs: context.intervalMs as number,
    nextPollAt: context.nextPollAt as number | null,
    now: context.now as number | null,
    // Absent from snapshots persisted before it was recorded.
    lastPollStartedAt: context.lastPollStartedAt === undefined ? null : (context.lastPollStartedAt as number | null),
    attempt: context.attempt as number,
    failures: context.failures as number,
    token: checkToken(context.token),
    error: reviveError(context.error),
  };
}

/**
 * Checks that `value` is a persisted snapshot of the device-auth machine that can be resumed,
 * field by field, and returns it with its error revived as a {@link DeviceAuthError}.
 *
 * @throws DeviceAuthError `CONFIGURATION` naming what is wrong: not an object, a snapshot of
 *   another machine (unknown state), a stopped or crashed actor, a missing or malformed field.
 */
export function parseDeviceAuthSnapshot(value: unknown): PersistedDeviceAuthSnapshot {
  if (!isObject(value)) throw invalid('the persisted snapshot is not an object.');
  if (value.status !== 'active' && value.status !== 'done') {
    throw invalid(`the persisted actor is "${String(value.status)}", not active or done; start a new flow.`);
  }
  const path = statePath(value.value);
  if (path === undefined || !(DEVICE_AUTH_STATES as readonly string[]).includes(path)) {
    throw invalid(`unknown state ${JSON.stringify(value.value)}: this is not a device-auth snapshot.`);
  }
  const context = checkContext(value.context);
  const children = value.children ?? {};
  if (!isObject(children)) throw invalid('"children" must be an object.');
  const waiting = path.startsWith('awaitingUser') || path === 'slowingDown';
  if (waiting && (context.codes === null || context.expiresAt === null || context.nextPollAt === null)) {
    throw invalid(`state "${path}" needs "context.codes", "context.expiresAt" and "context.nextPollAt".`);
  }
  if (path === 'requesting' && !isObject(children.requestDeviceCode)) {
    throw invalid('state "requesting" has no device-code request to restart.');
  }
  if (path === 'authorized' && (context.token === null || value.status !== 'done')) {
    throw invalid('state "authorized" must be done and hold the token.');
  }
  return { ...value, status: value.status, value: value.value as string | Record<string, string>, context, children };
}

/**
 * Prepares a checked snapshot for restoring: a poll that was in flight is not restarted by
 * XState (it would go out at once, even past the deadline); the flow instead waits for the next
 * poll, due one interval after the lost one started. Every other state is returned as it is.
 */
export function prepareDeviceAuthSnapshot(snapshot: PersistedDeviceAuthSnapshot): PersistedDeviceAuthSnapshot {
  if (statePath(snapshot.value) !== 'awaitingUser.polling') return snapshot;
  const { context } = snapshot;
  const { pollToken: _lostPoll, ...children } = snapshot.children;
  // Checked by parseDeviceAuthSnapshot: a flow awaiting the user has its deadlines and a clock reading.
  // The lost poll started no earlier than it was due nor than the last reading; when the services
  // reported its start (`pollStarted`; a timer that fired late starts it later), exactly then. An
  // earlier poll's start is before nextPollAt, so the largest of the three is the lost poll's.
  const lostPollStartedAt = Math.max(
    context.nextPollAt!,
    context.now ?? context.nextPollAt!,
    context.lastPollStartedAt ?? context.nextPollAt!,
  );
  return {
    ...snapshot,
    value: { awaitingUser: 'waiting' },
    children,
    context: { ...context, nextPollAt: lostPollStartedAt + context.intervalMs },
  };
}

/**
 * The contract between the device-auth statechart and the services that talk HTTP.
 * The machine knows only these shapes: codes, poll outcomes and the timestamps the services
 * read from their clock. It never sees a status code (docs/architecture.md, "the machine decides;
 * services talk").
 */
import type { DeviceAuthError } from '../core/errors.js';
import type { DeviceToken } from '../core/token.js';

/** The codes of one device authorization (Trakt `/oauth/device/code`, RFC 8628 §3.2). */
export interface DeviceCodes {
  /** The code the device polls with. Secret: never shown, never logged. */
  deviceCode: string;
  /** The short code the person types on the verification page. */
  userCode: string;
  /** Where the person goes (Trakt `verification_url`, RFC 8628 `verification_uri`). */
  verificationUrl: string;
  /** The verification page with the code pre-filled (RFC 8628 `verification_uri_complete`), for QR codes. */
  verificationUrlComplete?: string;
  /** Lifetime of the codes in seconds. */
  expiresIn: number;
  /** Minimum seconds between two polls (RFC 8628 default 5 when the server sends none). */
  interval: number;
  /**
   * The interval the server sent, when it was below the services' floor (1 s; 1 ms for a server
   * on loopback) and `interval` holds the raised value. Absent when the server's interval is used.
   */
  intervalRaisedFrom?: number;
}

/** What `requestDeviceCode` resolves with: the codes and the clock readings around the request. */
export interface DeviceCodeResult {
  codes: DeviceCodes;
  /** Milliseconds since the epoch, read from the services' clock when the answer arrived. */
  receivedAt: number;
  /**
   * When the request was sent. The codes' lifetime is counted from here, so a slow answer never
   * pushes the client's deadline past the server's. Defaults to `receivedAt`.
   */
  startedAt?: number;
}

/**
 * One poll's classified answer. Dialects turn status codes and bodies into exactly one of these.
 * `slowDown` and `transient` may carry the server's `Retry-After` in milliseconds.
 */
export type PollOutcome =
  | { type: 'authorized'; token: DeviceToken }
  | { type: 'pending' }
  | { type: 'slowDown'; retryAfterMs?: number; intervalSeconds?: number }
  | { type: 'denied' }
  | { type: 'expired' }
  | { type: 'alreadyUsed' }
  | { type: 'invalidCode' }
  | { type: 'transient'; error: DeviceAuthError; retryAfterMs?: number }
  | { type: 'fatal'; error: DeviceAuthError };

/** What `pollToken` resolves with: the outcome and when the request started and was answered. */
export interface PollResult {
  outcome: PollOutcome;
  /** Milliseconds since the epoch when the request was sent; polls are paced from this. */
  startedAt: number;
  /** Milliseconds since the epoch when the answer (or the failure) arrived. */
  receivedAt: number;
}

/** Input of the `pollToken` actor. */
export interface PollTokenInput {
  deviceCode: string;
  /**
   * The client's deadline (ms since the epoch). A service must not send at or after it and
   * answers `expired` instead: a timer that fires late (a sleeping laptop, a busy event loop)
   * must not produce a poll after the codes expired.
   */
  expiresAt: number;
  /**
   * When the poll is due (ms since the epoch). A timer may fire a little early (Node's loop clock
   * is read once per turn); a service waits out such a small difference, so no poll reaches the
   * server before its interval has passed.
   */
  notBefore?: number | undefined;
}

/** Tunable pacing of the machine, given as actor input. All optional. */
export interface DeviceAuthInput {
  /** Seconds added to the interval on every slow-down answer (RFC 8628 §3.5: 5). */
  slowDownStepSeconds?: number;
  /** Cap for the exponential backoff after network errors, timeouts and 5xx, in ms (default 60 000). */
  maxBackoffMs?: number;
}

/** Why a retry was scheduled. */
export type RetryReason = DeviceAuthError['code'];

/**
 * Events the machine emits for UIs (`actor.on(type, handler)`). Intervals are in seconds,
 * durations that end in `Ms` in milliseconds, and `...At` values are milliseconds since the epoch.
 */
export type DeviceAuthEmitted =
  | {
      type: 'codes';
      userCode: string;
      verificationUrl: string;
      verificationUrlComplete?: string;
      expiresAt: number;
      /** Seconds between polls. */
      interval: number;
      /**
       * Present when the server asked for a shorter interval than the services allow (say, 0 or
       * 0.001 s) and `interval` was raised: the server's value, in seconds.
       */
      intervalRaisedFrom?: number;
    }
  | { type: 'poll'; attempt: number }
  | { type: 'pending'; attempt: number; nextPollAt: number }
  | { type: 'slowDown'; interval: number; retryAfter?: number; nextPollAt: number }
  | { type: 'retry'; attempt: number; delayMs: number; reason: RetryReason; message: string }
  | { type: 'authorized'; token: DeviceToken }
  | { type: 'denied' }
  | { type: 'expired' }
  | { type: 'alreadyUsed' }
  | { type: 'invalidCode' }
  | { type: 'failed'; error: DeviceAuthError }
  | { type: 'cancelled' };

/** Events the machine accepts. */
export type DeviceAuthEvent =
  | { type: 'start' }
  | { type: 'cancel' }
  | { type: 'restart' }
  /** Sent by {@link resumeDeviceAuth}-style helpers after restoring a snapshot: re-arms timers. */
  | { type: 'resume'; now: number }
  /**
   * Sent by the `pollToken` actor to the machine as its request goes out, with the clock reading
   * then (`startedAt` of its result). Recorded so that a snapshot persisted while the poll is in
   * flight knows when the lost poll started: the resumed flow waits one interval after it.
   */
  | { type: 'pollStarted'; at: number };

/** The machine's context. Every deadline is absolute (ms since the epoch) so snapshots can be resumed. */
export interface DeviceAuthContext {
  slowDownStepMs: number;
  maxBackoffMs: number;
  /** The current codes; `null` before the first answer. */
  codes: DeviceCodes | null;
  /** Client-side deadline: nothing is sent at or after it. */
  expiresAt: number | null;
  /** Current poll interval in ms (grows on slow-down). */
  intervalMs: number;
  /** When the next poll may start. */
  nextPollAt: number | null;
  /** The latest clock reading the services reported; delays are computed from it. */
  now: number | null;
  /**
   * When the latest poll of this flow went out, as the services reported it (`pollStarted`, or the
   * poll's `startedAt`); `null` before the first one (or when the services do not report it).
   */
  lastPollStartedAt: number | null;
  /** Polls sent in this flow. */
  attempt: number;
  /** Consecutive transient failures (network, timeout, 5xx); 0 after any good answer. */
  failures: number;
  /** The token, once authorized. */
  token: DeviceToken | null;
  /** The error, once failed. */
  error: DeviceAuthError | null;
}

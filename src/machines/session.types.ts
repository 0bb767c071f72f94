/**
 * The contract between the session statechart and the services that touch the token store and
 * the token endpoints (Trakt `POST /oauth/token` and `/oauth/revoke`, RFC 6749 §6 refresh,
 * RFC 7009 revocation). Like the device-auth machine, the session machine knows only these
 * shapes and the clock readings the services report; it never sees a status code or a store.
 */
import type { DeviceAuthError, DeviceAuthErrorCode } from '../core/errors.js';
import type { DeviceToken } from '../core/token.js';
import type { DeviceAuthEmitted, DeviceAuthInput } from './device-auth.types.js';

/** What `loadToken` resolves with: the stored token (if any) and the clock reading after the read. */
export interface LoadTokenResult {
  /** The stored token, or `undefined` when nothing (or nothing readable) is stored. */
  token: DeviceToken | undefined;
  /** Milliseconds since the epoch, read from the services' clock once the store answered. */
  loadedAt: number;
}

/** Input of the actors that act on one token (`saveToken`, `refreshToken`, `revokeToken`). */
export interface TokenInput {
  token: DeviceToken;
}

/**
 * Input of `clearToken`. With `expected`, the store is cleared only while it still holds that
 * pair (compare-before-delete): the session ended by itself (`invalid_grant`, expiry) and must
 * not delete a pair another process stored meanwhile. Without it (the person signs out), whatever
 * is stored is removed.
 */
export interface ClearTokenInput {
  expected?: DeviceToken;
}

/**
 * What `saveToken` and `clearToken` resolve with. They never reject for a store failure: the
 * failure is a value, so the machine keeps the token it holds and decides what to do.
 */
export type StoreResult =
  | { ok: true; /** Clock reading after the write, ms since the epoch. */ at: number }
  | { ok: false; at: number; /** A `STORE` error (or whatever the store threw, wrapped). */ error: DeviceAuthError };

/**
 * One refresh attempt, classified (Trakt "Tokens after approval", RFC 6749 §5.2 and §6).
 *
 * - `refreshed`: the server issued a new pair. The services wrote it to the store **before**
 *   resolving; `saved: false` says that write failed (the pair is kept in the machine's context
 *   and the write is retried: the old refresh token is already dead server-side).
 * - `adopted`: the store held a different pair than the one the session had (another process or
 *   session refreshed or signed in; compared by access and refresh token, not `created_at`),
 *   either before the request (none was sent) or after an `invalid_grant`.
 * - `invalidGrant`: the refresh token was refused (400/401 `invalid_grant`): sign in again.
 * - `failed`: anything else (network, timeout, 5xx, 429, unexpected answer): retried with backoff.
 */
export type RefreshResult =
  | { type: 'refreshed'; token: DeviceToken; saved: true; receivedAt: number }
  | { type: 'refreshed'; token: DeviceToken; saved: false; storeError: DeviceAuthError; receivedAt: number }
  | { type: 'adopted'; token: DeviceToken; receivedAt: number }
  | { type: 'invalidGrant'; error: DeviceAuthError; receivedAt: number }
  | { type: 'failed'; error: DeviceAuthError; retryAfterMs?: number; receivedAt: number };

/** What `revokeToken` resolves with. A failed revoke is a value: the store is cleared anyway. */
export type RevokeResult = { ok: true } | { ok: false; error: DeviceAuthError };

/** Tunable timing of the session, given as actor input. All optional. */
export interface SessionInput {
  /**
   * Refresh this long before the access token expires (`created_at + expires_in`), in ms.
   * Default {@link DEFAULT_REFRESH_MARGIN_MS} (24 h). Never more than half the token's lifetime,
   * so short-lived tokens are not refreshed in a loop.
   */
  refreshMarginMs?: number | undefined;
  /** First delay after a failed refresh or store write, doubled on each failure (default 10 s). */
  retryBaseMs?: number | undefined;
  /** Cap of that exponential backoff, in ms (default 10 min). */
  maxRetryMs?: number | undefined;
  /** Pacing options of the device-auth child started by `signIn`. */
  deviceAuth?: DeviceAuthInput | undefined;
}

/** Why a sign-in attempt ended without a token: the device flow's resting state, or `cancel`. */
export type SignInEnding = 'denied' | 'expired' | 'alreadyUsed' | 'invalidCode' | 'failed' | 'cancelled';

/** Why a signed-in session ended without the person asking. */
export type SessionEndReason =
  /** The server refused the refresh token (`invalid_grant`): the person must sign in again. */
  | 'invalidGrant'
  /** The access token expired and there is no refresh token to renew it. */
  | 'tokenExpired';

/** Why the session is (back) in `signedOut`; `null` before anything happened. */
export type SignedOutReason =
  /** Nothing was stored at start. */
  | 'noToken'
  /** The store could not be read at start (the stored data is left untouched). */
  | 'storeUnreadable'
  /** The person signed out. */
  | 'signOut'
  | SessionEndReason
  | SignInEnding;

/** A store operation that failed, as reported by `storeFailed`. */
export type StoreOperation = 'load' | 'save' | 'clear';

/**
 * Events the session emits for UIs (`actor.on(type, handler)`), besides every event of the
 * device-auth child while signing in (`codes`, `poll`, `pending`, `slowDown`, `retry`,
 * `authorized`, `denied`, `expired`, ...), which are re-emitted unchanged.
 * `...At` values are ms since the epoch; durations ending in `Ms` are ms.
 */
export type SessionOwnEmitted =
  /** The session is signed in: from the store at start, or after a device flow. */
  | { type: 'signedIn'; token: DeviceToken; via: 'store' | 'deviceAuth' }
  /** A refresh gave a new pair (`via: 'server'`) or found another holder's pair in the store (`via: 'store'`). */
  | { type: 'refreshed'; token: DeviceToken; via: 'server' | 'store' }
  /** A refresh failed for a reason worth retrying; the next attempt is in `delayMs`. */
  | {
      type: 'refreshRetry';
      attempt: number;
      delayMs: number;
      reason: DeviceAuthErrorCode;
      message: string;
      /** True while the old access token has not expired (it stays usable meanwhile). */
      accessTokenValid: boolean;
    }
  /** The token store failed; for `save`, the token is kept in memory and the write retried in `retryInMs`. */
  | { type: 'storeFailed'; operation: StoreOperation; error: DeviceAuthError; attempt: number; retryInMs?: number }
  /** A sign-in attempt ended without a token; the session is back in `signedOut`. */
  | { type: 'signInEnded'; reason: SignInEnding; error?: DeviceAuthError }
  /** The session ended without the person asking; `signedOut` follows once the store is cleared. */
  | { type: 'sessionEnded'; reason: SessionEndReason; error?: DeviceAuthError }
  /**
   * The session is signed out and the store cleared: after `signOut` (`revoked` says whether the
   * server confirmed the revocation, `error` why not) or after `sessionEnded`.
   */
  | {
      type: 'signedOut';
      reason: 'signOut' | SessionEndReason;
      revoked: boolean;
      error?: DeviceAuthError;
      cleared: boolean;
      storeError?: DeviceAuthError;
    };

/** Everything the session emits: its own events and the device-auth child's. */
export type SessionEmitted = SessionOwnEmitted | DeviceAuthEmitted;

/** Events the session accepts. */
export type SessionEvent =
  /** Start a device flow (only from `signedOut`, only when the person asks: RFC 8628 §3.1). */
  | { type: 'signIn' }
  /** Stop the sign-in in progress. */
  | { type: 'cancel' }
  /** Revoke the token, clear the store and end in `signedOut`. */
  | { type: 'signOut' }
  /** Refresh now, whatever the timer says (e.g. an API call answered 401). Ignored unless signed in. */
  | { type: 'refresh' }
  /**
   * A fresh clock reading. Re-arms the timers from the absolute deadlines in context (after
   * restoring a snapshot, or after the device slept) and refreshes at once when the token is due.
   * While signing in it is forwarded to the device-auth child.
   */
  | { type: 'resume'; now: number }
  /** Internal: an event the device-auth child emitted, relayed to be re-emitted. */
  | { type: 'deviceAuth.emitted'; event: DeviceAuthEmitted };

/** The session's context. Every time is absolute (ms since the epoch), so snapshots can be resumed. */
export interface SessionContext {
  refreshMarginMs: number;
  retryBaseMs: number;
  maxRetryMs: number;
  deviceAuth: DeviceAuthInput;
  /** The current token; `null` when signed out. The truth even when the store write failed. */
  token: DeviceToken | null;
  /** True when {@link token} could not be written to the store yet (the write is being retried). */
  unsaved: boolean;
  /** Failed writes of the current token in a row. */
  saveFailures: number;
  /** When the next store write may be attempted. */
  saveRetryAt: number | null;
  /** The latest clock reading reported by an actor or a `resume` event; delays are computed from it. */
  now: number | null;
  /** Clock reading when the last refresh completed (a floor for the next one). */
  refreshedAt: number | null;
  /** Consecutive failed refresh attempts. */
  failures: number;
  /** When the next refresh attempt is due after a failure. */
  retryAt: number | null;
  /** How the session became signed in, until `signedIn` is announced; `null` once announced. */
  pendingSignedIn: 'store' | 'deviceAuth' | null;
  /** Why the session is signed out (or `null`). */
  reason: SignedOutReason | null;
  /** The last error: refresh failure, sign-in failure, invalid grant, store failure. */
  error: DeviceAuthError | null;
  /** Outcome of the revocation during `signingOut` (`null` until it answered). */
  revoke: RevokeResult | null;
  /** Outcome of clearing the store during `signingOut`/`endingSession` (`null` until it answered). */
  clear: StoreResult | null;
}

/**
 * Pure timing arithmetic of the session machine (Trakt "Tokens after approval": expiry is
 * `created_at + expires_in`, never a constant). All values are milliseconds; absolute values are
 * milliseconds since the epoch. Nothing here reads a clock: `now` is always passed in.
 */
import type { DeviceToken } from '../core/token.js';
import type { SessionContext } from './session.types.js';

/** Default refresh margin: one day before the access token expires. */
export const DEFAULT_REFRESH_MARGIN_MS = 24 * 60 * 60 * 1000;
/** Default first delay after a failed refresh or store write. */
export const DEFAULT_RETRY_BASE_MS = 10_000;
/** Default cap of the refresh/store retry backoff. */
export const DEFAULT_MAX_RETRY_MS = 10 * 60 * 1000;
/**
 * Minimum time between two refreshes that succeeded. Guards against a refresh loop when the
 * server's `created_at` is far behind the device clock, so every new token looks due at once.
 */
export const MIN_REFRESH_SPACING_MS = 60_000;
/**
 * Longest single timer the machine arms (20 days). `setTimeout` fires at once for delays above
 * 2³¹−1 ms (24.8 days), which would refresh long-lived tokens (Trakt once issued 3-month ones)
 * immediately; longer waits are chained.
 */
export const MAX_TIMER_MS = 20 * 24 * 60 * 60 * 1000;

type Timing = Pick<SessionContext, 'refreshMarginMs' | 'refreshedAt'>;

/** The margin actually used for `token`: the configured one, but never more than half its lifetime. */
export function effectiveMarginMs(token: DeviceToken, refreshMarginMs: number): number {
  return Math.max(0, Math.min(refreshMarginMs, (token.expiresIn * 1000) / 2));
}

/** True when the token can be renewed (it has a refresh token). */
export function canRefresh(token: DeviceToken): boolean {
  return token.refreshToken !== undefined;
}

/**
 * When the signed-in session must act: refresh at `expiresAt − margin` (not sooner than
 * {@link MIN_REFRESH_SPACING_MS} after the last refresh), or, without a refresh token, end the
 * session at `expiresAt`.
 */
export function actionDueAt(token: DeviceToken, timing: Timing): number {
  if (!canRefresh(token)) return token.expiresAt;
  const refreshAt = token.expiresAt - effectiveMarginMs(token, timing.refreshMarginMs);
  return timing.refreshedAt === null ? refreshAt : Math.max(refreshAt, timing.refreshedAt + MIN_REFRESH_SPACING_MS);
}

/**
 * When a session would refresh `token` (ms since the epoch), or `undefined` when the token has no
 * refresh token and can only be replaced by signing in again. `device-auth status` prints it.
 *
 * @param refreshMarginMs - How long before expiry to refresh (default {@link DEFAULT_REFRESH_MARGIN_MS}, at most half the lifetime).
 */
export function refreshDueAt(token: DeviceToken, refreshMarginMs: number = DEFAULT_REFRESH_MARGIN_MS): number | undefined {
  return canRefresh(token) ? actionDueAt(token, { refreshMarginMs, refreshedAt: null }) : undefined;
}

/** True when, at `now`, the session must refresh (or end). */
export function isActionDue(token: DeviceToken, timing: Timing, now: number): boolean {
  return now >= actionDueAt(token, timing);
}

/** True while the access token has not expired at `now`. */
export function isAccessTokenValid(token: DeviceToken, now: number): boolean {
  return now < token.expiresAt;
}

/** The timer to arm to wake up at `target`: never negative, never longer than {@link MAX_TIMER_MS}. */
export function timerDelayMs(target: number, now: number | null): number {
  if (now === null) return 0;
  return Math.min(MAX_TIMER_MS, Math.max(0, target - now));
}

/**
 * Exponential backoff after the n-th consecutive failure: base × 2ⁿ⁻¹, capped, and at least
 * the server's `Retry-After` when it sent one.
 */
export function retryDelayMs(
  timing: Pick<SessionContext, 'retryBaseMs' | 'maxRetryMs'>,
  failures: number,
  retryAfterMs?: number,
): number {
  const doubled = timing.retryBaseMs * 2 ** Math.max(0, failures - 1);
  return Math.max(Math.min(timing.maxRetryMs, doubled), retryAfterMs ?? 0);
}

/**
 * One refresh attempt of the session (Trakt "Tokens after approval", RFC 6749 §6), with the
 * store as the source of truth. Trakt refresh tokens are single-use, so two holders of one pair
 * (two processes on one token file, two sessions on one store) must not both spend it:
 *
 * 1. Re-read the store first. A pair that differs from the one held (by access and refresh
 *    token, never by `created_at`, which has whole-second precision) was stored by someone else
 *    after this session read it: adopt it, send nothing.
 * 2. Otherwise refresh over the network and write the new pair before resolving.
 * 3. On `invalid_grant`, re-read once more: a pair stored meanwhile is adopted; else the
 *    session ends.
 *
 * A stored pair is never adopted when it is one this session held and left (its refresh token
 * spent, or the pair revoked at a sign-out, or replaced by a newer sign-in: a write or a clear that
 * failed leaves it in the store). Nor is any pair adopted while the held pair has never been in
 * the store (a sign-in whose write failed): no other holder can have it, let alone have rotated it,
 * so whatever the store holds is older (a store unreadable at start hid it) and not its successor.
 *
 * The caller runs the attempt as one step with respect to the store (see `exclusive` in
 * `./store-queue.ts`): under the store's lock when it has one, so another process waits and then
 * adopts in step 1 instead of spending the same refresh token.
 */
import { DeviceAuthError, toDeviceAuthError } from '../../core/errors.js';
import type { DeviceToken } from '../../core/token.js';
import type { RefreshResult, StoreResult } from '../../machines/session.types.js';
import type { Transport } from '../dialect/create-services.js';
import type { TokenLifecycleDialect } from '../dialect/dialect.js';
import { retryAfterMs } from '../http/response.js';
import { isSameTokenPair, type TokenStore } from '../stores/token-store.js';

/**
 * How many left tokens are remembered (a refresh token per refresh, both tokens of a revoked or
 * replaced pair; a few dozen cover any backlog of failed writes).
 */
const SPENT_LIMIT = 64;

/**
 * The tokens of pairs a set of services has held and left: refresh tokens sent to the server
 * (dead once the server answered), and both tokens of pairs revoked or replaced by a newer sign-in.
 */
export interface SpentRefreshTokens {
  /** Remembers `token` (a refresh or access token) as left. */
  add(token: string): void;
  /** True when `token` was left by these services. */
  has(token: string): boolean;
}

/** Remembers both tokens of `pair` as left (revoked, rotated away or replaced). */
export function leavePair(spent: SpentRefreshTokens, pair: DeviceToken): void {
  spent.add(pair.accessToken);
  if (pair.refreshToken !== undefined) spent.add(pair.refreshToken);
}

/** A bounded memory of left tokens (the oldest are forgotten first). */
export function createSpentRefreshTokens(limit: number = SPENT_LIMIT): SpentRefreshTokens {
  const spent = new Set<string>();
  return {
    add(refreshToken) {
      spent.delete(refreshToken);
      spent.add(refreshToken);
      if (spent.size > limit) spent.delete(spent.values().next().value!);
    },
    has: (refreshToken) => spent.has(refreshToken),
  };
}

/** What one refresh attempt needs. */
export interface RefreshOnceOptions {
  /** Builds the refresh request and classifies its answer. */
  dialect: TokenLifecycleDialect;
  /** The HTTP seam. */
  send: Transport;
  /** The services' clock, ms since the epoch. */
  now: () => number;
  /** The store, called directly: the caller already holds the turn (and the lock) for this attempt. */
  store: TokenStore;
  /** Tokens of pairs these services held and left (spent, revoked, replaced). */
  spent: SpentRefreshTokens;
  /**
   * True when the held pair has been in the store (loaded from it, or written to it), so another
   * holder may have it; asked inside the exclusive step. Default: true.
   */
  heldWasStored?: (() => boolean) | undefined;
  /** Told the new pair as soon as the server issued it (even when the attempt was abandoned since). */
  onNewPair?: ((token: DeviceToken) => void) | undefined;
  /** Writes to the store and reports the outcome as a value. */
  storeResult: (operation: () => Promise<void>) => Promise<StoreResult>;
}

/**
 * True when `stored` is a pair to adopt instead of refreshing `held`: it differs from `held` and is
 * not one these services held and left (rotated, revoked, replaced by a sign-in).
 */
export function isPairToAdopt(stored: DeviceToken | undefined, held: DeviceToken, spent: SpentRefreshTokens): stored is DeviceToken {
  if (stored === undefined || isSameTokenPair(stored, held)) return false;
  if (spent.has(stored.accessToken)) return false;
  return stored.refreshToken === undefined || !spent.has(stored.refreshToken);
}

/**
 * Refreshes `held` once, or adopts the pair another holder stored; every outcome is a value.
 * `signal` aborts the request (the session moved on); an answer that arrives after the abort is
 * not written.
 */
export async function refreshOnce(held: DeviceToken, signal: AbortSignal, options: RefreshOnceOptions): Promise<RefreshResult> {
  const { dialect, send, now, store, spent, storeResult } = options;
  /** The pair to adopt from the store, if any (a store that cannot be read has none). */
  const storedPair = async (): Promise<DeviceToken | undefined> => {
    if (options.heldWasStored?.() === false) return undefined;
    const stored = await store.get().catch(() => undefined);
    return isPairToAdopt(stored, held, spent) ? stored : undefined;
  };

  const before = await storedPair();
  if (before !== undefined) {
    // Another holder refreshed the held pair: its refresh token is spent, the session leaves it.
    leavePair(spent, held);
    return { type: 'adopted', token: before, receivedAt: now() };
  }
  const refreshToken = held.refreshToken;
  if (refreshToken === undefined) {
    const error = new DeviceAuthError('INVALID_GRANT', 'The token has no refresh token: sign in again.');
    return { type: 'invalidGrant', error, receivedAt: now() };
  }
  let response;
  try {
    response = await send(dialect.refreshRequest(refreshToken), signal);
  } catch (failure) {
    return { type: 'failed', error: toDeviceAuthError(failure, 'NETWORK'), receivedAt: now() };
  }
  const receivedAt = now();
  let token: DeviceToken;
  try {
    token = dialect.parseRefreshResponse(response, receivedAt);
  } catch (failure) {
    const error = toDeviceAuthError(failure, 'INVALID_RESPONSE');
    if (error.code === 'INVALID_GRANT') {
      spent.add(refreshToken);
      // Refused because another holder rotated it meanwhile? Then its pair is in the store.
      const after = await storedPair();
      if (after !== undefined) {
        leavePair(spent, held);
        return { type: 'adopted', token: after, receivedAt };
      }
      return { type: 'invalidGrant', error, receivedAt };
    }
    const retryAfter = retryAfterMs(response, receivedAt);
    return { type: 'failed', error, ...(retryAfter === undefined ? {} : { retryAfterMs: retryAfter }), receivedAt };
  }
  leavePair(spent, held);
  options.onNewPair?.(token);
  if (signal.aborted) {
    // The session moved on (signed out) while the answer was on its way: its result is ignored,
    // and the clear is queued behind this attempt, so nothing may be written now.
    return { type: 'failed', error: new DeviceAuthError('ABORTED', 'The refresh was abandoned.'), receivedAt };
  }
  const saved = await storeResult(() => store.set(token));
  return saved.ok
    ? { type: 'refreshed', token, saved: true, receivedAt }
    : { type: 'refreshed', token, saved: false, storeError: saved.error, receivedAt };
}

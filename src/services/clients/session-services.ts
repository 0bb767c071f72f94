/**
 * The session's services: the actors `sessionMachine.provide(...)` takes, built from a dialect
 * that can refresh and revoke (Trakt `POST /oauth/token` and `/oauth/revoke`, docs/protocol.md
 * "Tokens after approval"; RFC 6749 §6 and RFC 7009 for other providers), a {@link TokenStore},
 * and the one HTTP seam. They report the clock readings the machine computes its timers from.
 *
 * Why the store write lives inside `refreshToken`: Trakt refresh tokens are single-use, so the
 * new pair must be persisted before anything else sees it. The actor resolves only after
 * `store.set(newToken)` finished; when that write fails it still resolves with the new pair
 * (`saved: false`), because the old refresh token is already dead server-side: the machine
 * keeps the pair in memory, reports `storeFailed` and retries the write, and never refreshes
 * with the old token again.
 *
 * Why store calls are queued: stopping an actor does not stop the store call it started. When
 * `signOut` arrives while a write is in flight (the token written after sign-in, a retried write,
 * or the new pair written inside a refresh), the machine moves on to `clearToken` while the write
 * keeps running. A {@link TokenStore} need not order its calls (only the file store happens to),
 * so the clear could finish first and the write put the token back after `signedOut
 * {cleared: true}`. The services therefore make one store call at a time, in the order they were
 * made: a call starts only once every earlier call on the same store object has settled. A clear
 * is never followed by a write made before it, and an older pair never overwrites a newer one.
 * The price: a store call that never settles holds up every later one, the sign-out's clear too.
 *
 * Why a refresh is one exclusive step (`./store-queue.ts`, `./refresh-once.ts`): two holders of
 * the same stored pair (two processes on one token file, two sessions on one store) must not
 * both spend its single-use refresh token. Each attempt re-reads the store, refreshes and writes
 * the new pair as one queued call, under the store's `withLock` when it has one; the second
 * holder then finds the first one's pair in the store and adopts it without a request.
 *
 * Why `revokeToken` waits for a refresh of the pair it revokes: a sign-out taken while the refresh
 * actor writes (or receives) the new pair stops the actor, not the refresh; the server has rotated
 * the pair the machine still holds. The revoke waits for that refresh and revokes the pair it
 * produced, so `revoked: true` means the live pair is dead.
 */
import { fromPromise, type PromiseActorLogic } from 'xstate';
import type { DeviceAuthMachine } from '../../machines/device-auth.machine.js';
import { providedDeviceAuthMachine } from './provided-machines.js';
import type {
  ClearTokenInput,
  LoadTokenResult,
  RefreshResult,
  RevokeResult,
  StoreResult,
  TokenInput,
} from '../../machines/session.types.js';
import { createDeviceFlowServices, createTransport, type DeviceAuthServices, type HttpServiceOptions } from '../dialect/create-services.js';
import type { DeviceFlowDialect, TokenLifecycleDialect } from '../dialect/dialect.js';
import { toDeviceAuthError } from '../../core/errors.js';
import type { TokenStore } from '../stores/token-store.js';
import { createTraktDialect } from '../trakt/trakt-dialect.js';
import { createSpentRefreshTokens, leavePair, refreshOnce } from './refresh-once.js';
import { isSameTokenPair } from '../stores/token-store.js';
import type { DeviceToken } from '../../core/token.js';
import { queuedStore } from './store-queue.js';
import type { TraktServiceOptions } from '../trakt/trakt-services.js';

/** The actors `sessionMachine.provide` takes: the token lifecycle plus the device-auth child. */
export interface SessionServices {
  actors: {
    /** The device-auth machine with its services, run as a child by `signIn`. */
    deviceAuth: DeviceAuthMachine;
    /** Reads the stored token; rejects (code `STORE`) only when the store cannot be read. */
    loadToken: PromiseActorLogic<LoadTokenResult>;
    /** Writes a token; a failed write is a value (`ok: false`), never a rejection. */
    saveToken: PromiseActorLogic<StoreResult, TokenInput>;
    /** Refreshes (and stores the new pair before resolving); every outcome is a value. */
    refreshToken: PromiseActorLogic<RefreshResult, TokenInput>;
    /** Revokes the access token; a failure is a value. */
    revokeToken: PromiseActorLogic<RevokeResult, TokenInput>;
    /**
     * Deletes the stored token (only while it is still `input.expected`, when given: see
     * {@link ClearTokenInput}); a failure is a value. Resolves only after every store write
     * started before it (by `saveToken` or `refreshToken`, even one whose actor was stopped) has
     * settled, so that nothing written earlier lands after the clear: the machine reports
     * `cleared: true` from this result.
     */
    clearToken: PromiseActorLogic<StoreResult, ClearTokenInput>;
  };
}

/** A dialect that runs the device flow and can refresh and revoke (the Trakt dialect is one). */
export type SessionDialect = DeviceFlowDialect & TokenLifecycleDialect;

/** Options of {@link createTraktSessionServices}: Trakt credentials, transport, and where the token lives. */
export type TraktSessionServiceOptions = TraktServiceOptions & {
  /** Where the token is kept between runs (memory, file, Web Storage, or your own). */
  store: TokenStore;
};

/**
 * Builds the session services for any dialect that can refresh and revoke. Every call they make
 * on `store` waits for the previous one to settle (see the file header), so `store` need not
 * order concurrent calls itself.
 *
 * ```ts
 * const machine = sessionMachine.provide(createSessionServices(myRfc8628RefreshDialect, createMemoryTokenStore()));
 * ```
 */
export function createSessionServices(
  dialect: SessionDialect,
  store: TokenStore,
  options: HttpServiceOptions = {},
): SessionServices {
  return sessionServicesOver({ dialect, deviceFlow: createDeviceFlowServices(dialect, options) }, store, options);
}

/**
 * Where session services get their dialect: at once, or (an issuer still to discover) through
 * `resolve`, awaited by each refresh and revoke before it builds a request.
 */
export interface SessionDialectSource {
  /** The dialect, or a stand-in whose methods are only called after `resolve` settled. */
  dialect: SessionDialect;
  /** Resolves the dialect (discovery); a rejection fails that refresh or revoke, and the next one tries again. */
  resolve?: (() => Promise<SessionDialect>) | undefined;
  /** The device-flow services of the `deviceAuth` child (provided once per services object). */
  deviceFlow: DeviceAuthServices;
}

/** {@link createSessionServices} over a {@link SessionDialectSource}. */
export function sessionServicesOver(source: SessionDialectSource, store: TokenStore, options: HttpServiceOptions = {}): SessionServices {
  const { resolve } = source;
  /** The dialect to use now: no extra step when it is known (a refresh keeps its place in the store's queue). */
  const dialectNow = (): SessionDialect | Promise<SessionDialect> => (resolve === undefined ? source.dialect : resolve());
  /** Every store call goes through this view, one at a time and in order (see the file header). */
  const ordered = queuedStore(store);
  const send = createTransport(options);
  const now = options.now ?? Date.now;
  // Every pair this session held and left (rotated, revoked, replaced by a newer sign-in): a
  // refresh never adopts one of them from the store (a failed write or clear can leave it there).
  const spent = createSpentRefreshTokens();
  /** The pair the session last held, as far as these services saw it. */
  let held: DeviceToken | undefined;
  /** Pairs (by access token) known to have been in the store: another holder may have them. */
  const stored = createSpentRefreshTokens();
  /**
   * Refreshes by the pair they started from (its access token): the pair each one produced, once
   * settled. A sign-out taken while a refresh was writing (or receiving) the new pair revokes the
   * pair the server handed out, not only the rotated one the machine still holds.
   */
  const refreshesFrom = new Map<string, Promise<DeviceToken | undefined>>();
  /** The newest pair issued from `token` by refreshes of these services (`token` itself when none). */
  const newestSuccessor = async (token: DeviceToken): Promise<{ token: DeviceToken; rotated: boolean }> => {
    let current = token;
    let rotated = false;
    for (let hops = 0; hops < 16; hops += 1) {
      const pending = refreshesFrom.get(current.accessToken);
      if (pending === undefined) break;
      const next = await pending;
      if (next === undefined) break;
      current = next;
      rotated = true;
    }
    return { token: current, rotated };
  };
  /** The session now holds `token`: a different pair held before is left. */
  const hold = (token: DeviceToken | undefined) => {
    if (held !== undefined && (token === undefined || !isSameTokenPair(held, token))) leavePair(spent, held);
    held = token;
  };

  const storeResult = async (operation: () => Promise<void>): Promise<StoreResult> => {
    try {
      await operation();
      return { ok: true, at: now() };
    } catch (failure) {
      return { ok: false, at: now(), error: toDeviceAuthError(failure, 'STORE') };
    }
  };

  return {
    actors: {
      deviceAuth: providedDeviceAuthMachine(source.deviceFlow),

      loadToken: fromPromise<LoadTokenResult>(async () => {
        const token = await ordered.get();
        if (token !== undefined) {
          stored.add(token.accessToken);
          hold(token);
        }
        return { token, loadedAt: now() };
      }),

      saveToken: fromPromise<StoreResult, TokenInput>(async ({ input }) => {
        hold(input.token);
        return storeResult(async () => {
          await ordered.set(input.token);
          stored.add(input.token.accessToken);
        });
      }),

      clearToken: fromPromise<StoreResult, ClearTokenInput>(async ({ input }) => storeResult(() => ordered.delete(input?.expected))),

      refreshToken: fromPromise<RefreshResult, TokenInput>(async ({ input, signal }) => {
        hold(input.token);
        const heldWasStored = () => stored.has(input.token.accessToken);
        let issued: DeviceToken | undefined;
        const onNewPair = (token: DeviceToken) => {
          issued = token;
        };
        const attempt = ordered.exclusive(async () => {
          let dialect: SessionDialect;
          try {
            dialect = await dialectNow();
          } catch (failure) {
            return { type: 'failed' as const, error: toDeviceAuthError(failure, 'NETWORK'), receivedAt: now() };
          }
          const outcome = await refreshOnce(input.token, signal, { dialect, send, now, store, spent, storeResult, heldWasStored, onNewPair });
          if (outcome.type === 'adopted' || (outcome.type === 'refreshed' && outcome.saved)) stored.add(outcome.token.accessToken);
          return outcome;
        });
        const successor = attempt.then(
          () => issued,
          () => issued,
        );
        refreshesFrom.set(input.token.accessToken, successor);
        if (refreshesFrom.size > 16) refreshesFrom.delete(refreshesFrom.keys().next().value as string);
        const result = await attempt;
        // refreshOnce has left the held pair when it rotated or adopted; the session holds the result.
        if ((result.type === 'refreshed' || result.type === 'adopted') && held !== undefined && isSameTokenPair(held, input.token)) {
          held = result.token;
        }
        return result;
      }),

      revokeToken: fromPromise<RevokeResult, TokenInput>(async ({ input, signal }) => {
        // Revoked (or at least given up on: a failed revoke is still a sign-out): never adopted again.
        leavePair(spent, input.token);
        if (held !== undefined && isSameTokenPair(held, input.token)) held = undefined;
        // A refresh of this pair still running (its actor stopped by the sign-out, its write going
        // on) or finished unseen: the server rotated the pair, so the live one is the refresh's.
        const { token: live, rotated } = await newestSuccessor(input.token);
        if (rotated) {
          leavePair(spent, live);
          if (held !== undefined && isSameTokenPair(held, live)) held = undefined;
        }
        try {
          const dialect = await dialectNow();
          dialect.checkRevokeResponse(await send(dialect.revokeRequest(live.accessToken), signal));
          return { ok: true };
        } catch (failure) {
          return { ok: false, error: toDeviceAuthError(failure, 'NETWORK') };
        }
      }),
    },
  };
}

/**
 * The Trakt session services: device flow, refresh and revoke against Trakt (or a compatible
 * mock via `baseUrl`), with the token kept in `store`.
 *
 * ```ts
 * const services = createTraktSessionServices({ clientId, clientSecret, userAgent: 'my-app/1.0', store: createFileTokenStore({ path }) });
 * const session = createSession({ services });
 * ```
 * @throws DeviceAuthError `CONFIGURATION` when the client id, secret, base URL or User-Agent is missing or malformed.
 */
export function createTraktSessionServices(options: TraktSessionServiceOptions): SessionServices {
  return createSessionServices(createTraktDialect(options), options.store, options);
}

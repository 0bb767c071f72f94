/**
 * How the session services call a {@link TokenStore}: one call at a time, in the order the calls
 * were made, and a refresh attempt as one exclusive step.
 *
 * Why a queue: stopping an actor does not stop the store call it started, so a sign-out's clear
 * could otherwise finish before a write made earlier, and that write put the token back after
 * `signedOut {cleared: true}`. A store need not order its own calls, so the services do.
 *
 * Why an exclusive step: Trakt refresh tokens are single-use. A refresh attempt (re-read the
 * store, refresh, write the new pair) runs as one queued call, under the store's `withLock` when
 * it has one (the file store's lock file), so no other holder of the same stored pair, in this
 * process or another, can spend its refresh token in between.
 */
import type { TokenStore } from '../stores/token-store.js';

/**
 * The last call made on each store through a queue, settled (never rejected): the next call
 * waits for it. Keyed by the store object, so two sessions sharing a store in one process take
 * turns too; a store that is dropped is forgotten with it.
 */
const lastCalls = new WeakMap<TokenStore, Promise<unknown>>();

/** A {@link TokenStore} whose calls are queued, plus an exclusive step. */
export interface QueuedStore extends Pick<TokenStore, 'get' | 'set' | 'delete'> {
  /**
   * Runs `critical` as one queued call, holding the store's lock (`withLock`) when it has one.
   * Inside, call the store itself, not this view (its calls would wait for `critical`).
   */
  exclusive<T>(critical: () => Promise<T>): Promise<T>;
}

/**
 * A view of `store` that makes one call at a time, in the order the calls were made: each call
 * starts once every earlier call on `store` (through any such view) has settled, whether it
 * succeeded or failed. The order is fixed when the method is called, not when it runs.
 */
export function queuedStore(store: TokenStore): QueuedStore {
  const take = <T>(call: () => Promise<T>): Promise<T> => {
    const result = (lastCalls.get(store) ?? Promise.resolve()).then(call);
    lastCalls.set(store, result.catch(() => undefined));
    return result;
  };
  return {
    get: () => take(() => store.get()),
    set: (token) => take(() => store.set(token)),
    delete: (expected) => take(() => store.delete(expected)),
    exclusive: (critical) => take(() => (store.withLock === undefined ? critical() : store.withLock(critical))),
  };
}

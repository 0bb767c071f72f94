/**
 * A {@link TokenStore} that keeps the token in process memory: for tests, short-lived scripts,
 * and apps that persist tokens their own way. It validates like the persistent stores do, so code
 * tested against it does not fail later against a file or Web Storage.
 */
import type { DeviceToken } from '../../core/token.js';
import { copyToken, isSameTokenPair, toStorableToken, type TokenStore } from './token-store.js';

/**
 * Creates an in-memory {@link TokenStore}, optionally holding `initial` already.
 *
 * Stores and returns copies, so neither the caller's object nor a token returned by `get()` can
 * change what is stored. `delete(expected)` removes the token only while it is still that pair.
 * It has no `withLock`: only this process can write it, and the session services already make
 * one call at a time on a store object.
 *
 * @param initial - A token to start signed in with.
 * @throws {@link DeviceAuthError} with code `'STORE'` when `initial` is malformed (the message
 *   names the field, never its value).
 *
 * @example
 * ```ts
 * const store = createMemoryTokenStore();
 * await store.set(token);
 * (await store.get())?.accessToken;
 * ```
 */
export function createMemoryTokenStore(initial?: DeviceToken): TokenStore {
  let current: DeviceToken | undefined;
  if (initial !== undefined) {
    toStorableToken(initial);
    current = copyToken(initial);
  }
  return {
    async get() {
      return current === undefined ? undefined : copyToken(current);
    },
    async set(token) {
      toStorableToken(token);
      current = copyToken(token);
    },
    async delete(expected) {
      if (expected === undefined || (current !== undefined && isSameTokenPair(current, expected))) current = undefined;
    },
  };
}

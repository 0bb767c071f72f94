/**
 * A {@link TokenStore} for browsers, backed by any object with the Web Storage interface
 * (`localStorage`, `sessionStorage`, or a test double). The value is the compact JSON of the
 * `StoredToken` form (snake_case, as Trakt returns it), the same shape the file store writes.
 *
 * Corrupt entries are handled like the file store handles a corrupt file: copied to
 * `<key>.corrupt` (replacing an older copy), removed from `<key>`, reported as a
 * {@link TokenStoreWarning}, and read as signed out.
 */
import { DeviceAuthError } from '../../core/errors.js';
import type { DeviceToken } from '../../core/token.js';
import {
  corruptTokenWarning,
  isSameTokenPair,
  parseStoredToken,
  storeError,
  toStorableToken,
  type TokenPair,
  type TokenStore,
  type TokenStoreWarning,
  type TokenStoreWarningHandler,
} from './token-store.js';

/**
 * The part of the DOM `Storage` interface the store uses. Declared here so the package's types do
 * not require the DOM lib; `localStorage` and `sessionStorage` satisfy it.
 */
export interface TokenWebStorage {
  /** The value under `key`, or `null` when there is none. */
  getItem(key: string): string | null;
  /** Stores `value` under `key`; may throw (`QuotaExceededError`, `SecurityError`). */
  setItem(key: string, value: string): void;
  /** Removes `key`; removing a missing key is fine. */
  removeItem(key: string): void;
}

/**
 * The part of the Web Locks API (`navigator.locks`) the store uses: tabs and workers of one
 * origin share the storage, and take turns through a named lock. `navigator.locks` satisfies it.
 */
export interface TokenWebLocks {
  /** Runs `callback` holding the exclusive lock `name`, and resolves with its result. */
  request<T>(name: string, callback: () => Promise<T>): Promise<T>;
}

/** Options of {@link createWebStorageTokenStore}. */
export interface WebStorageTokenStoreOptions {
  /** Where to keep the token, e.g. `window.localStorage`. */
  storage: TokenWebStorage;
  /** The storage key. Default {@link DEFAULT_TOKEN_STORAGE_KEY}. */
  key?: string;
  /**
   * Receives a warning when a corrupt entry was moved aside. Defaults to `console.warn` of the
   * warning's message, so the problem is never silent.
   */
  onWarning?: TokenStoreWarningHandler;
  /**
   * The lock manager `withLock` uses, so two tabs never refresh the same pair at once. Default:
   * `navigator.locks` where the browser has it; `null` (or none available): the store has no
   * `withLock`, and only calls within one page are ordered (by the session services).
   */
  locks?: TokenWebLocks | null;
}

/** The storage key used when none is given. */
export const DEFAULT_TOKEN_STORAGE_KEY = 'device-auth:token';

/**
 * Creates a {@link TokenStore} that keeps the token in Web Storage under `options.key`.
 *
 * - `get()`: no entry is `undefined`; a corrupt entry is moved to `<key>.corrupt`, reported to
 *   `onWarning`, and is `undefined`; a storage that throws rejects with code `'STORE'`.
 * - `set()`: a full storage (`QuotaExceededError`) or any other failure rejects with `'STORE'`,
 *   and the previous entry is unchanged (Web Storage writes are all-or-nothing).
 * - `withLock(critical)`: runs `critical` holding the Web Lock `device-auth-machine:<key>`, when
 *   a lock manager is available (see {@link WebStorageTokenStoreOptions.locks}).
 * - `delete(expected?)`: removes the entry; a missing entry is fine. With `expected`, only while
 *   the entry still holds that pair (read, compared and removed in one synchronous step, so no
 *   other script on the page can write in between); a corrupt entry is then left for `get()`.
 *
 * Error messages name the key and the error's `name`, never its message: a custom storage's
 * message could quote the value, and the value is a token.
 *
 * @throws {@link DeviceAuthError} with code `'CONFIGURATION'` when `storage` lacks a method or
 *   `key` is empty.
 *
 * @example
 * ```ts
 * const store = createWebStorageTokenStore({ storage: window.localStorage });
 * await store.set(token);
 * ```
 */
export function createWebStorageTokenStore(options: WebStorageTokenStoreOptions): TokenStore {
  const { storage } = options;
  const key = options.key ?? DEFAULT_TOKEN_STORAGE_KEY;
  const methods = ['getItem', 'setItem', 'removeItem'] as const;
  if (typeof storage !== 'object' || storage === null || methods.some((m) => typeof storage[m] !== 'function')) {
    throw new DeviceAuthError('CONFIGURATION', 'web storage token store: "storage" must have getItem, setItem and removeItem');
  }
  if (typeof key !== 'string' || key.length === 0) {
    throw new DeviceAuthError('CONFIGURATION', 'web storage token store: "key" must be a non-empty string');
  }
  const corruptKey = `${key}.corrupt`;
  const onWarning = options.onWarning ?? warnOnConsole;
  const locks = options.locks === undefined ? browserLocks() : options.locks;
  const lockName = `device-auth-machine:${key}`;

  return {
    ...(locks === null || locks === undefined
      ? {}
      : { withLock: <T>(critical: () => Promise<T>): Promise<T> => locks.request(lockName, () => critical()) }),
    async get(): Promise<DeviceToken | undefined> {
      let text: string | null;
      try {
        text = storage.getItem(key);
      } catch (error) {
        throw storeError(`cannot read Web Storage key "${key}": ${describe(error)}`, error);
      }
      if (text === null) return undefined;
      const token = parseStoredToken(text);
      if (token !== undefined) return token;
      try {
        storage.setItem(corruptKey, text);
        storage.removeItem(key);
      } catch (error) {
        throw storeError(
          `Web Storage key "${key}" is corrupt and could not be moved to "${corruptKey}" (${describe(error)}); it was left in place`,
          error,
        );
      }
      onWarning(corruptTokenWarning('Web Storage key', key, corruptKey));
      return undefined;
    },

    async set(token: DeviceToken): Promise<void> {
      const value = JSON.stringify(toStorableToken(token));
      try {
        storage.setItem(key, value);
      } catch (error) {
        throw storeError(`cannot write token to Web Storage key "${key}": ${describe(error)}`, error);
      }
    },

    async delete(expected?: TokenPair): Promise<void> {
      try {
        if (expected !== undefined) {
          const text = storage.getItem(key);
          const current = text === null ? undefined : parseStoredToken(text);
          if (current === undefined || !isSameTokenPair(current, expected)) return;
        }
        storage.removeItem(key);
      } catch (error) {
        throw storeError(`cannot delete Web Storage key "${key}": ${describe(error)}`, error);
      }
    },
  };
}

/** True for the errors browsers throw when storage is full (Chrome/Safari code 22, Firefox 1014). */
function isQuotaError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { name, code } = error as { name?: unknown; code?: unknown };
  return name === 'QuotaExceededError' || name === 'NS_ERROR_DOM_QUOTA_REACHED' || code === 22 || code === 1014;
}

/** Names a storage failure without its message (which could quote the stored value). */
function describe(error: unknown): string {
  const hasName = typeof error === 'object' && error !== null && 'name' in error && typeof error.name === 'string';
  const name = hasName ? String(error.name) : typeof error;
  return isQuotaError(error) ? `the storage quota is exceeded (${name})` : `the storage failed (${name})`;
}

/** `navigator.locks` where the runtime has the Web Locks API (read without requiring the DOM types). */
function browserLocks(): TokenWebLocks | undefined {
  const navigator = (globalThis as { navigator?: { locks?: TokenWebLocks } }).navigator;
  return navigator?.locks;
}

function warnOnConsole(warning: TokenStoreWarning): void {
  globalThis.console?.warn(warning.message);
}

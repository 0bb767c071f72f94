/**
 * Reuse of device-flow services built for equal options (issue 12): `authorize({...})` called
 * again with the same provider, credentials and transport gets the same services object, so the
 * machine provided for it (`./provided-machines.ts`) is reused too and a sign-in costs no more
 * than creating an actor on one provided machine.
 *
 * Safe because a device-flow service set keeps no per-flow state: each actor it creates has its
 * own input, signal and answer; what the set shares is its transport and the memory of secrets it
 * handed out, which only widens what later error messages are scrubbed of. Options are equal when
 * their plain values are equal and their functions (`fetch`, `now`) and other objects are the same
 * objects; callbacks and the abort signal are not part of the services and are left out.
 * The cache is small and forgets the least recently used entry first.
 */

/** Keys of a client's options that belong to one call, not to the services. */
const PER_CALL_KEYS: ReadonlySet<string> = new Set(['onCodes', 'onEvent', 'signal', 'input', 'store']);

/** How many service sets are kept. */
const LIMIT = 16;

const identities = new WeakMap<object, number>();
let nextIdentity = 0;

function identityOf(value: object): number {
  let id = identities.get(value);
  if (id === undefined) {
    id = nextIdentity++;
    identities.set(value, id);
  }
  return id;
}

function isPlainObject(value: object): boolean {
  const prototype = Object.getPrototypeOf(value) as unknown;
  return prototype === Object.prototype || prototype === null;
}

function canonical(value: unknown, depth: number): unknown {
  if (value === null || typeof value !== 'object') {
    return typeof value === 'function' ? `#fn${identityOf(value)}` : value === undefined ? null : value;
  }
  if (depth > 4) return `#obj${identityOf(value)}`;
  if (Array.isArray(value)) return value.map((item) => canonical(item, depth + 1));
  if (!isPlainObject(value)) return `#obj${identityOf(value)}`;
  const entries = Object.keys(value)
    .filter((key) => !(depth === 0 && PER_CALL_KEYS.has(key)) && (value as Record<string, unknown>)[key] !== undefined)
    .sort()
    .map((key) => [key, canonical((value as Record<string, unknown>)[key], depth + 1)]);
  return Object.fromEntries(entries);
}

/** The cache key of a client's options: equal for options that build the same services. */
export function settingsKey(options: object): string {
  return JSON.stringify(canonical(options, 0));
}

/** A small least-recently-used cache. */
export interface ServicesCache<T> {
  /** The entry for `key`, moved to the most recent place; `undefined` when absent. */
  get(key: string): T | undefined;
  /** Stores `value` under `key`, forgetting the oldest entry beyond the limit. */
  set(key: string, value: T): void;
  /** Forgets `key` (a build that failed must not be reused). */
  delete(key: string): void;
}

/** A new {@link ServicesCache} of at most `limit` entries. */
export function createServicesCache<T>(limit: number = LIMIT): ServicesCache<T> {
  const entries = new Map<string, T>();
  return {
    get(key) {
      const value = entries.get(key);
      if (value !== undefined) {
        entries.delete(key);
        entries.set(key, value);
      }
      return value;
    },
    set(key, value) {
      entries.delete(key);
      entries.set(key, value);
      if (entries.size > limit) entries.delete(entries.keys().next().value as string);
    },
    delete: (key) => entries.delete(key),
  };
}

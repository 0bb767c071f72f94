/**
 * The token store contract shared by every implementation (memory, file, Web Storage), and the
 * few helpers they share: validation before a write, defensive copies, corrupt-data warnings.
 *
 * Why a store matters for the protocol (Trakt "Tokens after approval"): refresh tokens are
 * single-use, so the new pair must be persisted before anything else uses it. Every store
 * therefore validates on `set()` (a token that could not be read back is refused up front) and
 * answers `get()` with exactly what the last successful `set()` wrote.
 */
import { DeviceAuthError } from '../../core/errors.js';
import { fromStoredToken, toStoredToken, type DeviceToken, type StoredToken } from '../../core/token.js';

/**
 * Where a signed-in person's token lives between runs. All methods are async so that file,
 * browser and remote (keychain, database) stores share one shape.
 *
 * Guarantees every implementation in this package keeps:
 * - `get()` returns a fresh copy: mutating it never changes what is stored, and mutating the
 *   token passed to `set()` afterwards never changes it either.
 * - No token value ever appears in an error message or a warning.
 * - Failures to read or write are a {@link DeviceAuthError} with code `'STORE'`.
 * - Missing or corrupt data is "signed out" (`undefined`), never an exception; corrupt data is
 *   kept aside and reported through a {@link TokenStoreWarning}, never silently deleted.
 *
 * Ordering is **not** part of the contract: an implementation may let concurrent calls finish in
 * any order (a `delete()` may finish before an earlier `set()`). The session services
 * (`createSessionServices`, `createTraktSessionServices`) never rely on it: they make one call
 * at a time on a store object, each after the previous one settled, so a sign-out's `delete()`
 * always runs after any write started before it. Code that calls a store directly while a
 * session uses it gets no such guarantee.
 */
export interface TokenStore {
  /** The stored token, or `undefined` when signed out (nothing stored, or the data was corrupt). */
  get(): Promise<DeviceToken | undefined>;
  /** Replaces the stored token. Rejects with code `'STORE'` when it cannot be written or is malformed. */
  set(token: DeviceToken): Promise<void>;
  /**
   * Forgets the stored token. Resolves when nothing was stored.
   *
   * With `expected`, this is a compare-before-delete: the token is removed only while the store
   * still holds that pair (same access and refresh token, see {@link isSameTokenPair}); a
   * different pair (another process refreshed or signed in meanwhile) is kept. A session that
   * ends by itself (`invalid_grant`, expiry) clears this way, so it never deletes a pair it did
   * not hold. Without `expected` (the person signs out) whatever is stored is removed.
   * Implementations must make the comparison and the removal one step with respect to their
   * other writes.
   */
  delete(expected?: TokenPair): Promise<void>;
  /**
   * Optional. Runs `critical` as one step with respect to every other writer of the same
   * stored token, in this process and in others, and resolves or rejects with its result. The
   * store's own calls made inside `critical` run as part of it (they never wait for it). Stores
   * shared across processes implement it (the file store holds a lock file next to the token);
   * a store only this process writes can leave it out: the session services already make one
   * store call at a time. The session runs each refresh attempt (re-read the store, refresh,
   * write the new pair) inside it, so two processes never spend the same single-use refresh
   * token: the second one waits, then finds and adopts the first one's pair.
   */
  withLock?<T>(critical: () => Promise<T>): Promise<T>;
}

/** What identifies a stored pair for {@link TokenStore.delete}: its access and refresh token. */
export type TokenPair = Pick<DeviceToken, 'accessToken' | 'refreshToken'>;

/**
 * True when `a` and `b` are the same token pair: the same access token and the same refresh
 * token (both absent counts as the same). `createdAt` is deliberately not compared: Trakt's
 * `created_at` has whole-second precision, so two pairs issued in the same second share it.
 */
export function isSameTokenPair(a: TokenPair, b: TokenPair): boolean {
  return a.accessToken === b.accessToken && a.refreshToken === b.refreshToken;
}

/** Stable codes of {@link TokenStoreWarning}. New codes may be added; existing ones never change meaning. */
export type TokenStoreWarningCode =
  /** The stored data was not JSON or not a valid stored token; it was moved aside and treated as signed out. */
  | 'TOKEN_STORE_CORRUPT'
  /** The token file can be read or written by other users (group or others bits set); it was read anyway. */
  | 'INSECURE_PERMISSIONS';

/**
 * A problem a store recovered from or found, reported so the person can look at it.
 * Never contains token values (not even a parse error, which can quote the input).
 */
export type TokenStoreWarning =
  | {
      /** Stable machine-readable code. */
      code: 'TOKEN_STORE_CORRUPT';
      /** A sentence a person can act on; names `location` and `movedTo`. */
      message: string;
      /** Where the data was found: a file path, or a Web Storage key. */
      location: string;
      /** Where the corrupt data was kept: `<path>.corrupt` or `<key>.corrupt`. */
      movedTo: string;
    }
  | {
      /** Stable machine-readable code. */
      code: 'INSECURE_PERMISSIONS';
      /** A sentence a person can act on; names `location` and the mode in octal. */
      message: string;
      /** The token file. */
      location: string;
      /** Its permission bits (`mode & 0o777`), e.g. `0o644`. */
      mode: number;
    };

/** Receives {@link TokenStoreWarning}s from a store. */
export type TokenStoreWarningHandler = (warning: TokenStoreWarning) => void;

/** Builds the store error for `message`, keeping `cause` for debugging (never printed by the library). */
export function storeError(message: string, cause?: unknown): DeviceAuthError {
  return new DeviceAuthError('STORE', message, cause === undefined ? {} : { cause });
}

/** What each {@link DeviceToken} field must be, in the words an error message uses. */
const FIELD_RULES: ReadonlyArray<readonly [keyof DeviceToken, string, (value: unknown) => boolean]> = [
  ['accessToken', 'a non-empty string', (x) => typeof x === 'string' && x.length > 0],
  ['refreshToken', 'absent or a non-empty string', (x) => x === undefined || (typeof x === 'string' && x.length > 0)],
  ['tokenType', 'a non-empty string', (x) => typeof x === 'string' && x.length > 0],
  ['scope', 'a string', (x) => typeof x === 'string'],
  ['createdAt', 'a finite number >= 0', (x) => typeof x === 'number' && Number.isFinite(x) && x >= 0],
  ['expiresIn', 'a finite number >= 0', (x) => typeof x === 'number' && Number.isFinite(x) && x >= 0],
  ['expiresAt', 'a finite number', (x) => typeof x === 'number' && Number.isFinite(x)],
];

/**
 * Describes why `token` could not be written and read back (naming the field, never its value),
 * or returns `undefined` when it is well-formed. Mirrors the checks of `fromStoredToken`.
 */
export function describeInvalidToken(token: DeviceToken): string | undefined {
  if (typeof token !== 'object' || token === null) return 'the token must be an object';
  for (const [field, expected, isValid] of FIELD_RULES) {
    if (!isValid(token[field])) return `"${field}" must be ${expected}`;
  }
  return undefined;
}

/**
 * Converts `token` to the stored JSON form, or throws a `'STORE'` error naming the bad field
 * (never its value). Used by every `set()` so that no store accepts what it could not read back.
 */
export function toStorableToken(token: DeviceToken): StoredToken {
  const problem = describeInvalidToken(token);
  if (problem !== undefined) throw storeError(`refusing to store a malformed token: ${problem}`);
  return toStoredToken(token);
}

/**
 * A copy of `token` holding only the {@link DeviceToken} fields, so callers can neither mutate
 * stored state nor smuggle extra properties into it.
 */
export function copyToken(token: DeviceToken): DeviceToken {
  return {
    accessToken: token.accessToken,
    ...(token.refreshToken === undefined ? {} : { refreshToken: token.refreshToken }),
    tokenType: token.tokenType,
    scope: token.scope,
    createdAt: token.createdAt,
    expiresIn: token.expiresIn,
    expiresAt: token.expiresAt,
  };
}

/**
 * Parses the text a store wrote (JSON in the {@link StoredToken} form). Returns `undefined` for
 * anything else; the parse error is deliberately dropped because its message can quote the input.
 */
export function parseStoredToken(text: string): DeviceToken | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  return fromStoredToken(value);
}

/** Serializes a token for storage: the {@link StoredToken} JSON, pretty-printed for people who look. */
export function serializeToken(token: DeviceToken): string {
  return `${JSON.stringify(toStorableToken(token), null, 2)}\n`;
}

/** Builds the {@link TokenStoreWarning} for corrupt data found at `location` and kept at `movedTo`. */
export function corruptTokenWarning(kind: 'file' | 'Web Storage key', location: string, movedTo: string): TokenStoreWarning {
  return {
    code: 'TOKEN_STORE_CORRUPT',
    message:
      `${kind} ${location} did not hold a valid token (not JSON, or a field is missing or malformed); ` +
      `it was moved to ${movedTo} and the session is treated as signed out`,
    location,
    movedTo,
  };
}

/** Builds the {@link TokenStoreWarning} for a token file at `location` that other users can access (`mode`: permission bits). */
export function insecurePermissionsWarning(location: string, mode: number): TokenStoreWarning {
  const octal = `0${(mode & 0o777).toString(8).padStart(3, '0')}`;
  return {
    code: 'INSECURE_PERMISSIONS',
    message:
      `token file ${location} has mode ${octal}: other users can access the live token it holds; ` +
      `restrict it with chmod 600 (the store writes it 0600 on its next write)`,
    location,
    mode: mode & 0o777,
  };
}

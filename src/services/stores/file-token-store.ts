/**
 * A {@link TokenStore} backed by one JSON file (the `StoredToken` form of `./token.ts`, snake_case), for CLIs and
 * desktop apps. Because Trakt refresh tokens are single-use (Trakt "Tokens after approval"), a
 * torn or lost write would sign the person out for good, and two processes refreshing the same
 * pair would too, so writes are atomic, serialized and locked:
 *
 * - `set()` writes `<path>.<pid>.<random>.tmp` in the same directory (created `0600`,
 *   exclusively), fsyncs it, renames it over `<path>`, then fsyncs the directory (best effort). A
 *   failure at any step removes the temp file and leaves the previous token file intact.
 * - A temp file left by a writer that crashed holds a live token: `set()` and `delete()` remove
 *   the store's temp files whose process is gone or that are older than `staleAfterMs` (see
 *   `./stale-temp-files.ts`).
 * - `set()`, `delete()` and `withLock()` hold `<path>.lock` (see `./file-lock.ts`), so processes
 *   sharing the file take turns; `withLock(critical)` holds it around a whole read-refresh-write,
 *   and the store's own calls made inside `critical` run under it.
 * - Operations on one store run one at a time in call order, so a `set()` that started first can
 *   never land after a later one.
 * - A missing directory is created with mode `0700`; an existing one is left as it is.
 * - A corrupt file is renamed to `<path>.corrupt` (replacing an older `.corrupt` file, so at most
 *   one copy is kept and disk use stays bounded) and reported as a {@link TokenStoreWarning}.
 * - A token file that other users can access (group or others permission bits) is reported as
 *   an `INSECURE_PERMISSIONS` warning when it is read; the store itself writes `0600`.
 * - A path that is not a regular file (`/dev/null`, a FIFO, a socket, a directory) is refused
 *   with a `STORE` error by every operation and never replaced, opened for writing or deleted;
 *   nothing is created next to it. It is opened non-blocking, so a FIFO cannot hang a read.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import * as nodeFs from 'node:fs/promises';
import os from 'node:os';
import nodePath from 'node:path';
import { DeviceAuthError } from '../../core/errors.js';
import type { DeviceToken } from '../../core/token.js';
import { acquireFileLock, type TokenFileLockHolder } from './file-lock.js';
import { removeStaleTempFiles, tempFilePath } from './stale-temp-files.js';
import {
  describeFileKind,
  errorCode,
  osReason,
  type TokenFileHandle,
  type TokenFileStats,
  type TokenFileSystem,
} from './token-file-system.js';
import {
  corruptTokenWarning,
  insecurePermissionsWarning,
  isSameTokenPair,
  parseStoredToken,
  serializeToken,
  storeError,
  toStorableToken,
  type TokenPair,
  type TokenStore,
  type TokenStoreWarning,
  type TokenStoreWarningHandler,
} from './token-store.js';

export type { TokenFileHandle, TokenFileStats, TokenFileSystem } from './token-file-system.js';
export type { TokenFileLockHolder } from './file-lock.js';

/** Options of {@link createFileTokenStore}. */
export interface FileTokenStoreOptions {
  /** The token file. Relative paths are resolved against the working directory once, at creation. */
  path: string;
  /**
   * Receives a warning when a corrupt file was moved aside (`TOKEN_STORE_CORRUPT`) or a token
   * file other users can access was read (`INSECURE_PERMISSIONS`). Defaults to
   * `process.emitWarning` (type `DeviceAuthWarning`), so the problem is never silent.
   */
  onWarning?: TokenStoreWarningHandler;
  /** File-system functions to use instead of `node:fs/promises` (for tests). */
  fs?: TokenFileSystem;
  /**
   * A lock or a leftover temporary file older than this (ms) is taken over or removed even if its
   * process is still alive (hung, or on another host). Default {@link TOKEN_FILE_STALE_AFTER_MS}.
   * One whose process is gone is taken over or removed at once.
   */
  staleAfterMs?: number;
  /**
   * Which provider the token belongs to, written beside it as `"provider"` by every `set()`
   * (`null` or left out: none). A store that rewrites a file holding a record passes the record
   * {@link FileTokenStore.readProvider} read, so that a refresh keeps it. A file without one
   * (written before providers were recorded) is a Trakt file to the CLI.
   */
  provider?: TokenFileProvider | null | undefined;
  /** How often a lock held by another process is checked again, in ms. Default 25. */
  lockRetryMs?: number;
  /**
   * Called when an operation has to wait for another process's lock (once per operation), e.g.
   * to tell the person "waiting for another device-auth process (pid 1234)".
   */
  onLockWait?: (holder: TokenFileLockHolder) => void;
}

/**
 * Which provider a token file's token belongs to, as flat text fields (the CLI writes `name`, and
 * where they apply `clientId`, `issuer`, the endpoints, `tenant`, `baseUrl`). Never a secret.
 */
export type TokenFileProvider = Readonly<Record<string, string>>;

/** A file {@link TokenStore} that also reads the provider record kept beside the token. */
export interface FileTokenStore extends TokenStore {
  /**
   * The file's provider record (see {@link FileTokenStoreOptions.provider}); `undefined` when there
   * is no file, no record, or the file is not JSON. Rejects with `STORE` when the file cannot be read.
   */
  readProvider(): Promise<TokenFileProvider | undefined>;
}

/** The provider record in a token file's text, when it holds a well-formed one. */
function providerRecordOf(text: string | undefined): TokenFileProvider | undefined {
  if (text === undefined) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  const record = typeof value === 'object' && value !== null ? (value as { provider?: unknown }).provider : undefined;
  if (typeof record !== 'object' || record === null || Array.isArray(record)) return undefined;
  const entries = Object.entries(record).filter((entry): entry is [string, string] => typeof entry[1] === 'string');
  return entries.length === Object.keys(record).length ? Object.fromEntries(entries) : undefined;
}

/** The token's stored JSON with the provider record beside it. */
function serializeWithProvider(token: DeviceToken, provider: TokenFileProvider): string {
  return `${JSON.stringify({ ...toStorableToken(token), provider }, null, 2)}\n`;
}

/** Mode of the token file: read and write for the owner only. */
export const TOKEN_FILE_MODE = 0o600;
/** Mode of a token directory the store creates: owner only. */
export const TOKEN_DIRECTORY_MODE = 0o700;
/**
 * Default age (ms) after which a lock file is stale even when its process is alive. A refresh
 * holds the lock for one HTTP request (15 s timeout by default), so a minute is generous.
 */
export const TOKEN_FILE_STALE_AFTER_MS = 60_000;
const DEFAULT_LOCK_RETRY_MS = 25;
/** Flags to open the token file for reading: never blocks on a FIFO (`O_NONBLOCK` does not exist on Windows). */
const READ_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);
/** Unix permission bits mean nothing on Windows. */
const CHECKS_MODE = process.platform !== 'win32';

/**
 * The stores whose lock the current async context holds (inside `withLock`), so their calls made
 * there run under it instead of waiting for it.
 */
const heldLocks = new AsyncLocalStorage<ReadonlySet<object>>();

/**
 * Where the CLI keeps its token: `$XDG_CONFIG_HOME/device-auth/token.json` when
 * `XDG_CONFIG_HOME` is set to an absolute path (the XDG Base Directory spec says to ignore a
 * relative one), else `~/.config/device-auth/token.json`.
 *
 * @param env - The environment to read `XDG_CONFIG_HOME` from.
 * @param home - The home directory.
 */
export function defaultTokenPath(env: NodeJS.ProcessEnv = process.env, home: string = os.homedir()): string {
  const xdg = env.XDG_CONFIG_HOME;
  const configHome = xdg !== undefined && nodePath.isAbsolute(xdg) ? xdg : nodePath.join(home, '.config');
  return nodePath.join(configHome, 'device-auth', 'token.json');
}

/**
 * Creates a {@link TokenStore} that keeps the token in the JSON file at `options.path`.
 *
 * - `get()`: a missing file is `undefined`; a corrupt file (not JSON, or not a valid
 *   `StoredToken`) is moved to `<path>.corrupt`, reported to `onWarning`, and is
 *   `undefined`; an unreadable file (`EACCES`, ...) rejects with code `'STORE'`, naming the path
 *   and the OS reason. If a corrupt file cannot be moved aside, `get()` rejects and leaves it in
 *   place rather than let a later `set()` destroy it. A file with group or others permission
 *   bits is read and reported to `onWarning` (`INSECURE_PERMISSIONS`, naming the path and mode).
 * - Every operation rejects with `'STORE'` when the path exists and is not a regular file
 *   (a character device such as `/dev/null`, a FIFO, a socket, a directory), leaving it untouched.
 * - `set()`: atomic write under the lock, as described in the module comment; failures reject
 *   with `'STORE'`.
 * - `delete(expected?)`: removes the file under the lock (and stale temp files: a logout leaves
 *   no token behind); a missing file is fine. With
 *   `expected`, only while the file still holds that pair (compare-before-delete); a different
 *   pair is kept.
 * - `withLock(critical)`: runs `critical` holding the lock (waiting for another process's, and
 *   taking over a stale one); this store's calls made inside it run under it.
 *
 * Error messages and warnings name paths and OS reasons, never token values.
 *
 * @throws {@link DeviceAuthError} with code `'CONFIGURATION'` when `path` is empty.
 *
 * @example
 * ```ts
 * const store = createFileTokenStore({ path: defaultTokenPath() });
 * const token = await store.get();
 * ```
 */
export function createFileTokenStore(options: FileTokenStoreOptions): FileTokenStore {
  if (typeof options.path !== 'string' || options.path.length === 0) {
    throw new DeviceAuthError('CONFIGURATION', 'file token store: "path" must be a non-empty string');
  }
  const path = nodePath.resolve(options.path);
  const directory = nodePath.dirname(path);
  const corruptPath = `${path}.corrupt`;
  const lockPath = `${path}.lock`;
  const fs: TokenFileSystem = options.fs ?? nodeFs;
  const staleAfterMs = options.staleAfterMs ?? TOKEN_FILE_STALE_AFTER_MS;
  const onWarning = options.onWarning ?? emitProcessWarning;
  const serialize = createSerializer();
  /** This store's identity in {@link heldLocks}. */
  const owner = {};
  const holdsLock = (): boolean => heldLocks.getStore()?.has(owner) === true;

  /** The STORE error for a token path that is not a regular file (a device, a FIFO, a directory). */
  const notRegularFile = (info: TokenFileStats): DeviceAuthError =>
    storeError(`token file ${path} is ${describeFileKind(info)}, not a regular file; it is left untouched (choose another path)`);

  /** Refuses a path that exists and is not a regular file, before anything is created next to it or replaces it. */
  async function checkKind(): Promise<void> {
    let info: TokenFileStats;
    try {
      info = await fs.stat(path);
    } catch (error) {
      if (errorCode(error) === 'ENOENT' || errorCode(error) === 'ENOTDIR') return; // nothing there (yet)
      throw storeError(`cannot examine token file ${path}: ${osReason(error)}`, error);
    }
    if (!info.isFile()) throw notRegularFile(info);
  }

  /** The file's text, or `undefined` when there is no file; refuses what is not a regular file. */
  async function readText(): Promise<string | undefined> {
    let handle: TokenFileHandle;
    try {
      // Non-blocking, so a FIFO is opened (and refused below) instead of waiting for a writer.
      handle = await fs.open(path, READ_FLAGS);
    } catch (error) {
      if (errorCode(error) === 'ENOENT') return undefined;
      throw storeError(`cannot read token file ${path}: ${osReason(error)}`, error);
    }
    let text: string;
    try {
      const info = await handle.stat();
      if (!info.isFile()) throw notRegularFile(info);
      if (CHECKS_MODE && (info.mode & 0o077) !== 0) onWarning(insecurePermissionsWarning(path, info.mode));
      text = await handle.readFile('utf8');
    } catch (error) {
      if (error instanceof DeviceAuthError) throw error;
      throw storeError(`cannot read token file ${path}: ${osReason(error)}`, error);
    } finally {
      await handle.close().catch(() => undefined);
    }
    return text;
  }

  async function read(): Promise<DeviceToken | undefined> {
    const text = await readText();
    if (text === undefined) return undefined;
    const token = parseStoredToken(text);
    if (token !== undefined) return token;
    try {
      await fs.rename(path, corruptPath);
    } catch (error) {
      if (errorCode(error) === 'ENOENT') return undefined; // removed meanwhile: signed out either way
      throw storeError(
        `token file ${path} is corrupt and could not be moved to ${corruptPath} (${osReason(error)}); it was left in place`,
        error,
      );
    }
    onWarning(corruptTokenWarning('file', path, corruptPath));
    return undefined;
  }

  async function makeDirectory(): Promise<void> {
    try {
      await fs.mkdir(directory, { recursive: true, mode: TOKEN_DIRECTORY_MODE });
    } catch (error) {
      throw storeError(`cannot create directory ${directory} for token file ${path}: ${osReason(error)}`, error);
    }
  }

  /** Removes temporary files left by writers that crashed; the caller holds the lock. */
  const removeLeftovers = (): Promise<unknown> => removeStaleTempFiles(path, fs, staleAfterMs);

  /** Writes `data` atomically; the caller holds the lock. */
  async function write(data: string): Promise<void> {
    await checkKind();
    await removeLeftovers();
    const tempPath = tempFilePath(path, randomBytes(6).toString('hex'));
    let handle: TokenFileHandle | undefined;
    let created = false;
    try {
      handle = await fs.open(tempPath, 'wx', TOKEN_FILE_MODE);
      created = true;
      await handle.writeFile(data, 'utf8');
      await handle.sync();
      const opened = handle;
      handle = undefined;
      await opened.close();
      await fs.rename(tempPath, path);
    } catch (error) {
      await handle?.close().catch(() => undefined);
      // Only remove a temp file this call created ('wx' failing means it belongs to someone else).
      if (created) await fs.unlink(tempPath).catch(() => undefined);
      throw storeError(`cannot write token file ${path}: ${osReason(error)}; the previous file is unchanged`, error);
    }
    await syncDirectory(fs, directory);
  }

  /** Removes the file (only while it holds `expected`, when given); the caller holds the lock. */
  async function remove(expected?: TokenPair): Promise<void> {
    await checkKind();
    await removeLeftovers();
    if (expected !== undefined) {
      const current = await read();
      if (current === undefined || !isSameTokenPair(current, expected)) return;
    }
    try {
      await fs.unlink(path);
    } catch (error) {
      if (errorCode(error) === 'ENOENT') return;
      throw storeError(`cannot delete token file ${path}: ${osReason(error)}`, error);
    }
  }

  /** Runs `critical` holding the lock file, with this store marked as held in the async context. */
  async function underLock<T>(critical: () => Promise<T>): Promise<T> {
    const lock = await acquireFileLock(lockPath, {
      fs,
      staleAfterMs,
      retryMs: options.lockRetryMs ?? DEFAULT_LOCK_RETRY_MS,
      onWait: options.onLockWait,
    });
    const held = new Set(heldLocks.getStore());
    held.add(owner);
    try {
      return await heldLocks.run(held, critical);
    } finally {
      held.delete(owner); // a call that outlives `critical` waits for the lock like any other
      await lock.release();
    }
  }

  async function directoryExists(): Promise<boolean> {
    try {
      await fs.stat(directory);
      return true;
    } catch (error) {
      if (errorCode(error) === 'ENOENT') return false;
      throw storeError(`cannot reach the directory of token file ${path}: ${osReason(error)}`, error);
    }
  }

  return {
    get: () => (holdsLock() ? read() : serialize(read)),
    set: async (token) => {
      // Validates before anything touches the disk.
      const data = options.provider ? serializeWithProvider(token, options.provider) : serializeToken(token);
      if (holdsLock()) return write(data);
      return serialize(async () => {
        await checkKind();
        await makeDirectory();
        return underLock(() => write(data));
      });
    },
    readProvider: () => serialize(async () => providerRecordOf(await readText())),
    delete: async (expected) => {
      if (holdsLock()) return remove(expected);
      return serialize(async () => {
        await checkKind();
        if (!(await directoryExists())) return; // nothing can be stored
        return underLock(() => remove(expected));
      });
    },
    withLock: async (critical) => {
      if (holdsLock()) return critical();
      return serialize(async () => {
        await checkKind();
        await makeDirectory();
        return underLock(critical);
      });
    },
  };
}

/** Runs async operations one at a time, in call order, whether earlier ones fail or not. */
function createSerializer(): <T>(operation: () => Promise<T>) => Promise<T> {
  let tail: Promise<unknown> = Promise.resolve();
  return (operation) => {
    const run = tail.then(operation);
    tail = run.catch(() => undefined);
    return run;
  };
}

/** Makes the rename durable. Best effort: some platforms (Windows) cannot open a directory. */
async function syncDirectory(fs: TokenFileSystem, directory: string): Promise<void> {
  let handle: TokenFileHandle | undefined;
  try {
    handle = await fs.open(directory, 'r');
    await handle.sync();
  } catch {
    // The file itself is already synced and renamed; durability of the rename is a bonus.
  } finally {
    await handle?.close().catch(() => undefined);
  }
}

function emitProcessWarning(warning: TokenStoreWarning): void {
  process.emitWarning(warning.message, { type: 'DeviceAuthWarning', code: warning.code });
}

/**
 * A {@link TokenStore} backed by one JSON file (the `StoredToken` form of `./token.ts`, snake_case), for CLIs and
 * desktop apps. Because Trakt refresh tokens are single-use (Trakt "Tokens after approval"), a
 * torn or lost write would sign the person out for good, so writes are atomic and serialized:
 *
 * - `set()` writes `<path>.<random>.tmp` in the same directory (created `0600`, exclusively),
 *   fsyncs it, renames it over `<path>`, then fsyncs the directory (best effort). A failure at any
 *   step removes the temp file and leaves the previous token file intact.
 * - Operations on one store run one at a time in call order, so a `set()` that started first can
 *   never land after a later one.
 * - A missing directory is created with mode `0700`; an existing one is left as it is.
 * - A corrupt file is renamed to `<path>.corrupt` (replacing an older `.corrupt` file, so at most
 *   one copy is kept and disk use stays bounded) and reported as a {@link TokenStoreWarning}.
 */
import { randomBytes } from 'node:crypto';
import * as nodeFs from 'node:fs/promises';
import os from 'node:os';
import nodePath from 'node:path';
import { DeviceAuthError } from '../../core/errors.js';
import type { DeviceToken } from '../../core/token.js';
import {
  corruptTokenWarning,
  isSameTokenPair,
  parseStoredToken,
  serializeToken,
  storeError,
  type TokenPair,
  type TokenStore,
  type TokenStoreWarning,
  type TokenStoreWarningHandler,
} from './token-store.js';

/** The part of a `node:fs/promises` `FileHandle` the file store uses. */
export interface TokenFileHandle {
  /** Writes the whole file content. */
  writeFile(data: string, encoding: 'utf8'): Promise<void>;
  /** Flushes the file (or directory) to disk (`fsync`). */
  sync(): Promise<void>;
  /** Closes the handle. */
  close(): Promise<void>;
}

/**
 * The few `node:fs/promises` functions the file store uses. `node:fs/promises` itself satisfies
 * it; tests inject a wrapper to simulate failures that permissions cannot (tests often run as root).
 */
export interface TokenFileSystem {
  /** Reads a whole file as UTF-8. */
  readFile(path: string, encoding: 'utf8'): Promise<string>;
  /** Opens a file (`'wx'` to create exclusively, `'r'` for the directory fsync). */
  open(path: string, flags: string, mode?: number): Promise<TokenFileHandle>;
  /** Renames atomically, replacing `newPath` if it exists. */
  rename(oldPath: string, newPath: string): Promise<void>;
  /** Removes a file. */
  unlink(path: string): Promise<void>;
  /** Creates a directory and its missing parents. */
  mkdir(path: string, options: { recursive: true; mode: number }): Promise<string | undefined>;
}

/** Options of {@link createFileTokenStore}. */
export interface FileTokenStoreOptions {
  /** The token file. Relative paths are resolved against the working directory once, at creation. */
  path: string;
  /**
   * Receives a warning when a corrupt file was moved aside. Defaults to `process.emitWarning`
   * (type `DeviceAuthWarning`), so the problem is never silent.
   */
  onWarning?: TokenStoreWarningHandler;
  /** File-system functions to use instead of `node:fs/promises` (for tests). */
  fs?: TokenFileSystem;
}

/** Mode of the token file: read and write for the owner only. */
export const TOKEN_FILE_MODE = 0o600;
/** Mode of a token directory the store creates: owner only. */
export const TOKEN_DIRECTORY_MODE = 0o700;

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
 *   `undefined`; an unreadable file (`EACCES`, `EISDIR`, ...) rejects with code `'STORE'`, naming
 *   the path and the OS reason. If a corrupt file cannot be moved aside, `get()` rejects and leaves
 *   it in place rather than let a later `set()` destroy it.
 * - `set()`: atomic write as described in the module comment; failures reject with `'STORE'`.
 * - `delete(expected?)`: removes the file; a missing file is fine. With `expected`, only while the
 *   file still holds that pair (compare-before-delete); a different pair is kept.
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
export function createFileTokenStore(options: FileTokenStoreOptions): TokenStore {
  if (typeof options.path !== 'string' || options.path.length === 0) {
    throw new DeviceAuthError('CONFIGURATION', 'file token store: "path" must be a non-empty string');
  }
  const path = nodePath.resolve(options.path);
  const directory = nodePath.dirname(path);
  const corruptPath = `${path}.corrupt`;
  const fs: TokenFileSystem = options.fs ?? nodeFs;
  const onWarning = options.onWarning ?? emitProcessWarning;
  const serialize = createSerializer();

  async function read(): Promise<DeviceToken | undefined> {
    let text: string;
    try {
      text = await fs.readFile(path, 'utf8');
    } catch (error) {
      if (errorCode(error) === 'ENOENT') return undefined;
      throw storeError(`cannot read token file ${path}: ${osReason(error)}`, error);
    }
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

  async function write(token: DeviceToken): Promise<void> {
    const data = serializeToken(token); // validates before anything touches the disk
    try {
      await fs.mkdir(directory, { recursive: true, mode: TOKEN_DIRECTORY_MODE });
    } catch (error) {
      throw storeError(`cannot create directory ${directory} for token file ${path}: ${osReason(error)}`, error);
    }
    const tempPath = `${path}.${randomBytes(6).toString('hex')}.tmp`;
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

  async function remove(expected?: TokenPair): Promise<void> {
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

  return {
    get: () => serialize(read),
    set: (token) => serialize(() => write(token)),
    delete: (expected) => serialize(() => remove(expected)),
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

function errorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
  return typeof error.code === 'string' ? error.code : undefined;
}

/** The OS reason of a file-system error, e.g. `EISDIR: illegal operation on a directory, read`. */
function osReason(error: unknown): string {
  if (error instanceof Error) return error.message;
  return errorCode(error) ?? 'unknown error';
}

/**
 * The few file-system functions the file token store, its lock and its clean-up use.
 * `node:fs/promises` itself satisfies {@link TokenFileSystem}; tests inject a wrapper to simulate
 * failures that permissions cannot (tests often run as root).
 */

/** What the store reads from a `stat`: node's `Stats` satisfies it. */
export interface TokenFileStats {
  /** Permission and type bits. */
  mode: number;
  /** Last modification, ms since the epoch. */
  mtimeMs: number;
  isFile(): boolean;
  isDirectory(): boolean;
  isCharacterDevice(): boolean;
  isBlockDevice(): boolean;
  isFIFO(): boolean;
  isSocket(): boolean;
}

/** The part of a `node:fs/promises` `FileHandle` the file store uses. */
export interface TokenFileHandle {
  /** Writes the whole file content. */
  writeFile(data: string, encoding: 'utf8'): Promise<void>;
  /** Reads the whole file as UTF-8. */
  readFile(encoding: 'utf8'): Promise<string>;
  /** What the handle points at (`fstat`): checked before reading, so a FIFO is never read. */
  stat(): Promise<TokenFileStats>;
  /** Flushes the file (or directory) to disk (`fsync`). */
  sync(): Promise<void>;
  /** Closes the handle. */
  close(): Promise<void>;
}

/** The `node:fs/promises` functions the file store uses. */
export interface TokenFileSystem {
  /** Reads a whole file as UTF-8 (the lock file). */
  readFile(path: string, encoding: 'utf8'): Promise<string>;
  /**
   * Opens a file: `'wx'` to create exclusively (temporary and lock files), `'r'` for the
   * directory fsync, numeric flags (`O_RDONLY | O_NONBLOCK`) to read the token file.
   */
  open(path: string, flags: string | number, mode?: number): Promise<TokenFileHandle>;
  /** Renames atomically, replacing `newPath` if it exists. */
  rename(oldPath: string, newPath: string): Promise<void>;
  /** Removes a file. */
  unlink(path: string): Promise<void>;
  /** Creates a directory and its missing parents. */
  mkdir(path: string, options: { recursive: true; mode: number }): Promise<string | undefined>;
  /** What a path is (symbolic links followed). */
  stat(path: string): Promise<TokenFileStats>;
  /** The names in a directory (to find the store's own leftover temporary files). */
  readdir(path: string): Promise<string[]>;
}

/** The `code` of a file-system error (`ENOENT`, `EEXIST`, ...), if it has one. */
export function errorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
  return typeof error.code === 'string' ? error.code : undefined;
}

/** The OS reason of a file-system error, e.g. `EISDIR: illegal operation on a directory, read`. */
export function osReason(error: unknown): string {
  if (error instanceof Error) return error.message;
  return errorCode(error) ?? 'unknown error';
}

/** What a path that is not a regular file is, for messages: `a character device`, `a FIFO (named pipe)`, ... */
export function describeFileKind(info: TokenFileStats): string {
  if (info.isDirectory()) return 'a directory';
  if (info.isCharacterDevice()) return 'a character device';
  if (info.isBlockDevice()) return 'a block device';
  if (info.isFIFO()) return 'a FIFO (named pipe)';
  if (info.isSocket()) return 'a socket';
  return 'not a regular file';
}

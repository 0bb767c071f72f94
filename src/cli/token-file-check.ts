/**
 * Before asking Trakt for a code: make sure the token can be saved where it will go. Finding out
 * after the person approved on their phone would throw away a used-up code and a live token.
 * A path that cannot name a token file (empty, a folder, a device, a FIFO, a socket) is a mistake
 * in the command (usage error, exit 2) and is never opened, let alone replaced; a folder that
 * cannot be written is a failure (exit 1).
 */
import { randomBytes } from 'node:crypto';
import type { Stats } from 'node:fs';
import { mkdir, open, stat, unlink } from 'node:fs/promises';
import { dirname, join, sep } from 'node:path';
import { DeviceAuthError } from '../index.js';
import { defaultTokenPath } from '../node.js';
import { UsageError } from './usage-error.js';

/**
 * The token file a command uses: `--token-file` when given, else the default path. A given
 * value that cannot be a file's path is a {@link UsageError}: empty, with a NUL character, or
 * ending in a path separator.
 *
 * @param flag - The `--token-file` value, if any.
 * @param env - For the default path (`XDG_CONFIG_HOME`, `HOME`).
 */
export function tokenFilePath(flag: string | undefined, env: Record<string, string | undefined>): string {
  if (flag === undefined) return defaultTokenPath(env);
  if (flag === '') {
    throw new UsageError(`--token-file must not be empty: give the file to save the token to, or leave the flag out for ${defaultTokenPath(env)}.`);
  }
  if (flag.includes('\0')) throw new UsageError('--token-file must not contain a NUL character.');
  if (flag.endsWith('/') || flag.endsWith(sep)) {
    throw new UsageError(`--token-file must name a file, not a folder: "${flag}" ends with "${flag.at(-1)}"; try ${join(flag, 'token.json')}.`);
  }
  return flag;
}

/** What a non-regular file is, for the message. */
function kindOf(info: Stats): string {
  if (info.isDirectory()) return 'a directory';
  if (info.isCharacterDevice()) return 'a character device';
  if (info.isBlockDevice()) return 'a block device';
  if (info.isFIFO()) return 'a FIFO (named pipe)';
  if (info.isSocket()) return 'a socket';
  return 'not a regular file';
}

/** The reason an fs error gives, in words a person can act on. */
function reasonOf(error: unknown, folder: string): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOTDIR' || code === 'EEXIST') return `${folder} is not a folder`;
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EROFS') return 'the file system is read-only';
  return code ?? String(error);
}

/** The `STORE` error for a token file that cannot be written (exit 1). */
function storeFailure(path: string, reason: string, cause?: unknown): DeviceAuthError {
  return new DeviceAuthError('STORE', `Cannot save the token to ${path}: ${reason}. Choose another --token-file; nothing was sent to Trakt.`, { cause });
}

/**
 * Resolves when `path` is a regular file (symbolic links followed) or does not exist yet; throws
 * a {@link UsageError} naming what it is otherwise (a directory, a device such as /dev/null, a
 * FIFO, a socket), before anything opens it. Other `stat` failures reject with a `STORE` error.
 */
export async function checkTokenFileKind(path: string): Promise<void> {
  const info = await stat(path).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw storeFailure(path, reasonOf(error, dirname(path)), error);
  });
  if (info && !info.isFile()) {
    throw new UsageError(`Cannot keep the token in ${path}: it is ${kindOf(info)}, not a regular file. Choose another --token-file; nothing was sent to Trakt.`);
  }
}

/**
 * Resolves when `path` can be written: a regular file or nothing yet ({@link checkTokenFileKind}),
 * its folder exists or can be created (mode 0700), and a file can be created in it. Rejects with
 * a `STORE` error naming the path otherwise.
 */
export async function checkTokenFileWritable(path: string): Promise<void> {
  await checkTokenFileKind(path);
  const folder = dirname(path);
  const probe = join(folder, `.device-auth-probe-${randomBytes(6).toString('hex')}`);
  try {
    await mkdir(folder, { recursive: true, mode: 0o700 });
    const handle = await open(probe, 'wx', 0o600);
    await handle.close();
    await unlink(probe);
  } catch (error) {
    throw storeFailure(path, reasonOf(error, folder), error);
  }
}

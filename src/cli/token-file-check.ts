/**
 * Before asking Trakt for a code: make sure the token can be saved where it will go. Finding out
 * after the person approved on their phone would throw away a used-up code and a live token.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, open, stat, unlink } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { DeviceAuthError } from '../index.js';

/**
 * Resolves when `path` can be written: not a directory, its folder exists or can be created
 * (mode 0700), and a file can be created in it. Rejects with a `STORE` error naming the path.
 */
export async function checkTokenFileWritable(path: string): Promise<void> {
  const fail = (reason: string, cause?: unknown): DeviceAuthError =>
    new DeviceAuthError('STORE', `Cannot save the token to ${path}: ${reason}. Choose another --token-file; nothing was sent to Trakt.`, {
      cause,
    });
  const reason = (error: unknown): string => {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOTDIR' || code === 'EEXIST') return `${folder} is not a folder`;
    if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
    if (code === 'EROFS') return 'the file system is read-only';
    return code ?? String(error);
  };
  const folder = dirname(path);
  const info = await stat(path).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw fail(reason(error), error);
  });
  if (info?.isDirectory()) throw fail('it is a directory');
  const probe = join(folder, `.device-auth-probe-${randomBytes(6).toString('hex')}`);
  try {
    await mkdir(folder, { recursive: true, mode: 0o700 });
    const handle = await open(probe, 'wx', 0o600);
    await handle.close();
    await unlink(probe);
  } catch (error) {
    throw fail(reason(error), error);
  }
}

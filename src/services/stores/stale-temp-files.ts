/**
 * Leftover temporary files of a file token store. A process that dies between writing
 * `<path>.<pid>.<random>.tmp` and renaming it over the token file leaves a file that holds a live
 * token pair. The store removes such files on its next write or delete (logout), while it holds
 * the lock, so no writer that respects the lock can be using them.
 *
 * Only the store's own names are considered (same directory, `<token file name>.<pid>.<12 hex>.tmp`,
 * or `<token file name>.<12 hex>.tmp` as written before the pid was part of the name), and only
 * those whose process is gone, or that are older than the bound (a writer that ignores the lock,
 * on this host or another, finishes well within it).
 */
import nodePath from 'node:path';
import { isProcessAlive } from './process-alive.js';
import type { TokenFileSystem } from './token-file-system.js';

/** The name of a new temporary file for `path`, written by this process. */
export function tempFilePath(path: string, random: string): string {
  return `${path}.${process.pid}.${random}.tmp`;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Removes the stale temporary files of the token file at `path`; best effort (a file that
 * cannot be examined or removed is left for the next time). Returns the names it removed.
 */
export async function removeStaleTempFiles(
  path: string,
  fs: Pick<TokenFileSystem, 'readdir' | 'stat' | 'unlink'>,
  staleAfterMs: number,
): Promise<string[]> {
  const directory = nodePath.dirname(path);
  const pattern = new RegExp(`^${escapeRegExp(nodePath.basename(path))}\\.(?:(\\d+)\\.)?[0-9a-f]{12}\\.tmp$`);
  let names: string[];
  try {
    names = await fs.readdir(directory);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    const match = pattern.exec(name);
    if (match === null) continue;
    const file = nodePath.join(directory, name);
    try {
      const pid = match[1] === undefined ? undefined : Number(match[1]);
      const abandoned = pid !== undefined && !isProcessAlive(pid);
      if (abandoned || Date.now() - (await fs.stat(file)).mtimeMs > staleAfterMs) {
        await fs.unlink(file);
        removed.push(name);
      }
    } catch {
      // Gone meanwhile, or not ours to remove: leave it.
    }
  }
  return removed;
}

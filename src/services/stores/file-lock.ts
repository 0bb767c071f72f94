/**
 * A lock file next to the token file, so that processes sharing one token file take turns to
 * read, refresh and write it. Trakt refresh tokens are single-use (Trakt "Tokens after
 * approval"): two processes refreshing the same stored pair at once sign the person out, so the
 * read-refresh-write must be one step across processes.
 *
 * - Taking the lock creates `<token file>.lock` exclusively (`O_CREAT | O_EXCL`, mode 0600) and
 *   writes who holds it: `{"pid", "hostname", "createdAt", "nonce"}`.
 * - A busy lock is polled every `retryMs` until it is released or becomes stale.
 * - Stale: its process is gone (same host, no such pid), or it is older than `staleAfterMs`
 *   (a hung holder, a holder on another host, or a file left empty by a crash between create and
 *   write, aged by its mtime). Breaking a stale lock is itself exclusive (`<lock>.break`, created
 *   the same way), and re-checks under it that the lock is still the stale one, so two waiters
 *   never both break it and a fresh lock taken meanwhile is never removed.
 * - Releasing removes the lock only while it is still this holder's (same nonce).
 */
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import { isProcessAlive } from './process-alive.js';
import { storeError } from './token-store.js';
import { errorCode, osReason, type TokenFileSystem } from './token-file-system.js';

/** Who holds a token file's lock, as reported to `onLockWait`. */

/**
 * This machine's name, to tell a holder on this host (whose process can be checked) from one on
 * another host sharing the folder. `undefined` where the runtime will not say (Deno without
 * `--allow-sys=hostname`): such a holder's lock then ends only by age.
 */
function thisHost(): string | undefined {
  try {
    return os.hostname();
  } catch {
    return undefined;
  }
}

export interface TokenFileLockHolder {
  /** The lock file. */
  path: string;
  /** The holder's process id, when the lock file could be read. */
  pid?: number;
  /** The holder's host name, when the lock file could be read. */
  hostname?: string;
  /** When the lock was taken, ms since the epoch (the lock file's mtime when its content is unreadable). */
  since: number;
}

/** Options of {@link acquireFileLock}. */
export interface FileLockOptions {
  /** The file system (the store's). */
  fs: Pick<TokenFileSystem, 'open' | 'readFile' | 'unlink' | 'stat'>;
  /** A lock older than this is stale even when its process is alive. */
  staleAfterMs: number;
  /** How often a busy lock is checked again. */
  retryMs: number;
  /** Called once per acquisition when the lock is held by someone else and has to be waited for. */
  onWait?: ((holder: TokenFileLockHolder) => void) | undefined;
}

/** A lock this process holds; release it exactly once. */
export interface HeldFileLock {
  /** Removes the lock file if it is still this holder's. Never rejects. */
  release(): Promise<void>;
}

/** What a lock file holds, as read back. */
interface LockRecord {
  pid?: number;
  hostname?: string;
  nonce?: string;
  since: number;
}

const delay = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Takes the lock at `lockPath`, waiting while another live holder has it and recovering a stale
 * one. Rejects with a `STORE` error when the lock file cannot be created (missing or read-only
 * directory, permissions).
 */
export async function acquireFileLock(lockPath: string, options: FileLockOptions): Promise<HeldFileLock> {
  const { fs } = options;
  const nonce = randomBytes(8).toString('hex');
  let notified = false;
  for (;;) {
    if (await tryCreate(lockPath, nonce, fs)) {
      return { release: () => release(lockPath, nonce, fs) };
    }
    const holder = await readRecord(lockPath, fs);
    if (holder === undefined) continue; // released meanwhile: try again at once
    if (isStale(holder, options.staleAfterMs)) {
      if (await breakStale(lockPath, holder, options)) continue;
    } else if (!notified) {
      notified = true;
      options.onWait?.({
        path: lockPath,
        since: holder.since,
        ...(holder.pid === undefined ? {} : { pid: holder.pid }),
        ...(holder.hostname === undefined ? {} : { hostname: holder.hostname }),
      });
    }
    await delay(options.retryMs);
  }
}

/** Creates the lock file exclusively with this holder's record; false when it exists. */
async function tryCreate(lockPath: string, nonce: string, fs: FileLockOptions['fs']): Promise<boolean> {
  let handle;
  try {
    handle = await fs.open(lockPath, 'wx', 0o600);
  } catch (error) {
    if (errorCode(error) === 'EEXIST') return false;
    throw storeError(`cannot lock token file (${lockPath}): ${osReason(error)}`, error);
  }
  const record = { pid: process.pid, hostname: thisHost(), createdAt: Date.now(), nonce };
  try {
    await handle.writeFile(JSON.stringify(record), 'utf8');
    await handle.close();
  } catch (error) {
    await handle.close().catch(() => undefined);
    await fs.unlink(lockPath).catch(() => undefined);
    throw storeError(`cannot lock token file (${lockPath}): ${osReason(error)}`, error);
  }
  return true;
}

/** The lock's record, `undefined` when there is no lock file. An unreadable record is aged by mtime. */
async function readRecord(lockPath: string, fs: FileLockOptions['fs']): Promise<LockRecord | undefined> {
  let text: string;
  try {
    text = await fs.readFile(lockPath, 'utf8');
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return undefined;
    throw storeError(`cannot read the token file's lock ${lockPath}: ${osReason(error)}`, error);
  }
  const parsed = parseRecord(text);
  if (parsed !== undefined) return parsed;
  try {
    return { since: (await fs.stat(lockPath)).mtimeMs };
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return undefined;
    throw storeError(`cannot read the token file's lock ${lockPath}: ${osReason(error)}`, error);
  }
}

function parseRecord(text: string): LockRecord | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const { pid, hostname, createdAt, nonce } = value as Record<string, unknown>;
  if (typeof createdAt !== 'number' || !Number.isFinite(createdAt)) return undefined;
  return {
    since: createdAt,
    ...(typeof pid === 'number' ? { pid } : {}),
    ...(typeof hostname === 'string' ? { hostname } : {}),
    ...(typeof nonce === 'string' ? { nonce } : {}),
  };
}

/** True when the holder crashed (same host, process gone) or has held the lock too long. */
function isStale(holder: LockRecord, staleAfterMs: number): boolean {
  if (Date.now() - holder.since > staleAfterMs) return true;
  return holder.pid !== undefined && holder.hostname === thisHost() && !isProcessAlive(holder.pid);
}

function sameRecord(a: LockRecord, b: LockRecord): boolean {
  return a.nonce === b.nonce && a.since === b.since && a.pid === b.pid;
}

/**
 * Removes the stale lock `stale`, under the exclusive `<lock>.break` file; true when this call
 * did the work (the caller tries to take the lock again at once), false when another process is
 * breaking it (the caller waits a round).
 */
async function breakStale(lockPath: string, stale: LockRecord, options: FileLockOptions): Promise<boolean> {
  const { fs } = options;
  const breakPath = `${lockPath}.break`;
  let handle;
  try {
    handle = await fs.open(breakPath, 'wx', 0o600);
  } catch (error) {
    if (errorCode(error) !== 'EEXIST') throw storeError(`cannot recover the stale lock ${lockPath}: ${osReason(error)}`, error);
    // Someone else is breaking it; a break file older than the bound was left by a crash.
    const info = await fs.stat(breakPath).catch(() => undefined);
    if (info !== undefined && Date.now() - info.mtimeMs > options.staleAfterMs) await fs.unlink(breakPath).catch(() => undefined);
    return false;
  }
  try {
    await handle.close();
    const current = await readRecord(lockPath, fs);
    if (current !== undefined && sameRecord(current, stale)) {
      await fs.unlink(lockPath).catch((error: unknown) => {
        if (errorCode(error) !== 'ENOENT') throw storeError(`cannot remove the stale lock ${lockPath}: ${osReason(error)}`, error);
      });
    }
    return true;
  } finally {
    await fs.unlink(breakPath).catch(() => undefined);
  }
}

async function release(lockPath: string, nonce: string, fs: FileLockOptions['fs']): Promise<void> {
  try {
    const current = await readRecord(lockPath, fs);
    if (current?.nonce === nonce) await fs.unlink(lockPath);
  } catch {
    // Best effort: a lock left behind is recovered as stale (this process's pid, then its age).
  }
}

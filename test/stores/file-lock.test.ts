/**
 * The file store's lock next to the token file (`<path>.lock`): processes sharing one token file
 * take turns, a busy lock is waited for, and a lock whose holder is gone (or too old) is taken
 * over. Holders are real child processes where the test needs a live or a dead one.
 */
import { readdir, readFile, utimes, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { describe, expect, it } from 'vitest';
import { createFileTokenStore, type TokenFileLockHolder } from '../../src/services/stores/file-token-store.js';
import { sampleToken, useTempDir } from './fixtures.js';
import { crash, startStoreProcess } from './store-process.js';

const tmp = useTempDir();
const lockOf = (file: string): string => `${file}.lock`;

/** Resolves with the first holder `onLockWait` reports. */
function lockWaits() {
  const holders: TokenFileLockHolder[] = [];
  let notify: (holder: TokenFileLockHolder) => void = () => undefined;
  const first = new Promise<TokenFileLockHolder>((resolve) => (notify = resolve));
  return {
    holders,
    first,
    onLockWait: (holder: TokenFileLockHolder) => {
      holders.push(holder);
      notify(holder);
    },
  };
}

describe('file token store: the lock file', () => {
  it('a lock held by a live process: set() waits (reported once, with its pid) and writes after the release', async () => {
    const holder = startStoreProcess(tmp.file, 'hold');
    await holder.waitForLine((l) => l === 'locked');
    const waits = lockWaits();
    const store = createFileTokenStore({ path: tmp.file, onLockWait: waits.onLockWait });
    let written = false;
    const writing = store.set(sampleToken()).then(() => (written = true));

    const reported = await waits.first;
    expect(reported).toMatchObject({ path: lockOf(tmp.file), pid: holder.child.pid, hostname: os.hostname() });
    expect(written).toBe(false);
    expect(await readdir(tmp.dir)).toEqual(['token.json.lock']);

    holder.child.stdin!.write('unlock\n');
    await writing;
    expect(await holder.exit).toMatchObject({ code: 0 });
    expect(await store.get()).toEqual(sampleToken());
    expect(waits.holders).toHaveLength(1);
    expect(await readdir(tmp.dir)).toEqual(['token.json']);
  });

  it('a lock left by a process that was killed while holding it is taken over at once', async () => {
    const holder = startStoreProcess(tmp.file, 'hold');
    await holder.waitForLine((l) => l === 'locked');
    await crash(holder);
    expect(JSON.parse(await readFile(lockOf(tmp.file), 'utf8'))).toMatchObject({ pid: holder.child.pid });

    const waits = lockWaits();
    const store = createFileTokenStore({ path: tmp.file, onLockWait: waits.onLockWait });
    await store.set(sampleToken());
    expect(await store.get()).toEqual(sampleToken());
    expect(waits.holders).toEqual([]);
    expect(await readdir(tmp.dir)).toEqual(['token.json']);
  });

  it('a lock older than staleAfterMs is taken over even though its process (this one) is alive', async () => {
    const lock = { pid: process.pid, hostname: os.hostname(), createdAt: Date.now() - 61_000, nonce: 'old' };
    await writeFile(lockOf(tmp.file), JSON.stringify(lock));
    const waits = lockWaits();
    const store = createFileTokenStore({ path: tmp.file, onLockWait: waits.onLockWait });
    await store.set(sampleToken());
    expect(await store.get()).toEqual(sampleToken());
    expect(waits.holders).toEqual([]);
    expect(await readdir(tmp.dir)).toEqual(['token.json']);
  });

  it('a lock younger than staleAfterMs whose process is alive is waited for', async () => {
    const lock = { pid: process.pid, hostname: os.hostname(), createdAt: Date.now() - 1_000, nonce: 'young' };
    await writeFile(lockOf(tmp.file), JSON.stringify(lock));
    const waits = lockWaits();
    const store = createFileTokenStore({ path: tmp.file, staleAfterMs: 3_600_000, onLockWait: waits.onLockWait });
    const writing = store.set(sampleToken());
    expect(await waits.first).toEqual({ path: lockOf(tmp.file), pid: process.pid, hostname: os.hostname(), since: lock.createdAt });
    await writeFile(lockOf(tmp.file), JSON.stringify({ ...lock, createdAt: Date.now() - 3_600_001 })); // now too old
    await writing;
    expect(await store.get()).toEqual(sampleToken());
  });

  it('an empty lock file (a crash between creating and writing it) is aged by its mtime', async () => {
    await writeFile(lockOf(tmp.file), '');
    const waits = lockWaits();
    const store = createFileTokenStore({ path: tmp.file, onLockWait: waits.onLockWait });
    const writing = store.set(sampleToken());
    const reported = await waits.first; // fresh: it may be a holder still writing its record
    expect(reported).toEqual({ path: lockOf(tmp.file), since: expect.any(Number) });
    const old = new Date(Date.now() - 120_000);
    await utimes(lockOf(tmp.file), old, old);
    await writing;
    expect(await readdir(tmp.dir)).toEqual(['token.json']);
  });

  it('withLock: the store calls inside run under it; another store on the same file waits for the whole step', async () => {
    const first = createFileTokenStore({ path: tmp.file });
    const waits = lockWaits();
    const second = createFileTokenStore({ path: tmp.file, onLockWait: waits.onLockWait });
    await first.set(sampleToken({ accessToken: 'access-0' }));
    const order: string[] = [];
    let holding: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (holding = resolve));
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));

    const step = first.withLock!(async () => {
      order.push(`read ${(await first.get())?.accessToken}`);
      holding();
      await gate;
      await first.set(sampleToken({ accessToken: 'access-1' }));
      order.push('wrote access-1');
      return 'done';
    });
    await held;
    const competing = second.set(sampleToken({ accessToken: 'access-2' })).then(() => order.push('wrote access-2'));
    await waits.first;
    order.push('second waits');
    release();
    await expect(step).resolves.toBe('done');
    await competing;
    expect(order).toEqual(['read access-0', 'second waits', 'wrote access-1', 'wrote access-2']);
    expect((await first.get())?.accessToken).toBe('access-2');
  });

  it('withLock rejects with what the step threw, and releases the lock', async () => {
    const store = createFileTokenStore({ path: tmp.file });
    await expect(store.withLock!(() => Promise.reject(new Error('step failed')))).rejects.toThrow('step failed');
    await store.set(sampleToken());
    expect(await readdir(tmp.dir)).toEqual(['token.json']);
  });

  it('delete() with no directory: nothing stored, nothing created', async () => {
    const store = createFileTokenStore({ path: `${tmp.dir}/missing/token.json` });
    await expect(store.delete()).resolves.toBeUndefined();
    expect(await readdir(tmp.dir)).toEqual([]);
  });
});

/**
 * A token path that is not a regular file (`/dev/null`, a FIFO) is refused by every operation of
 * the file store with a STORE error naming what it is, and is never replaced, deleted or written;
 * nothing (lock, temporary file) is created next to it, and reading a FIFO does not hang.
 *
 * Tests run as root, where replacing /dev/null would succeed: the store gets a file system that
 * refuses, and records, any change under /dev, so a regression fails here instead of breaking
 * the machine.
 */
import { execFileSync } from 'node:child_process';
import { constants } from 'node:fs';
import * as fs from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { createFileTokenStore, type TokenFileSystem } from '../../src/services/stores/file-token-store.js';
import { sampleToken, storeErrorOf, useTempDir } from './fixtures.js';

const tmp = useTempDir();
const WRITE_FLAGS = constants.O_WRONLY | constants.O_RDWR | constants.O_CREAT | constants.O_TRUNC | constants.O_APPEND;

/** The real file system, except that any change under /dev is refused and recorded. */
function guardedFs(): TokenFileSystem & { attempts: string[] } {
  const attempts: string[] = [];
  const guard = (what: string, ...paths: string[]): void => {
    if (paths.some((p) => p.startsWith('/dev/'))) {
      attempts.push(`${what} ${paths.join(' ')}`);
      throw Object.assign(new Error(`refused by the test: ${what} under /dev`), { code: 'EPERM' });
    }
  };
  return {
    attempts,
    readFile: (p, encoding) => fs.readFile(p, encoding),
    stat: (p) => fs.stat(p),
    readdir: (p) => fs.readdir(p),
    open: (p, flags, mode) => {
      const writes = typeof flags === 'number' ? (flags & WRITE_FLAGS) !== 0 : /[wa+]/.test(flags);
      if (writes) guard(`open ${String(flags)}`, p);
      return fs.open(p, flags, mode);
    },
    rename: (from, to) => {
      guard('rename', from, to);
      return fs.rename(from, to);
    },
    unlink: (p) => {
      guard('unlink', p);
      return fs.unlink(p);
    },
    mkdir: (p, options) => {
      guard('mkdir', p);
      return fs.mkdir(p, options);
    },
  };
}

const operations = {
  'get()': (store: ReturnType<typeof createFileTokenStore>) => store.get(),
  'set()': (store: ReturnType<typeof createFileTokenStore>) => store.set(sampleToken()),
  'delete()': (store: ReturnType<typeof createFileTokenStore>) => store.delete(),
  'delete(expected)': (store: ReturnType<typeof createFileTokenStore>) => store.delete(sampleToken()),
  'withLock()': (store: ReturnType<typeof createFileTokenStore>) => store.withLock!(() => Promise.resolve('ran')),
};

describe.skipIf(process.platform === 'win32')('file token store: a path that is not a regular file', () => {
  it.each(Object.entries(operations))('/dev/null, %s: STORE error naming a character device; /dev/null untouched', async (_, operation) => {
    const guarded = guardedFs();
    const onWarning = vi.fn();
    const store = createFileTokenStore({ path: '/dev/null', fs: guarded, onWarning });
    const error = await storeErrorOf(operation(store));
    expect(error.message).toBe('token file /dev/null is a character device, not a regular file; it is left untouched (choose another path)');
    expect(guarded.attempts).toEqual([]);
    expect((await fs.stat('/dev/null')).isCharacterDevice()).toBe(true);
    await expect(fs.stat('/dev/null.lock')).rejects.toMatchObject({ code: 'ENOENT' });
    expect(onWarning).not.toHaveBeenCalled();
  });

  it.each(Object.entries(operations))('a FIFO, %s: STORE error naming a FIFO, without hanging; nothing created or replaced', async (_, operation) => {
    const fifo = path.join(tmp.dir, 'token.json');
    execFileSync('mkfifo', ['-m', '600', fifo]);
    const store = createFileTokenStore({ path: fifo });
    const error = await storeErrorOf(operation(store));
    expect(error.message).toBe(`token file ${fifo} is a FIFO (named pipe), not a regular file; it is left untouched (choose another path)`);
    expect((await fs.stat(fifo)).isFIFO()).toBe(true);
    expect(await fs.readdir(tmp.dir)).toEqual(['token.json']);
  });

  it('withLock does not run the step on a FIFO', async () => {
    const fifo = path.join(tmp.dir, 'token.json');
    execFileSync('mkfifo', [fifo]);
    const step = vi.fn(() => Promise.resolve());
    await storeErrorOf(createFileTokenStore({ path: fifo }).withLock!(step));
    expect(step).not.toHaveBeenCalled();
  });

  it('a symbolic link to a regular file is a token file like any other', async () => {
    const real = path.join(tmp.dir, 'real.json');
    await fs.writeFile(real, '{}', { mode: 0o600 });
    await fs.symlink(real, tmp.file);
    const store = createFileTokenStore({ path: tmp.file, onWarning: () => undefined });
    await store.set(sampleToken());
    expect(await store.get()).toEqual(sampleToken());
  });
});

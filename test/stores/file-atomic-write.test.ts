import * as fs from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isDeviceAuthError } from '../../src/core/errors.js';
import { createFileTokenStore, type TokenFileHandle, type TokenFileSystem } from '../../src/services/stores/file-token-store.js';
import { ACCESS_SECRET, allText, sampleToken, useTempDir } from './fixtures.js';

const tmp = useTempDir();

type Step = 'open' | 'writeFile' | 'sync' | 'close' | 'rename';

/**
 * The real file system, recording each call, except that `step` (if any) fails with ENOSPC on
 * the temporary file (which permissions cannot simulate: tests run as root).
 */
function failingFs(step?: Step): TokenFileSystem & { calls: string[] } {
  const calls: string[] = [];
  const name = (p: string): string =>
    p === tmp.dir
      ? 'dir'
      : p === tmp.file
        ? 'target'
        : p === `${tmp.file}.lock`
          ? 'lock'
          : p.startsWith(`${tmp.file}.`) && p.endsWith('.tmp')
            ? 'temp'
            : p;
  const fail = (): Error => Object.assign(new Error(`ENOSPC: no space left on device, ${step}`), { code: 'ENOSPC' });
  const wrap = (handle: TokenFileHandle, isTemp: boolean): TokenFileHandle => ({
    readFile: (encoding) => handle.readFile(encoding),
    stat: () => handle.stat(),
    writeFile: async (data, encoding) => {
      calls.push('writeFile');
      if (isTemp && step === 'writeFile') {
        await handle.writeFile(data.slice(0, 10), encoding); // a torn write
        throw fail();
      }
      return handle.writeFile(data, encoding);
    },
    sync: async () => {
      calls.push('sync');
      if (isTemp && step === 'sync') throw fail();
      return handle.sync();
    },
    close: async () => {
      calls.push('close');
      await handle.close();
      if (isTemp && step === 'close') throw fail();
    },
  });
  return {
    calls,
    readFile: (p, encoding) => fs.readFile(p, encoding),
    stat: (p) => fs.stat(p),
    readdir: (p) => fs.readdir(p),
    mkdir: (p, options) => {
      calls.push(`mkdir ${name(p)} ${options.mode.toString(8)}`);
      return fs.mkdir(p, options);
    },
    unlink: (p) => {
      calls.push(`unlink ${name(p)}`);
      return fs.unlink(p);
    },
    open: async (p, flags, mode) => {
      const isTemp = name(p) === 'temp';
      calls.push(`open ${name(p)} ${String(flags)}${mode === undefined ? '' : ` ${mode.toString(8)}`}`);
      if (isTemp && step === 'open') throw fail();
      return wrap(await fs.open(p, flags, mode), isTemp);
    },
    rename: async (from, to) => {
      calls.push(`rename ${name(from)} ${name(to)}`);
      if (step === 'rename') throw fail();
      return fs.rename(from, to);
    },
  };
}

describe('file token store: atomic write', () => {
  it('under the lock, writes a 0600 temp file exclusively, fsyncs and closes it, renames it over the target, fsyncs the directory, unlocks', async () => {
    const recording = failingFs();
    await createFileTokenStore({ path: tmp.file, fs: recording }).set(sampleToken());
    expect(recording.calls).toEqual([
      'mkdir dir 700',
      'open lock wx 600',
      'writeFile',
      'close',
      'open temp wx 600',
      'writeFile',
      'sync',
      'close',
      'rename temp target',
      'open dir r',
      'sync',
      'close',
      'unlink lock',
    ]);
    expect(await fs.readdir(tmp.dir)).toEqual(['token.json']);
  });

  it.each<Step>(['open', 'writeFile', 'sync', 'close', 'rename'])(
    'when %s fails: STORE error, previous file intact, no temp file left',
    async (step) => {
      await createFileTokenStore({ path: tmp.file }).set(sampleToken({ accessToken: 'previous' }));
      const before = await fs.readFile(tmp.file, 'utf8');
      const store = createFileTokenStore({ path: tmp.file, fs: failingFs(step) });

      const error: unknown = await store.set(sampleToken()).catch((e: unknown) => e);

      expect(isDeviceAuthError(error, 'STORE')).toBe(true);
      expect((error as Error).message).toContain(tmp.file);
      expect((error as Error).message).toContain('ENOSPC');
      expect(allText(error)).not.toContain(ACCESS_SECRET);
      expect(await fs.readFile(tmp.file, 'utf8')).toBe(before);
      expect(await fs.readdir(tmp.dir)).toEqual(['token.json']);
      expect((await store.get())?.accessToken).toBe('previous');
    },
  );

  it('fails with STORE when the parent of the path is a regular file', async () => {
    await fs.writeFile(path.join(tmp.dir, 'not-a-dir'), 'x');
    const target = path.join(tmp.dir, 'not-a-dir', 'token.json');
    const error: unknown = await createFileTokenStore({ path: target }).set(sampleToken()).catch((e: unknown) => e);
    expect(isDeviceAuthError(error, 'STORE')).toBe(true);
    expect((error as Error).message).toContain(path.join(tmp.dir, 'not-a-dir'));
    expect((error as Error).message).toMatch(/EEXIST|ENOTDIR/);
  });

  it('still succeeds when the directory cannot be fsynced (Windows cannot open directories)', async () => {
    const noDirSync: TokenFileSystem = {
      ...fs,
      open: async (p, flags, mode) => {
        if (p === tmp.dir) throw Object.assign(new Error('EISDIR: illegal operation on a directory, open'), { code: 'EISDIR' });
        return fs.open(p, flags, mode);
      },
    };
    const store = createFileTokenStore({ path: tmp.file, fs: noDirSync });
    await store.set(sampleToken());
    expect(await store.get()).toEqual(sampleToken());
  });

  it('keeps working after a failed write', async () => {
    let failNext = true;
    const flaky: TokenFileSystem = {
      ...fs,
      rename: async (from, to) => {
        if (failNext) {
          failNext = false;
          throw Object.assign(new Error('EIO: i/o error, rename'), { code: 'EIO' });
        }
        return fs.rename(from, to);
      },
    };
    const store = createFileTokenStore({ path: tmp.file, fs: flaky });
    const results = await Promise.allSettled([store.set(sampleToken({ accessToken: 'lost' })), store.set(sampleToken())]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'fulfilled']);
    expect((await store.get())?.accessToken).toBe(ACCESS_SECRET);
  });
});

import * as fs from 'node:fs/promises';
import { describe, expect, it, vi } from 'vitest';
import { isDeviceAuthError } from '../../src/core/errors.js';
import { createFileTokenStore, type TokenFileSystem } from '../../src/services/stores/file-token-store.js';
import type { TokenStoreWarning } from '../../src/services/stores/token-store.js';
import { ACCESS_SECRET, allText, sampleToken, useTempDir } from './fixtures.js';

const tmp = useTempDir();

const corruptContents = {
  'not JSON': `{"access_token":"${ACCESS_SECRET}", trailing garbage`,
  'JSON but not an object': '"just a string"',
  'a stored token missing a field': JSON.stringify({ access_token: ACCESS_SECRET, token_type: 'bearer', scope: '' }),
  'empty': '',
};

describe('file token store: corrupt file', () => {
  it.each(Object.entries(corruptContents))('%s: moved to <path>.corrupt, warned about, read as signed out', async (_, contents) => {
    await fs.writeFile(tmp.file, contents, { mode: 0o600 });
    const warnings: TokenStoreWarning[] = [];
    const store = createFileTokenStore({ path: tmp.file, onWarning: (w) => warnings.push(w) });

    expect(await store.get()).toBeUndefined();

    expect(await fs.readFile(`${tmp.file}.corrupt`, 'utf8')).toBe(contents);
    await expect(fs.stat(tmp.file)).rejects.toMatchObject({ code: 'ENOENT' });
    expect(warnings).toEqual([{ code: 'TOKEN_STORE_CORRUPT', message: expect.any(String), location: tmp.file, movedTo: `${tmp.file}.corrupt` }]);
    expect(warnings[0]?.message).toContain(tmp.file);
    expect(warnings[0]?.message).toContain(`${tmp.file}.corrupt`);
    expect(allText(warnings)).not.toContain(ACCESS_SECRET);
    // Signed out now, without a second warning; signing in again works.
    expect(await store.get()).toBeUndefined();
    expect(warnings).toHaveLength(1);
    await store.set(sampleToken());
    expect(await store.get()).toEqual(sampleToken());
  });

  it('replaces an older .corrupt file, keeping only the latest copy', async () => {
    await fs.writeFile(`${tmp.file}.corrupt`, 'older');
    await fs.writeFile(tmp.file, 'newer', { mode: 0o600 });
    await createFileTokenStore({ path: tmp.file, onWarning: () => undefined }).get();
    expect(await fs.readFile(`${tmp.file}.corrupt`, 'utf8')).toBe('newer');
  });

  it('rejects with STORE and leaves the file in place when it cannot be moved aside', async () => {
    await fs.writeFile(tmp.file, 'corrupt', { mode: 0o600 });
    const noRename: TokenFileSystem = {
      ...fs,
      rename: async () => {
        throw Object.assign(new Error('EROFS: read-only file system, rename'), { code: 'EROFS' });
      },
    };
    const onWarning = vi.fn();
    const error: unknown = await createFileTokenStore({ path: tmp.file, fs: noRename, onWarning }).get().catch((e: unknown) => e);
    expect(isDeviceAuthError(error, 'STORE')).toBe(true);
    expect((error as Error).message).toContain(tmp.file);
    expect((error as Error).message).toContain('EROFS');
    expect(onWarning).not.toHaveBeenCalled();
    expect(await fs.readFile(tmp.file, 'utf8')).toBe('corrupt');
  });

  it('is signed out without a warning when the corrupt file disappears before it can be moved', async () => {
    await fs.writeFile(tmp.file, 'corrupt', { mode: 0o600 });
    const racing: TokenFileSystem = {
      ...fs,
      rename: async (from, to) => {
        await fs.unlink(from); // another process signed out meanwhile
        return fs.rename(from, to);
      },
    };
    const onWarning = vi.fn();
    expect(await createFileTokenStore({ path: tmp.file, fs: racing, onWarning }).get()).toBeUndefined();
    expect(onWarning).not.toHaveBeenCalled();
  });

  it('warns through process.emitWarning when no onWarning is given', async () => {
    await fs.writeFile(tmp.file, 'corrupt', { mode: 0o600 });
    const emit = vi.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
    try {
      expect(await createFileTokenStore({ path: tmp.file }).get()).toBeUndefined();
      expect(emit).toHaveBeenCalledWith(expect.stringContaining(`${tmp.file}.corrupt`), { type: 'DeviceAuthWarning', code: 'TOKEN_STORE_CORRUPT' });
    } finally {
      emit.mockRestore();
    }
  });
});

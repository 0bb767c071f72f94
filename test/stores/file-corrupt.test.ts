import * as fs from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { isDeviceAuthError } from '../../src/services/errors.js';
import { createFileTokenStore, type TokenFileSystem } from '../../src/services/file-token-store.js';
import type { TokenStoreWarning } from '../../src/services/token-store.js';
import { ACCESS_SECRET, allText, makeTempDir, sampleToken } from './fixtures.js';

let dir: string;
let file: string;
let cleanup: () => Promise<void>;
beforeEach(async () => {
  ({ dir, cleanup } = await makeTempDir());
  file = path.join(dir, 'token.json');
});
afterEach(() => cleanup());

const corruptContents = {
  'not JSON': `{"access_token":"${ACCESS_SECRET}", trailing garbage`,
  'JSON but not an object': '"just a string"',
  'a stored token missing a field': JSON.stringify({ access_token: ACCESS_SECRET, token_type: 'bearer', scope: '' }),
  'empty': '',
};

describe('file token store: corrupt file', () => {
  it.each(Object.entries(corruptContents))('%s: moved to <path>.corrupt, warned about, read as signed out', async (_, contents) => {
    await fs.writeFile(file, contents);
    const warnings: TokenStoreWarning[] = [];
    const store = createFileTokenStore({ path: file, onWarning: (w) => warnings.push(w) });

    expect(await store.get()).toBeUndefined();

    expect(await fs.readFile(`${file}.corrupt`, 'utf8')).toBe(contents);
    await expect(fs.stat(file)).rejects.toMatchObject({ code: 'ENOENT' });
    expect(warnings).toEqual([{ code: 'TOKEN_STORE_CORRUPT', message: expect.any(String), location: file, movedTo: `${file}.corrupt` }]);
    expect(warnings[0]?.message).toContain(file);
    expect(warnings[0]?.message).toContain(`${file}.corrupt`);
    expect(allText(warnings)).not.toContain(ACCESS_SECRET);
    // Signed out now, without a second warning; signing in again works.
    expect(await store.get()).toBeUndefined();
    expect(warnings).toHaveLength(1);
    await store.set(sampleToken());
    expect(await store.get()).toEqual(sampleToken());
  });

  it('replaces an older .corrupt file, keeping only the latest copy', async () => {
    await fs.writeFile(`${file}.corrupt`, 'older');
    await fs.writeFile(file, 'newer');
    await createFileTokenStore({ path: file, onWarning: () => undefined }).get();
    expect(await fs.readFile(`${file}.corrupt`, 'utf8')).toBe('newer');
  });

  it('rejects with STORE and leaves the file in place when it cannot be moved aside', async () => {
    await fs.writeFile(file, 'corrupt');
    const noRename: TokenFileSystem = {
      ...fs,
      rename: async () => {
        throw Object.assign(new Error('EROFS: read-only file system, rename'), { code: 'EROFS' });
      },
    };
    const onWarning = vi.fn();
    const error: unknown = await createFileTokenStore({ path: file, fs: noRename, onWarning }).get().catch((e: unknown) => e);
    expect(isDeviceAuthError(error, 'STORE')).toBe(true);
    expect((error as Error).message).toContain(file);
    expect((error as Error).message).toContain('EROFS');
    expect(onWarning).not.toHaveBeenCalled();
    expect(await fs.readFile(file, 'utf8')).toBe('corrupt');
  });

  it('is signed out without a warning when the corrupt file disappears before it can be moved', async () => {
    await fs.writeFile(file, 'corrupt');
    const racing: TokenFileSystem = {
      ...fs,
      rename: async (from, to) => {
        await fs.unlink(from); // another process signed out meanwhile
        return fs.rename(from, to);
      },
    };
    const onWarning = vi.fn();
    expect(await createFileTokenStore({ path: file, fs: racing, onWarning }).get()).toBeUndefined();
    expect(onWarning).not.toHaveBeenCalled();
  });

  it('warns through process.emitWarning when no onWarning is given', async () => {
    await fs.writeFile(file, 'corrupt');
    const emit = vi.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
    try {
      expect(await createFileTokenStore({ path: file }).get()).toBeUndefined();
      expect(emit).toHaveBeenCalledWith(expect.stringContaining(`${file}.corrupt`), { type: 'DeviceAuthWarning', code: 'TOKEN_STORE_CORRUPT' });
    } finally {
      emit.mockRestore();
    }
  });
});

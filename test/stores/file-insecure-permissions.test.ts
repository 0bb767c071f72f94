/**
 * A token file that other users can access holds a live token where they can read it. The file
 * store reads it anyway (the person is signed in) and reports an `INSECURE_PERMISSIONS` warning
 * naming the file and its mode; the store's own writes are 0600, so its next write fixes it.
 */
import { chmod, stat, writeFile } from 'node:fs/promises';
import { describe, expect, it, vi } from 'vitest';
import { createFileTokenStore } from '../../src/services/stores/file-token-store.js';
import type { TokenStoreWarning } from '../../src/services/stores/token-store.js';
import { ACCESS_SECRET, allText, REFRESH_SECRET, SAMPLE_STORED_JSON, sampleToken, useTempDir } from './fixtures.js';

const tmp = useTempDir();

async function tokenFileWithMode(mode: number): Promise<void> {
  await writeFile(tmp.file, JSON.stringify(SAMPLE_STORED_JSON));
  await chmod(tmp.file, mode);
}

describe.skipIf(process.platform === 'win32')('file token store: a token file other users can access', () => {
  it.each([
    ['0644', 0o644],
    ['0640', 0o640],
    ['0604', 0o604],
    ['0660', 0o660],
    ['0602', 0o602],
    ['0777', 0o777],
  ])('mode %s: read, and reported once per read with the path and the mode', async (octal, mode) => {
    await tokenFileWithMode(mode);
    const warnings: TokenStoreWarning[] = [];
    const store = createFileTokenStore({ path: tmp.file, onWarning: (w) => warnings.push(w) });
    expect(await store.get()).toEqual(sampleToken());
    expect(warnings).toEqual([
      {
        code: 'INSECURE_PERMISSIONS',
        message: `token file ${tmp.file} has mode ${octal}: other users can access the live token it holds; restrict it with chmod 600 (the store writes it 0600 on its next write)`,
        location: tmp.file,
        mode,
      },
    ]);
    expect(allText(warnings)).not.toContain(ACCESS_SECRET);
    expect(allText(warnings)).not.toContain(REFRESH_SECRET);
  });

  it.each([
    ['0600', 0o600],
    ['0400', 0o400],
  ])('mode %s: no warning', async (_, mode) => {
    await tokenFileWithMode(mode);
    const onWarning = vi.fn();
    expect(await createFileTokenStore({ path: tmp.file, onWarning }).get()).toEqual(sampleToken());
    expect(onWarning).not.toHaveBeenCalled();
  });

  it('the next write leaves the file 0600, and reading it no longer warns', async () => {
    await tokenFileWithMode(0o644);
    const warnings: TokenStoreWarning[] = [];
    const store = createFileTokenStore({ path: tmp.file, onWarning: (w) => warnings.push(w) });
    await store.get();
    await store.set(sampleToken({ accessToken: 'access-2' }));
    expect((await stat(tmp.file)).mode & 0o777).toBe(0o600);
    await store.get();
    expect(warnings.map((w) => w.code)).toEqual(['INSECURE_PERMISSIONS']);
  });

  it('without onWarning: a process warning of type DeviceAuthWarning with the stable code', async () => {
    await tokenFileWithMode(0o644);
    const emit = vi.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
    try {
      await createFileTokenStore({ path: tmp.file }).get();
      expect(emit).toHaveBeenCalledWith(expect.stringContaining(`${tmp.file} has mode 0644`), { type: 'DeviceAuthWarning', code: 'INSECURE_PERMISSIONS' });
    } finally {
      emit.mockRestore();
    }
  });
});

import { describe, expect, it, vi } from 'vitest';
import { isDeviceAuthError } from '../../src/core/errors.js';
import type { TokenStoreWarning } from '../../src/services/stores/token-store.js';
import { createWebStorageTokenStore } from '../../src/services/stores/web-storage-token-store.js';
import { ACCESS_SECRET, FakeStorage, allText, quotaError, sampleToken } from './fixtures.js';

const KEY = 'app:token';

describe('web storage token store: corrupt entry', () => {
  it.each([
    ['not JSON', `{"access_token":"${ACCESS_SECRET}"`],
    ['not a stored token', JSON.stringify({ access_token: ACCESS_SECRET })],
  ])('%s: kept under <key>.corrupt, warned about, read as signed out', async (_, raw) => {
    const storage = new FakeStorage();
    storage.items.set(KEY, raw);
    const warnings: TokenStoreWarning[] = [];
    const store = createWebStorageTokenStore({ storage, key: KEY, onWarning: (w) => warnings.push(w) });

    expect(await store.get()).toBeUndefined();

    expect(storage.items.get(`${KEY}.corrupt`)).toBe(raw);
    expect(storage.items.has(KEY)).toBe(false);
    expect(warnings).toEqual([{ code: 'TOKEN_STORE_CORRUPT', message: expect.any(String), location: KEY, movedTo: `${KEY}.corrupt` }]);
    expect(warnings[0]?.message).toContain(`${KEY}.corrupt`);
    expect(allText(warnings)).not.toContain(ACCESS_SECRET);
    await store.set(sampleToken());
    expect(await store.get()).toEqual(sampleToken());
  });

  it('rejects with STORE and leaves the entry in place when the copy does not fit', async () => {
    const storage = new FakeStorage();
    storage.items.set(KEY, 'corrupt');
    storage.failSetItem = quotaError('corrupt');
    const onWarning = vi.fn();
    const error: unknown = await createWebStorageTokenStore({ storage, key: KEY, onWarning }).get().catch((e: unknown) => e);
    expect(isDeviceAuthError(error, 'STORE')).toBe(true);
    expect((error as Error).message).toContain('quota');
    expect(onWarning).not.toHaveBeenCalled();
    expect(storage.items.get(KEY)).toBe('corrupt');
  });

  it('warns on the console when no onWarning is given', async () => {
    const storage = new FakeStorage();
    storage.items.set(KEY, 'corrupt');
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      expect(await createWebStorageTokenStore({ storage, key: KEY }).get()).toBeUndefined();
      expect(warn).toHaveBeenCalledWith(expect.stringContaining(`${KEY}.corrupt`));
    } finally {
      warn.mockRestore();
    }
  });
});

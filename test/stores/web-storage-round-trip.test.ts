import { describe, expect, expectTypeOf, it } from 'vitest';
import { isDeviceAuthError } from '../../src/core/errors.js';
import { DEFAULT_TOKEN_STORAGE_KEY, createWebStorageTokenStore, type TokenWebStorage } from '../../src/services/stores/web-storage-token-store.js';
import { FakeStorage, SAMPLE_STORED_JSON, expectOwnCopies, expectRoundTrip, sampleToken } from './fixtures.js';

describe('web storage token store: round trip', () => {
  it('accepts the DOM Storage type (localStorage, sessionStorage)', () => {
    expectTypeOf<Storage>().toExtend<TokenWebStorage>();
  });

  it('is signed out with no entry, then round-trips and deletes', async () => {
    const storage = new FakeStorage();
    const store = createWebStorageTokenStore({ storage });
    await expectRoundTrip(store);
    expect(storage.items.size).toBe(0);
    await expect(store.delete()).resolves.toBeUndefined();
  });

  it('stores the snake_case StoredToken JSON under the default key, or the given one', async () => {
    const storage = new FakeStorage();
    await createWebStorageTokenStore({ storage }).set(sampleToken());
    await createWebStorageTokenStore({ storage, key: 'my-app:trakt' }).set(sampleToken({ scope: 'other' }));
    expect(JSON.parse(storage.items.get(DEFAULT_TOKEN_STORAGE_KEY) ?? '')).toEqual(SAMPLE_STORED_JSON);
    expect(JSON.parse(storage.items.get('my-app:trakt') ?? '')).toMatchObject({ scope: 'other' });
  });

  it('returns copies callers cannot mutate', async () => {
    await expectOwnCopies(createWebStorageTokenStore({ storage: new FakeStorage() }));
  });

  it('refuses a malformed token before touching storage', async () => {
    const storage = new FakeStorage();
    await expect(createWebStorageTokenStore({ storage }).set(sampleToken({ createdAt: -1 }))).rejects.toMatchObject({
      code: 'STORE',
      message: expect.stringContaining('"createdAt"'),
    });
    expect(storage.items.size).toBe(0);
  });

  it('refuses a storage without the Storage methods, or an empty key, as CONFIGURATION', () => {
    const configurationError = (run: () => unknown): boolean => {
      try {
        run();
        return false;
      } catch (error) {
        return isDeviceAuthError(error, 'CONFIGURATION');
      }
    };
    expect(configurationError(() => createWebStorageTokenStore({ storage: {} as TokenWebStorage }))).toBe(true);
    expect(configurationError(() => createWebStorageTokenStore({ storage: new FakeStorage(), key: '' }))).toBe(true);
  });
});

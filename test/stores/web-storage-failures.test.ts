import { describe, expect, it } from 'vitest';
import { createWebStorageTokenStore } from '../../src/services/stores/web-storage-token-store.js';
import { ACCESS_SECRET, FakeStorage, REFRESH_SECRET, allText, quotaError, sampleToken, storeErrorOf } from './fixtures.js';

describe('web storage token store: failures', () => {
  it('a full storage (QuotaExceededError) rejects with STORE, keeps the previous token, and never quotes the value', async () => {
    const storage = new FakeStorage();
    const store = createWebStorageTokenStore({ storage });
    await store.set(sampleToken({ accessToken: 'previous' }));
    // A storage whose error message quotes the value being written, as a careless implementation might.
    storage.failSetItem = quotaError(JSON.stringify(sampleToken()));

    const error = await storeErrorOf(store.set(sampleToken()));

    expect(error.message).toContain('quota');
    expect(error.message).toContain('QuotaExceededError');
    expect(error.message).toContain('device-auth:token');
    expect(error.message).not.toContain(ACCESS_SECRET);
    expect(error.message).not.toContain(REFRESH_SECRET);
    expect(allText(error)).not.toContain(ACCESS_SECRET);
    storage.failSetItem = undefined;
    expect((await store.get())?.accessToken).toBe('previous');
  });

  it.each([
    ['Firefox name', Object.assign(new Error('quota'), { name: 'NS_ERROR_DOM_QUOTA_REACHED' })],
    ['legacy code 22', Object.assign(new Error('quota'), { name: 'Error', code: 22 })],
  ])('recognises a quota error by %s', async (_, thrown) => {
    const storage = new FakeStorage();
    storage.failSetItem = thrown;
    const error = await storeErrorOf(createWebStorageTokenStore({ storage }).set(sampleToken()));
    expect(error.message).toContain('quota');
  });

  it('a storage that refuses to read (SecurityError: storage disabled) rejects get() with STORE', async () => {
    const storage = new FakeStorage();
    storage.failGetItem = Object.assign(new Error('The operation is insecure.'), { name: 'SecurityError' });
    const error = await storeErrorOf(createWebStorageTokenStore({ storage }).get());
    expect(error.message).toContain('SecurityError');
    expect(error.cause).toBe(storage.failGetItem);
  });

  it('a storage that refuses to remove rejects delete() with STORE', async () => {
    const storage = new FakeStorage();
    storage.failRemoveItem = 'a thrown string';
    const error = await storeErrorOf(createWebStorageTokenStore({ storage }).delete());
    expect(error.message).toContain('the storage failed (string)');
  });
});

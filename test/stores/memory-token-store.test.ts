import { describe, expect, it } from 'vitest';
import { isDeviceAuthError } from '../../src/core/errors.js';
import { createMemoryTokenStore } from '../../src/services/stores/memory-token-store.js';
import type { DeviceToken } from '../../src/core/token.js';
import { ACCESS_SECRET, allText, expectOwnCopies, expectRoundTrip, sampleToken } from './fixtures.js';

describe('memory token store', () => {
  it('starts signed out, round-trips a token, and forgets it on delete', async () => {
    const store = createMemoryTokenStore();
    await expectRoundTrip(store);
    await expect(store.delete()).resolves.toBeUndefined();
  });

  it('starts with the initial token when given one', async () => {
    const store = createMemoryTokenStore(sampleToken({ scope: 'initial' }));
    expect((await store.get())?.scope).toBe('initial');
  });

  it('keeps its own copy: mutating the argument or a returned token changes nothing', async () => {
    await expectOwnCopies(createMemoryTokenStore());
  });

  it('drops properties that are not DeviceToken fields', async () => {
    const store = createMemoryTokenStore();
    await store.set({ ...sampleToken(), extra: 'x' } as DeviceToken);
    expect(await store.get()).toEqual(sampleToken());
  });

  it('keeps a token without a refresh token (RFC 8628 providers may issue none) as it is', async () => {
    const { refreshToken: _, ...withoutRefresh } = sampleToken();
    const store = createMemoryTokenStore(withoutRefresh);
    const got = await store.get();
    expect(got).toEqual(withoutRefresh);
    expect(got !== undefined && 'refreshToken' in got).toBe(false);
  });

  it('refuses something that is not a token object', async () => {
    await expect(createMemoryTokenStore().set(null as unknown as DeviceToken)).rejects.toMatchObject({
      code: 'STORE',
      message: expect.stringContaining('must be an object'),
    });
  });

  it('refuses a malformed token with a STORE error naming the field, not the value', async () => {
    const store = createMemoryTokenStore();
    const error: unknown = await store.set(sampleToken({ tokenType: '' })).catch((e: unknown) => e);
    expect(isDeviceAuthError(error, 'STORE')).toBe(true);
    expect((error as Error).message).toContain('"tokenType"');
    expect(allText(error)).not.toContain(ACCESS_SECRET);
    expect(() => createMemoryTokenStore({ ...sampleToken(), expiresIn: Number.NaN })).toThrow(/"expiresIn"/);
  });
});

import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isDeviceAuthError } from '../../src/core/errors.js';
import { createFileTokenStore } from '../../src/services/stores/file-token-store.js';
import { SAMPLE_STORED_JSON, expectRoundTrip, sampleToken, useTempDir } from './fixtures.js';

const tmp = useTempDir();

describe('file token store: round trip', () => {
  it('is signed out when the file is missing, then round-trips and deletes', async () => {
    const store = createFileTokenStore({ path: tmp.file });
    await expectRoundTrip(store);
    await expect(store.delete()).resolves.toBeUndefined();
  });

  it('writes the snake_case StoredToken JSON form', async () => {
    await createFileTokenStore({ path: tmp.file }).set(sampleToken());
    expect(JSON.parse(await readFile(tmp.file, 'utf8'))).toEqual(SAMPLE_STORED_JSON);
  });

  it('reads a file written by another program (Trakt answer plus expires_at)', async () => {
    await writeFile(tmp.file, JSON.stringify({
      access_token: 'a', token_type: 'bearer', expires_in: 7200, refresh_token: 'r', scope: 'public', created_at: 10,
    }), { mode: 0o600 });
    expect(await createFileTokenStore({ path: tmp.file }).get()).toEqual({
      accessToken: 'a', refreshToken: 'r', tokenType: 'bearer', scope: 'public', createdAt: 10, expiresIn: 7200, expiresAt: 7_210_000,
    });
  });

  it('round-trips a token without a refresh token, writing no refresh_token key', async () => {
    const { refreshToken: _, ...withoutRefresh } = sampleToken();
    const store = createFileTokenStore({ path: tmp.file });
    await store.set(withoutRefresh);
    expect(JSON.parse(await readFile(tmp.file, 'utf8'))).not.toHaveProperty('refresh_token');
    expect(await store.get()).toEqual(withoutRefresh);
  });

  it('replaces an existing token and returns copies callers cannot mutate', async () => {
    const store = createFileTokenStore({ path: tmp.file });
    await store.set(sampleToken());
    await store.set(sampleToken({ accessToken: 'second', scope: 'public private' }));
    const got = await store.get();
    if (got === undefined) throw new Error('expected a token');
    got.accessToken = 'mutated';
    expect(await store.get()).toMatchObject({ accessToken: 'second', scope: 'public private' });
  });

  it('runs operations in call order, so an earlier set never lands after a later one', async () => {
    const store = createFileTokenStore({ path: tmp.file });
    const results = await Promise.all([
      store.set(sampleToken({ accessToken: 'first' })),
      store.set(sampleToken({ accessToken: 'second' })),
      store.get(),
      store.delete(),
      store.get(),
      store.set(sampleToken({ accessToken: 'third' })),
      store.get(),
    ]);
    expect(results.map((r) => (r === undefined ? undefined : r.accessToken))).toEqual([
      undefined, undefined, 'second', undefined, undefined, undefined, 'third',
    ]);
  });

  it('accepts a relative path, resolved against the working directory', async () => {
    const file = path.join(tmp.dir, 'relative.json');
    await createFileTokenStore({ path: path.relative(process.cwd(), file) }).set(sampleToken());
    expect(JSON.parse(await readFile(file, 'utf8'))).toMatchObject({ scope: 'public' });
  });

  it('refuses an empty path as a CONFIGURATION error and a malformed token as STORE', async () => {
    let thrown: unknown;
    try {
      createFileTokenStore({ path: '' });
    } catch (error) {
      thrown = error;
    }
    expect(isDeviceAuthError(thrown, 'CONFIGURATION')).toBe(true);
    const store = createFileTokenStore({ path: tmp.file });
    await expect(store.set(sampleToken({ accessToken: '' }))).rejects.toMatchObject({ code: 'STORE', message: expect.stringContaining('"accessToken"') });
    expect(await store.get()).toBeUndefined();
  });
});

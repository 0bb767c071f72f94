/**
 * Across every store and every failure path: no token value in an error (message, JSON form)
 * or a warning. Each scenario is built so that the secret is right there to leak: in the token
 * being written, in the corrupt data being reported, or in a storage's own error message.
 */
import * as fs from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { isDeviceAuthError } from '../../src/core/errors.js';
import { createFileTokenStore, type TokenFileSystem } from '../../src/services/stores/file-token-store.js';
import { createMemoryTokenStore } from '../../src/services/stores/memory-token-store.js';
import type { TokenStoreWarning } from '../../src/services/stores/token-store.js';
import { createWebStorageTokenStore } from '../../src/services/stores/web-storage-token-store.js';
import { ACCESS_SECRET, FakeStorage, REFRESH_SECRET, allText, quotaError, sampleToken, useTempDir } from './fixtures.js';

const tmp = useTempDir();

/** Runs `scenario`, collecting what it rejected with and any warnings; asserts it produced something. */
async function collect(scenario: (onWarning: (w: TokenStoreWarning) => void) => Promise<unknown>): Promise<string> {
  const warnings: TokenStoreWarning[] = [];
  const error: unknown = await scenario((w) => warnings.push(w)).then(() => undefined, (e: unknown) => e);
  expect(error === undefined ? warnings.length : 1).toBeGreaterThan(0);
  if (error !== undefined) expect(isDeviceAuthError(error, 'STORE')).toBe(true);
  return `${error === undefined ? '' : allText(error)} ${allText(warnings)}`;
}

const secretsIn = (text: string): string[] => [ACCESS_SECRET, REFRESH_SECRET].filter((s) => text.includes(s));

describe('no secret in any error message or warning', () => {
  const scenarios: Record<string, (onWarning: (w: TokenStoreWarning) => void) => Promise<unknown>> = {
    'memory: malformed token': () => createMemoryTokenStore().set(sampleToken({ scope: 7 as unknown as string })),
    'file: corrupt JSON quoting the token': async (onWarning) => {
      await fs.writeFile(tmp.file, `{"access_token":"${ACCESS_SECRET}","refresh_token":"${REFRESH_SECRET}",`);
      return createFileTokenStore({ path: tmp.file, onWarning }).get();
    },
    'file: corrupt file that cannot be moved': async (onWarning) => {
      await fs.writeFile(tmp.file, `${ACCESS_SECRET} ${REFRESH_SECRET}`);
      const noRename: TokenFileSystem = { ...fs, rename: () => Promise.reject(Object.assign(new Error('EROFS'), { code: 'EROFS' })) };
      return createFileTokenStore({ path: tmp.file, onWarning, fs: noRename }).get();
    },
    'file: write fails': (onWarning) => {
      const full: TokenFileSystem = { ...fs, rename: () => Promise.reject(Object.assign(new Error('ENOSPC'), { code: 'ENOSPC' })) };
      return createFileTokenStore({ path: tmp.file, onWarning, fs: full }).set(sampleToken());
    },
    'file: malformed token': (onWarning) => createFileTokenStore({ path: tmp.file, onWarning }).set(sampleToken({ expiresIn: -1 })),
    'web storage: corrupt entry quoting the token': (onWarning) => {
      const storage = new FakeStorage();
      storage.items.set('device-auth:token', `{"access_token":"${ACCESS_SECRET}","refresh_token":"${REFRESH_SECRET}"}`);
      return createWebStorageTokenStore({ storage, onWarning }).get();
    },
    'web storage: quota error quoting the value': (onWarning) => {
      const storage = new FakeStorage();
      storage.failSetItem = quotaError(`${ACCESS_SECRET} ${REFRESH_SECRET}`);
      return createWebStorageTokenStore({ storage, onWarning }).set(sampleToken());
    },
  };

  it.each(Object.entries(scenarios))('%s', async (_, scenario) => {
    expect(secretsIn(await collect(scenario))).toEqual([]);
  });
});

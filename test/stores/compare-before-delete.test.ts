/**
 * Every store's `delete(expected)` removes only the pair that failed: a session that gets
 * `invalid_grant` must not delete the pair another process stored meanwhile (two refreshes of
 * one token file in the same second otherwise sign the person out for good).
 */
import { describe, it } from 'vitest';
import { createFileTokenStore } from '../../src/services/stores/file-token-store.js';
import { createMemoryTokenStore } from '../../src/services/stores/memory-token-store.js';
import { createWebStorageTokenStore } from '../../src/services/stores/web-storage-token-store.js';
import { expectCompareBeforeDelete, FakeStorage, useTempDir } from './fixtures.js';

const tmp = useTempDir();

describe('compare-before-delete', () => {
  it('memory store', async () => {
    await expectCompareBeforeDelete(createMemoryTokenStore());
  });

  it('file store', async () => {
    await expectCompareBeforeDelete(createFileTokenStore({ path: tmp.file }));
  });

  it('Web Storage store', async () => {
    await expectCompareBeforeDelete(createWebStorageTokenStore({ storage: new FakeStorage() }));
  });
});

/**
 * The provider record a file store keeps beside the token (`provider` option, `readProvider()`):
 * written by every `set()` of a store given one, read back as flat text, absent from files written
 * before (Trakt files) and from files that are not JSON; the token itself reads back unchanged.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { createFileTokenStore } from '../../src/services/stores/file-token-store.js';
import { SAMPLE_STORED_JSON, sampleToken, useTempDir } from './fixtures.js';

const tmp = useTempDir();
const RECORD = { name: 'rfc8628', clientId: 'tv', tokenEndpoint: 'https://id.example.com/token' };

describe('file token store: the provider record', () => {
  it('is written beside the token by set() and read back; the token is unchanged', async () => {
    const store = createFileTokenStore({ path: tmp.file, provider: RECORD });
    await store.set(sampleToken());
    const saved = JSON.parse(await readFile(tmp.file, 'utf8')) as Record<string, unknown>;
    expect(saved.provider).toEqual(RECORD);
    expect(await store.readProvider()).toEqual(RECORD);
    expect(await createFileTokenStore({ path: tmp.file }).get()).toEqual(sampleToken());
  });

  it('is absent without the option, from files written before, missing files and files that are not JSON', async () => {
    const plain = createFileTokenStore({ path: tmp.file, provider: null });
    expect(await plain.readProvider()).toBeUndefined();
    await plain.set(sampleToken());
    expect(JSON.parse(await readFile(tmp.file, 'utf8'))).not.toHaveProperty('provider');
    expect(await plain.readProvider()).toBeUndefined();
    await writeFile(tmp.file, JSON.stringify(SAMPLE_STORED_JSON));
    expect(await plain.readProvider()).toBeUndefined();
    await writeFile(tmp.file, JSON.stringify({ ...SAMPLE_STORED_JSON, provider: { name: 'github', clientId: 7 } }));
    expect(await plain.readProvider()).toBeUndefined();
    await writeFile(tmp.file, 'not json');
    expect(await plain.readProvider()).toBeUndefined();
  });
});

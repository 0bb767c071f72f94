/**
 * A process that dies mid-write leaves `<token file>.<pid>.<random>.tmp` holding a live token
 * pair. The file store removes such leftovers of its own on the next write and on delete
 * (logout): those whose process is gone, or that are older than `staleAfterMs`. Nothing else in
 * the directory is touched.
 */
import { spawnSync } from 'node:child_process';
import { readdir, readFile, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createFileTokenStore } from '../../src/services/stores/file-token-store.js';
import { sampleToken, SAMPLE_STORED_JSON, useTempDir } from './fixtures.js';
import { crash, startStoreProcess } from './store-process.js';

const tmp = useTempDir();

/** The pid of a process that has exited. */
function deadPid(): number {
  const { pid } = spawnSync(process.execPath, ['-e', '']);
  if (pid === undefined) throw new Error('could not start a process');
  return pid;
}

/** Creates `name` in the temp dir holding a token, optionally `ageMs` old. */
async function leftover(name: string, ageMs = 0): Promise<void> {
  const file = path.join(tmp.dir, name);
  await writeFile(file, JSON.stringify(SAMPLE_STORED_JSON));
  if (ageMs > 0) {
    const then = new Date(Date.now() - ageMs);
    await utimes(file, then, then);
  }
}

const listing = async (): Promise<string[]> => (await readdir(tmp.dir)).sort();

describe('file token store: leftover temporary files', () => {
  it('a process killed mid-write leaves a temp file with its token; the next logout removes it and the lock', async () => {
    const writer = startStoreProcess(tmp.file, 'crash-mid-write');
    await writer.waitForLine((l) => l === 'writing');
    await crash(writer);
    const temp = `token.json.${writer.child.pid}.`;
    const left = await listing();
    expect(left).toEqual([expect.stringMatching(new RegExp(`^${temp.replace(/\./g, '\\.')}[0-9a-f]{12}\\.tmp$`)), 'token.json.lock']);
    expect(await readFile(path.join(tmp.dir, left[0]!), 'utf8')).toContain('access-from-crashed-process');

    await createFileTokenStore({ path: tmp.file }).delete();
    expect(await listing()).toEqual([]);
  });

  it('a process killed mid-write: the next write removes its temp file', async () => {
    const writer = startStoreProcess(tmp.file, 'crash-mid-write');
    await writer.waitForLine((l) => l === 'writing');
    await crash(writer);
    const store = createFileTokenStore({ path: tmp.file });
    await store.set(sampleToken());
    expect(await listing()).toEqual(['token.json']);
    expect(await store.get()).toEqual(sampleToken());
  });

  it('removes only its own temp files whose process is gone or that are older than staleAfterMs', async () => {
    const dead = deadPid();
    const live = process.pid;
    const kept = [
      `token.json.${live}.aaaaaaaaaaaa.tmp`, // a live process, recent
      'token.json.bbbbbbbbbbbb.tmp', // the name before the pid was added, recent
      `other.json.${dead}.cccccccccccc.tmp`, // another store's
      'token.json.corrupt',
      'token.json.backup.tmp', // not the store's pattern
      `token.json.${dead}.dddddddddddd.tmp.bak`,
    ];
    const removed = [
      `token.json.${dead}.eeeeeeeeeeee.tmp`, // its process is gone
      `token.json.${live}.ffffffffffff.tmp`, // a live process, but older than the bound
      'token.json.0123456789ab.tmp', // the old name, older than the bound
    ];
    for (const name of kept) await leftover(name);
    await leftover(removed[0]!);
    await leftover(removed[1]!, 61_000);
    await leftover(removed[2]!, 61_000);

    await createFileTokenStore({ path: tmp.file }).set(sampleToken());
    expect(await listing()).toEqual([...kept, 'token.json'].sort());
  });

  it('a compare-before-delete that keeps the token still removes stale temp files', async () => {
    const store = createFileTokenStore({ path: tmp.file });
    await store.set(sampleToken());
    await leftover(`token.json.${deadPid()}.eeeeeeeeeeee.tmp`);
    await store.delete({ accessToken: 'someone-else', refreshToken: 'someone-else' });
    expect(await listing()).toEqual(['token.json']);
    expect(await store.get()).toEqual(sampleToken());
  });
});

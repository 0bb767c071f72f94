import * as fs from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createFileTokenStore, type TokenFileSystem } from '../../src/services/stores/file-token-store.js';
import { storeErrorOf, useTempDir } from './fixtures.js';

const tmp = useTempDir();

describe('file token store: unreadable file', () => {
  it('rejects with STORE naming the path when the path is a directory', async () => {
    const target = tmp.file;
    await fs.mkdir(target);
    const error = await storeErrorOf(createFileTokenStore({ path: target }).get());
    expect(error.message).toBe(`token file ${target} is a directory, not a regular file; it is left untouched (choose another path)`);
    // Not treated as corrupt: nothing was moved.
    await expect(fs.stat(`${target}.corrupt`)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('rejects with STORE on EACCES (injected: tests run as root)', async () => {
    const target = tmp.file;
    const denied: TokenFileSystem = {
      ...fs,
      open: async () => {
        throw Object.assign(new Error(`EACCES: permission denied, open '${target}'`), { code: 'EACCES' });
      },
    };
    const error = await storeErrorOf(createFileTokenStore({ path: target, fs: denied }).get());
    expect(error.message).toContain(target);
    expect(error.message).toContain('EACCES: permission denied');
  });

  it('rejects with STORE when an injected fs throws something that is not an Error', async () => {
    const target = tmp.file;
    const odd: TokenFileSystem = { ...fs, open: () => Promise.reject(new Map()) };
    const error = await storeErrorOf(createFileTokenStore({ path: target, fs: odd }).get());
    expect(error.message).toBe(`cannot read token file ${target}: unknown error`);
  });

  it('rejects with STORE when a parent of the path is a regular file (ENOTDIR)', async () => {
    await fs.writeFile(path.join(tmp.dir, 'file'), 'x');
    const target = path.join(tmp.dir, 'file', 'token.json');
    const error = await storeErrorOf(createFileTokenStore({ path: target }).get());
    expect(error.message).toContain('ENOTDIR');
  });

  it('rejects with STORE when delete fails for a reason other than a missing file', async () => {
    const target = tmp.file;
    await fs.writeFile(target, '{}');
    const failing: TokenFileSystem = {
      ...fs,
      unlink: async (p) => {
        if (p === target) throw Object.assign(new Error(`EPERM: operation not permitted, unlink '${target}'`), { code: 'EPERM' });
        return fs.unlink(p);
      },
    };
    const error = await storeErrorOf(createFileTokenStore({ path: target, fs: failing }).delete());
    expect(error.message).toBe(`cannot delete token file ${target}: EPERM: operation not permitted, unlink '${target}'`);
  });
});

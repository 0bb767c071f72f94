import * as fs from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isDeviceAuthError } from '../../src/services/errors.js';
import { createFileTokenStore, type TokenFileSystem } from '../../src/services/file-token-store.js';
import { makeTempDir } from './fixtures.js';

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ dir, cleanup } = await makeTempDir()));
afterEach(() => cleanup());

async function errorOf(promise: Promise<unknown>): Promise<Error> {
  const error: unknown = await promise.then(() => undefined, (e: unknown) => e);
  if (!isDeviceAuthError(error, 'STORE')) throw new Error(`expected a STORE error, got ${String(error)}`);
  return error;
}

describe('file token store: unreadable file', () => {
  it('rejects with STORE naming the path and the OS reason when the path is a directory (EISDIR)', async () => {
    const target = path.join(dir, 'token.json');
    await fs.mkdir(target);
    const error = await errorOf(createFileTokenStore({ path: target }).get());
    expect(error.message).toContain(target);
    expect(error.message).toContain('EISDIR');
    expect(error.cause).toMatchObject({ code: 'EISDIR' });
    // Not treated as corrupt: nothing was moved.
    await expect(fs.stat(`${target}.corrupt`)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('rejects with STORE on EACCES (injected: tests run as root)', async () => {
    const target = path.join(dir, 'token.json');
    const denied: TokenFileSystem = {
      ...fs,
      readFile: async () => {
        throw Object.assign(new Error(`EACCES: permission denied, open '${target}'`), { code: 'EACCES' });
      },
    };
    const error = await errorOf(createFileTokenStore({ path: target, fs: denied }).get());
    expect(error.message).toContain(target);
    expect(error.message).toContain('EACCES: permission denied');
  });

  it('rejects with STORE when an injected fs throws something that is not an Error', async () => {
    const target = path.join(dir, 'token.json');
    const odd: TokenFileSystem = { ...fs, readFile: () => Promise.reject(new Map()) };
    const error = await errorOf(createFileTokenStore({ path: target, fs: odd }).get());
    expect(error.message).toBe(`cannot read token file ${target}: unknown error`);
  });

  it('rejects with STORE when a parent of the path is a regular file (ENOTDIR)', async () => {
    await fs.writeFile(path.join(dir, 'file'), 'x');
    const target = path.join(dir, 'file', 'token.json');
    const error = await errorOf(createFileTokenStore({ path: target }).get());
    expect(error.message).toContain('ENOTDIR');
  });

  it('rejects with STORE when delete fails for a reason other than a missing file', async () => {
    const target = path.join(dir, 'token.json');
    await fs.mkdir(target);
    const error = await errorOf(createFileTokenStore({ path: target }).delete());
    expect(error.message).toContain(target);
    expect(error.message).toMatch(/EISDIR|EPERM/);
  });
});

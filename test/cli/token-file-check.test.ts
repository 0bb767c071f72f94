import { execFileSync } from 'node:child_process';
import { lstat, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXIT } from '../../src/cli/exit-codes.js';
import { main } from '../../src/cli/main.js';
import type { MockServer } from '../../src/mock/index.js';
import { useMockServerAndTempDir } from '../support/mock-scene.js';
import { jsonLines } from '../support/run-cli.js';
import { memoryIo } from '../support/memory-io.js';

describe('login checks that the token can be saved before asking for a code', () => {
  let server: MockServer;
  let dir: string;
  const env = () => ({ TRAKT_CLIENT_ID: 'mock-client-id', TRAKT_CLIENT_SECRET: 'mock-client-secret', TRAKT_BASE_URL: server.url });
  useMockServerAndTempDir({ interval: 0.05, autoApproveAfterPolls: 0 }, (s, d) => ((server = s), (dir = d)));

  /** A store that records whether it was opened and never touches the disk, so a broken check cannot replace a device file. */
  function neverOpenedStore() {
    const opened: string[] = [];
    return {
      opened,
      openTokenStore: (path: string) => {
        opened.push(path);
        return { get: () => Promise.resolve(undefined), set: () => Promise.resolve(), delete: () => Promise.resolve() };
      },
    };
  }

  it('a path whose folder is a file: exit 1, nothing sent to the server', async () => {
    await writeFile(join(dir, 'file'), 'x');
    const { io, stdout } = memoryIo(env());
    expect(await main(['login', '--json', '--token-file', join(dir, 'file', 'token.json')], io)).toBe(EXIT.failed);
    const [line] = jsonLines(stdout());
    expect(line).toMatchObject({ type: 'failed', error: { code: 'STORE' } });
    expect(String((line!.error as { message: string }).message)).toContain('is not a folder');
    expect(server.log).toHaveLength(0);
  });

  it.each([
    ['an empty --token-file', () => '', /--token-file must not be empty/],
    ['--token-file naming a folder by its trailing slash', () => join(dir, 'tokens') + '/', /must name a file, not a folder/],
    ['a directory', async () => {
      await mkdir(join(dir, 'token.json'));
      return join(dir, 'token.json');
    }, /is a directory/],
    ['a character device (/dev/null)', () => '/dev/null', /is a character device/],
  ])('%s: usage error (exit 2) before any code is requested', async (_what, makePath, message) => {
    const tokenFile = await makePath();
    const store = neverOpenedStore();
    const { io, stdout, stderr } = memoryIo(env(), { openTokenStore: store.openTokenStore });
    expect(await main(['login', '--json', '--token-file', tokenFile], io)).toBe(EXIT.usage);
    expect(stderr()).toMatch(message);
    expect(stdout()).toBe('');
    expect(server.log).toHaveLength(0);
    expect(store.opened).toEqual([]);
  });

  it('a FIFO: usage error (exit 2) before any code is requested, and it stays a FIFO', async () => {
    const fifo = join(dir, 'token.fifo');
    execFileSync('mkfifo', [fifo]);
    const { io, stderr } = memoryIo(env());
    expect(await main(['login', '--token-file', fifo], io)).toBe(EXIT.usage);
    expect(stderr()).toContain('is a FIFO');
    expect(server.log).toHaveLength(0);
    expect((await lstat(fifo)).isFIFO()).toBe(true);
  });

  it('status, refresh and logout refuse an empty --token-file and a FIFO too (exit 2), without touching it', async () => {
    const fifo = join(dir, 'token.fifo');
    execFileSync('mkfifo', [fifo]);
    for (const command of ['status', 'refresh', 'logout']) {
      for (const path of ['', fifo]) {
        const { io, stderr } = memoryIo(env());
        expect({ command, path, code: await main([command, '--token-file', path], io) }).toEqual({ command, path, code: EXIT.usage });
        expect(stderr()).toMatch(/--token-file/);
      }
    }
    expect((await lstat(fifo)).isFIFO()).toBe(true);
    expect(server.log).toHaveLength(0);
  });

  it('creates a missing folder (0700) and leaves no probe file behind', async () => {
    const tokenFile = join(dir, 'a', 'b', 'token.json');
    const { io } = memoryIo(env());
    expect(await main(['login', '--json', '--token-file', tokenFile], io)).toBe(EXIT.ok);
    const { readdir, stat } = await import('node:fs/promises');
    expect(await readdir(join(dir, 'a', 'b'))).toEqual(['token.json']);
    expect((await stat(join(dir, 'a', 'b'))).mode & 0o777).toBe(0o700);
  });
});

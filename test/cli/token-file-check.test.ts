import { mkdir, writeFile } from 'node:fs/promises';
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

  it.each([
    ['is a directory', async () => {
      await mkdir(join(dir, 'token.json'));
      return join(dir, 'token.json');
    }],
    ['is not a folder', async () => {
      await writeFile(join(dir, 'file'), 'x');
      return join(dir, 'file', 'token.json');
    }],
  ])('a path that %s: exit 1, nothing sent to the server', async (reason, makePath) => {
    const tokenFile = await makePath();
    const { io, stdout } = memoryIo(env());
    expect(await main(['login', '--json', '--token-file', tokenFile], io)).toBe(EXIT.failed);
    const [line] = jsonLines(stdout());
    expect(line).toMatchObject({ type: 'failed', error: { code: 'STORE' } });
    expect(String((line!.error as { message: string }).message)).toContain(reason);
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

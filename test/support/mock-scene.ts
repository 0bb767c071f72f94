/**
 * The scene most CLI tests share: a fresh embedded Trakt server and a fresh temp folder for
 * each test, both removed afterwards.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import { startMockServer, type MockServer, type MockServerOptions } from '../../src/mock/index.js';

/** Registers the hooks; `take` receives each test's server and folder. */
export function useMockServerAndTempDir(options: MockServerOptions, take: (server: MockServer, dir: string) => void): void {
  let server: MockServer | undefined;
  let dir: string | undefined;
  beforeEach(async () => {
    server = await startMockServer(options);
    dir = await mkdtemp(join(tmpdir(), 'device-auth-cli-'));
    take(server, dir);
  });
  afterEach(async () => {
    await server?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });
}

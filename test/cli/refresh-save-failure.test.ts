import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXIT } from '../../src/cli/exit-codes.js';
import { main } from '../../src/cli/main.js';
import type { MockServer } from '../../src/mock/index.js';
import { DeviceAuthError } from '../../src/core/errors.js';
import { createFileTokenStore } from '../../src/services/stores/file-token-store.js';
import { useMockServerAndTempDir } from '../support/mock-scene.js';
import { jsonLines } from '../support/run-cli.js';
import { memoryIo } from '../support/memory-io.js';

describe('refresh when the new pair cannot be saved', () => {
  let server: MockServer;
  let dir: string;
  useMockServerAndTempDir({ interval: 0.05, autoApproveAfterPolls: 0 }, (s, d) => ((server = s), (dir = d)));

  it('does not claim success: exit 1 and a message that says what happened', async () => {
    const tokenFile = join(dir, 'token.json');
    const env = { TRAKT_CLIENT_ID: 'mock-client-id', TRAKT_CLIENT_SECRET: 'mock-client-secret', TRAKT_BASE_URL: server.url };
    const login = memoryIo(env);
    expect(await main(['login', '--json', '--token-file', tokenFile], login.io)).toBe(EXIT.ok);
    const before = await readFile(tokenFile, 'utf8');

    const failingWrites = memoryIo(env, {
      openTokenStore: (path, onWarning) => {
        const store = createFileTokenStore({ path, onWarning });
        return { ...store, set: () => Promise.reject(new DeviceAuthError('STORE', `Could not write ${path}: disk full.`)) };
      },
    });
    const code = await main(['refresh', '--json', '--token-file', tokenFile], failingWrites.io);
    expect(code).toBe(EXIT.failed);
    expect(jsonLines(failingWrites.stdout())).toMatchObject([{ type: 'storeFailed', operation: 'save', error: { code: 'STORE' } }]);
    expect(await readFile(tokenFile, 'utf8')).toBe(before);

    // The same in text mode, after signing in again (the old refresh token is dead now).
    expect(await main(['login', '--json', '--token-file', tokenFile], memoryIo(env).io)).toBe(EXIT.ok);
    const text = memoryIo(env, { openTokenStore: failingWrites.io.openTokenStore });
    expect(await main(['refresh', '--token-file', tokenFile], text.io)).toBe(EXIT.failed);
    expect(text.stderr()).toContain('could not be saved');
  });
});

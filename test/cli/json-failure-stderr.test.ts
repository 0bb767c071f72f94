import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXIT } from '../../src/cli/exit-codes.js';
import { main } from '../../src/cli/main.js';
import type { MockServer } from '../../src/mock/index.js';
import { memoryIo } from '../support/memory-io.js';
import { useMockServerAndTempDir } from '../support/mock-scene.js';
import { jsonLines } from '../support/run-cli.js';

describe('--json failures: the JSON line on stdout and one human line on stderr', () => {
  let server: MockServer;
  let dir: string;
  useMockServerAndTempDir({ interval: 0.05, autoDenyAfterPolls: 0 }, (s, d) => ((server = s), (dir = d)));
  const env = () => ({ TRAKT_CLIENT_ID: 'mock-client-id', TRAKT_CLIENT_SECRET: 'mock-client-secret', TRAKT_BASE_URL: server.url });

  it('login denied → exit 3, {"type":"denied"} on stdout, why on stderr', async () => {
    const { io, stdout, stderr } = memoryIo(env());
    expect(await main(['login', '--json', '--token-file', join(dir, 't.json')], io)).toBe(EXIT.denied);
    expect(jsonLines(stdout()).at(-1)).toEqual({ type: 'denied' });
    expect(stderr()).toBe('The sign-in was declined on the verification page.\n');
  });

  it('login failed → exit 1, the failed line on stdout, "Sign-in failed: …" on stderr', async () => {
    const { io, stdout, stderr } = memoryIo({ ...env(), TRAKT_BASE_URL: 'http://127.0.0.1:9' });
    expect(await main(['login', '--json', '--token-file', join(dir, 't.json')], io)).toBe(EXIT.failed);
    expect(jsonLines(stdout()).at(-1)).toMatchObject({ type: 'failed', error: { code: 'NETWORK' } });
    expect(stderr()).toMatch(/^Sign-in failed: Could not reach http:\/\/127\.0\.0\.1:9.*\n$/);
    expect(stderr().split('\n')).toHaveLength(2);
  });

  it('refresh with nothing saved → exit 1, JSON on stdout, why on stderr', async () => {
    const { io, stdout, stderr } = memoryIo(env());
    expect(await main(['refresh', '--json', '--token-file', join(dir, 't.json')], io)).toBe(EXIT.failed);
    expect(jsonLines(stdout())).toEqual([{ type: 'failed', reason: 'notSignedIn' }]);
    expect(stderr()).toContain('Not signed in');
  });

  it('status with nothing saved is an answer on stdout, not a failure: stderr stays empty', async () => {
    const { io, stderr } = memoryIo(env());
    expect(await main(['status', '--json', '--token-file', join(dir, 't.json')], io)).toBe(EXIT.failed);
    expect(stderr()).toBe('');
  });
});

import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startMockServer } from '../../src/mock/index.js';
import { EXIT } from '../../src/cli/exit-codes.js';
import { jsonLines, runCli } from '../support/run-cli.js';
import { startTraktLikeServer } from '../support/trakt-like-server.js';

const credentials = ['--client-id', 'mock-client-id', '--client-secret', 'mock-client-secret'];

describe('every ending has its exit code, and nothing is written unless signed in', () => {
  let dir: string;
  let close: (() => Promise<void>) | undefined;
  beforeEach(async () => (dir = await mkdtemp(join(tmpdir(), 'device-auth-cli-'))));
  afterEach(async () => {
    await close?.();
    close = undefined;
    await rm(dir, { recursive: true, force: true });
  });

  async function login(baseUrl: string) {
    const result = await runCli(['login', '--json', '--base-url', baseUrl, ...credentials, '--token-file', join(dir, 'token.json')]).exit;
    expect(await readdir(dir)).toEqual([]);
    return { ...result, lines: jsonLines(result.stdout) };
  }

  it('denied on the page → 3', async () => {
    const server = await startMockServer({ interval: 0.05, autoDenyAfterPolls: 1 });
    close = () => server.close();
    const { code, lines } = await login(server.url);
    expect(code).toBe(EXIT.denied);
    expect(lines.map((l) => l.type)).toEqual(['codes', 'poll', 'pending', 'poll', 'denied']);
  });

  it('expired by the client deadline → 4', async () => {
    // The lifetime counts from when the code request was sent: 1.5 s leaves room for a slow first request on a busy machine.
    const server = await startMockServer({ interval: 0.05, expiresIn: 1.5 });
    close = () => server.close();
    const { code, lines } = await login(server.url);
    expect(code).toBe(EXIT.expired);
    expect(lines.at(-1)).toEqual({ type: 'expired' });
    expect(lines.filter((l) => l.type === 'poll').length).toBeGreaterThan(1);
  });

  it.each([
    [409, EXIT.alreadyUsed, 'alreadyUsed'],
    [404, EXIT.invalidCode, 'invalidCode'],
  ])('%i → %i', async (status, exit, type) => {
    const server = await startTraktLikeServer([{ status }]);
    close = server.close;
    const { code, lines } = await login(server.url);
    expect(code).toBe(exit);
    expect(lines.at(-1)).toEqual({ type });
  });

  it('blocked by a CDN → 1 with the reason, and no stack trace', async () => {
    const server = await startTraktLikeServer([{ status: 403, headers: { 'Content-Type': 'text/html' }, body: '<html>blocked</html>' }]);
    close = server.close;
    const { code, lines, stderr } = await login(server.url);
    expect(code).toBe(EXIT.failed);
    expect(lines.map((l) => l.type)).toEqual(['codes', 'poll', 'failed']);
    expect(lines.at(-1)).toMatchObject({ type: 'failed', error: { code: 'BLOCKED' } });
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it('an unreachable server → 1 with a message a person can act on', async () => {
    const { code, stderr } = await runCli(['login', '--base-url', 'http://127.0.0.1:9', ...credentials, '--token-file', join(dir, 't.json')]).exit;
    expect(code).toBe(EXIT.failed);
    expect(stderr).toMatch(/Sign-in failed: Could not reach http:\/\/127\.0\.0\.1:9/);
    expect(stderr).not.toMatch(/\n\s+at /);
  });
});

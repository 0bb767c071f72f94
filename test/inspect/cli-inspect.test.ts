/**
 * `device-auth login --inspect`: the real command line as a child process against a scripted
 * Trakt-like server whose device code and tokens the test chose, so every output can be scanned
 * for them: the `--json` lines, stderr, and every byte of the viewer's event stream.
 */
import { createServer } from 'node:net';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { json, startLoopbackServer } from '../support/loopback-server.js';
import { jsonLines, runCli, waitForStderr } from '../support/run-cli.js';
import { distinctiveSecret } from './support/flows.js';
import { expectNoSecrets, type FlowSecrets } from './support/secrets.js';
import { collectSse, isRootSnapshot } from './support/sse-client.js';

/** A port that was free a moment ago. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('device-auth login --inspect', () => {
  let secrets: FlowSecrets;
  let approved: boolean;
  let api: Awaited<ReturnType<typeof startLoopbackServer>>;
  let dir: string;
  let args: (...extra: string[]) => string[];

  beforeEach(async () => {
    secrets = {
      'client secret': distinctiveSecret('client-secret'),
      'device code': distinctiveSecret('device-code'),
      'access token': distinctiveSecret('access-token'),
      'refresh token': distinctiveSecret('refresh-token'),
    };
    approved = false;
    api = await startLoopbackServer((request) => {
      if (request.path === '/oauth/device/code') {
        return json(200, { device_code: secrets['device code'], user_code: 'ABCD2345', verification_url: 'https://trakt.tv/activate', expires_in: 60, interval: 0.02 });
      }
      if (!approved) return { status: 400 };
      return json(200, {
        access_token: secrets['access token'],
        refresh_token: secrets['refresh token'],
        token_type: 'bearer',
        expires_in: 604800,
        scope: 'public',
        created_at: Math.floor(Date.now() / 1000),
      });
    });
    dir = await mkdtemp(join(tmpdir(), 'device-auth-inspect-'));
    args = (...extra) => ['login', '--base-url', api.url, '--client-id', 'inspect-test-client', '--client-secret', secrets['client secret']!, '--token-file', join(dir, 'token.json'), ...extra];
  });
  afterEach(async () => {
    await api.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('--json: the viewer URL on stderr, JSON on stdout, no secret in either or in the event stream', async () => {
    const run = runCli(args('--json', '--inspect'));
    const [, url] = await waitForStderr(run, /Inspector: (http:\/\/127\.0\.0\.1:\d+\/) /);
    const stream = await collectSse(url!);
    // The flow waits for the person while the page watches (one poll answered "pending"); then the person approves.
    await stream.waitFor(
      (message) => isRootSnapshot(message) && message.eventType === 'xstate.done.actor.pollToken' && JSON.stringify(message.snapshot.value) === '{"awaitingUser":"waiting"}',
    );
    approved = true;
    const { code, stdout, stderr } = await run.exit;
    await stream.ended;

    expect(code).toBe(0);
    expect(stderr).toMatch(/^Inspector: http:\/\/127\.0\.0\.1:\d+\/ \(live state, context and events; secrets redacted\)\n$/);
    expect(jsonLines(stdout).map((line) => line.type)).toEqual(expect.arrayContaining(['codes', 'poll', 'pending', 'authorized']));
    const saved = JSON.parse(await readFile(join(dir, 'token.json'), 'utf8')) as Record<string, unknown>;
    expect(saved).toMatchObject({ access_token: secrets['access token'], refresh_token: secrets['refresh token'] });

    expectNoSecrets('stdout (--json lines)', stdout, secrets);
    expectNoSecrets('stderr', stderr, secrets);
    expectNoSecrets('the inspector event stream', stream.raw(), secrets);

    const last = stream.messages.filter(isRootSnapshot).at(-1)!;
    expect(last.snapshot).toMatchObject({ status: 'done', value: 'authorized', context: { codes: { deviceCode: '[redacted]' }, token: { accessToken: '[redacted]' } } });
    expect(stream.messages.at(-1)?.type).toBe('end');
    // The viewer stopped with the flow: nothing listens there any more.
    await expect(fetch(url!)).rejects.toThrow();
  });

  it('--inspect-port N: serves on that port and prints the address with the plain lines', async () => {
    approved = true;
    const port = await freePort();
    const { code, stdout, stderr } = await runCli(args('--inspect-port', String(port))).exit;
    expect(code).toBe(0);
    expect(stderr).toBe('');
    expect(stdout).toContain(`Inspector: http://127.0.0.1:${port}/ (live state, context and events; secrets redacted)\n`);
    expect(stdout).toContain('Signed in.');
    expectNoSecrets('stdout', stdout, secrets);
  });

  it('a port in use fails (exit 1) naming it; a port that is not a number is a usage error (exit 2)', async () => {
    const busy = createServer();
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
    const { port } = busy.address() as { port: number };
    try {
      const inUse = await runCli(args('--inspect-port', String(port))).exit;
      expect(inUse.code).toBe(1);
      expect(inUse.stderr).toContain(`Cannot serve the inspector on port ${port}: inspector: cannot listen on 127.0.0.1:${port}: EADDRINUSE`);
      expect(api.requests).toHaveLength(0);
    } finally {
      await new Promise<void>((resolve) => busy.close(() => resolve()));
    }
    const bad = await runCli(args('--inspect-port', 'eighty')).exit;
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--inspect-port must be a whole number (digits only) between 0 and 65535 (got "eighty")');
  });
});

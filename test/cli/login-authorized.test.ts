import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { MockServer } from '../../src/mock/index.js';
import { useMockServerAndTempDir } from '../support/mock-scene.js';
import { cleanEnv, jsonLines, runCli } from '../support/run-cli.js';

const credentials = ['--client-id', 'mock-client-id', '--client-secret', 'mock-client-secret'];

describe('device-auth login against the embedded server', () => {
  let server: MockServer;
  let dir: string;
  useMockServerAndTempDir({ interval: 0.05, autoApproveAfterPolls: 2 }, (s, d) => ((server = s), (dir = d)));

  it('--json: one line per event, the token saved with mode 0600, no secret printed', async () => {
    const tokenFile = join(dir, 'nested', 'token.json');
    const { stdout, stderr, code } = await runCli(['login', '--json', '--base-url', server.url, ...credentials, '--token-file', tokenFile]).exit;
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const lines = jsonLines(stdout);
    expect(lines.map((l) => l.type)).toEqual(['codes', 'poll', 'pending', 'poll', 'pending', 'poll', 'authorized']);
    expect(lines[0]).toMatchObject({ verificationUrl: `${server.url}/activate`, interval: 0.05 });
    expect(lines[0]!.userCode).toMatch(/^[A-Z0-9]{8}$/);
    expect(lines.at(-1)).toMatchObject({ type: 'authorized', tokenType: 'bearer', scope: 'public', expiresIn: 604800, tokenFile });

    const saved = JSON.parse(await readFile(tokenFile, 'utf8')) as Record<string, unknown>;
    expect(Object.keys(saved).sort()).toEqual(['access_token', 'created_at', 'expires_at', 'expires_in', 'refresh_token', 'scope', 'token_type']);
    expect(saved.expires_at).toBe((saved.created_at as number) + 604800);
    expect((await stat(tokenFile)).mode & 0o777).toBe(0o600);

    for (const secret of [saved.access_token, saved.refresh_token, 'mock-client-secret'] as string[]) {
      expect(stdout).not.toContain(secret);
    }
    const tokenRequests = server.log.filter((entry) => entry.path === '/oauth/device/token');
    expect(tokenRequests).toHaveLength(3);
    expect(tokenRequests.every((entry) => entry.headers['user-agent']?.startsWith('device-auth-cli/'))).toBe(true);
  });

  it('plain lines when stdout is not a terminal, and the XDG default token path', async () => {
    const { stdout, code } = await runCli(['login', '--base-url', server.url], cleanEnv({
      TRAKT_CLIENT_ID: 'mock-client-id',
      TRAKT_CLIENT_SECRET: 'mock-client-secret',
      XDG_CONFIG_HOME: dir,
    })).exit;
    expect(code).toBe(0);
    expect(stdout).toMatch(new RegExp(`Open ${server.url}/activate and enter the code: [A-Z0-9]{8}`));
    expect(stdout).not.toContain('\u001b[');
    const tokenFile = join(dir, 'device-auth', 'token.json');
    expect(stdout).toContain(`Signed in. Token saved to ${tokenFile}`);
    expect((await stat(tokenFile)).mode & 0o777).toBe(0o600);
  });
});

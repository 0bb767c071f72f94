/**
 * The login line `device-auth mock --dialect rfc8628` prints works as printed: login discovers the
 * mock by its issuer and signs in, then refresh and logout find the provider in the token file.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { jsonLines, runCli } from '../support/run-cli.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('device-auth mock --dialect rfc8628, then the login it prints', () => {
  it('signs in, refreshes and logs out against it', { timeout: 120_000 }, async () => {
    const mock = runCli(['mock', '--dialect', 'rfc8628', '--interval', '0.05', '--auto-approve-after', '1']);
    try {
      const line = await mock.waitForLine((l) => l.includes('sign in:'));
      const login = /sign in: +device-auth (login .*)$/.exec(line)![1]!.split(' ');
      expect(login.slice(0, 3)).toEqual(['login', '--provider', 'rfc8628']);
      const dir = mkdtempSync(join(tmpdir(), 'mock-rfc8628-'));
      dirs.push(dir);
      const tokenFile = ['--token-file', join(dir, 'token.json')];
      const signedIn = await runCli([...login, ...tokenFile, '--json']).exit;
      expect(signedIn.code).toBe(0);
      expect(jsonLines(signedIn.stdout).map((event) => event.type)).toEqual(['codes', 'poll', 'pending', 'poll', 'authorized']);
      expect((await runCli(['refresh', ...tokenFile, '--json']).exit).code).toBe(0);
      expect((await runCli(['logout', ...tokenFile, '--json']).exit).code).toBe(0);
      await mock.waitForLine((l) => / POST \/revoke → 200$/.test(l));
    } finally {
      mock.child.kill('SIGINT');
    }
    const { stdout } = await mock.exit;
    const requests = stdout.split('\n').filter((l) => l.includes(' → ')).map((l) => l.slice(l.indexOf(' ') + 1));
    // refresh and logout take the discovered endpoints from the token file: no second discovery.
    expect(requests).toEqual([
      'GET /.well-known/oauth-authorization-server → 200',
      'POST /device_authorization → 200',
      'POST /token → 400',
      'POST /token → 200',
      'POST /token → 200',
      'POST /revoke → 200',
    ]);
  });
});

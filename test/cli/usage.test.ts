import { describe, expect, it } from 'vitest';
import { EXIT } from '../../src/cli/exit-codes.js';
import { LIBRARY_VERSION } from '../../src/core/version.js';
import { runCli } from '../support/run-cli.js';

describe('usage', () => {
  it('missing credentials → 2, saying what to set', async () => {
    const { code, stderr, stdout } = await runCli(['login']).exit;
    expect(code).toBe(EXIT.usage);
    expect(stdout).toBe('');
    expect(stderr).toContain('TRAKT_CLIENT_ID');
    expect(stderr).toContain('TRAKT_CLIENT_SECRET');
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it('a missing secret only names the secret', async () => {
    const { code, stderr } = await runCli(['login', '--client-id', 'x']).exit;
    expect(code).toBe(EXIT.usage);
    expect(stderr).toContain('TRAKT_CLIENT_SECRET');
    expect(stderr).not.toContain('TRAKT_CLIENT_ID');
  });

  it('unknown flags, unknown commands and bad base URLs → 2', async () => {
    expect((await runCli(['login', '--frobnicate']).exit).stderr).toMatch(/frobnicate/);
    expect((await runCli(['login', '--frobnicate']).exit).code).toBe(EXIT.usage);
    expect((await runCli(['fly']).exit).code).toBe(EXIT.usage);
    const bad = await runCli(['login', '--client-id', 'a', '--client-secret', 'b', '--base-url', 'nope']).exit;
    expect(bad.code).toBe(EXIT.usage);
    expect(bad.stderr).toContain('The base URL (baseUrl, --base-url) must be an http(s) URL');
    expect((await runCli(['mock', '--port', 'abc']).exit).code).toBe(EXIT.usage);
  });

  it('--help, <command> --help and --version', async () => {
    const main = await runCli(['--help']).exit;
    expect(main.code).toBe(0);
    expect(main.stdout).toContain('Usage: device-auth <command>');
    const login = await runCli(['login', '--help']).exit;
    expect(login.code).toBe(0);
    expect(login.stdout).toContain('--token-file PATH');
    expect((await runCli(['mock', '--help']).exit).stdout).toContain('--auto-approve-after N');
    expect((await runCli(['--version']).exit).stdout).toBe(`${LIBRARY_VERSION}\n`);
  });
});

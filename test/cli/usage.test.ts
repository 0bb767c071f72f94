import { describe, expect, it } from 'vitest';
import { EXIT } from '../../src/cli/exit-codes.js';
import { LIBRARY_VERSION } from '../../src/core/version.js';
import { main } from '../../src/cli/main.js';
import { memoryIo } from '../support/memory-io.js';
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

  // In process: each of these would otherwise start a child process, seconds apiece on a busy machine.
  const inProcess = async (args: string[]) => {
    const { io, stdout, stderr } = memoryIo({});
    const code = await main(args, io);
    return { code, stdout: stdout(), stderr: stderr() };
  };

  it('unknown flags, unknown commands and bad base URLs → 2', async () => {
    const unknownFlag = await inProcess(['login', '--frobnicate']);
    expect(unknownFlag.stderr).toMatch(/frobnicate/);
    expect(unknownFlag.code).toBe(EXIT.usage);
    expect((await inProcess(['fly'])).code).toBe(EXIT.usage);
    const bad = await inProcess(['login', '--client-id', 'a', '--client-secret', 'b', '--base-url', 'nope']);
    expect(bad.code).toBe(EXIT.usage);
    expect(bad.stderr).toContain('The base URL (baseUrl, --base-url) must be an http(s) URL');
    expect((await inProcess(['mock', '--port', 'abc'])).code).toBe(EXIT.usage);
  });

  it('--help, <command> --help and --version', async () => {
    const help = await inProcess(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: device-auth <command>');
    const login = await inProcess(['login', '--help']);
    expect(login.code).toBe(0);
    expect(login.stdout).toContain('--token-file PATH');
    expect((await inProcess(['mock', '--help'])).stdout).toContain('--auto-approve-after N');
    // The real binary once, for the version.
    expect((await runCli(['--version']).exit).stdout).toBe(`${LIBRARY_VERSION}\n`);
  });
});

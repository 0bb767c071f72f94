/**
 * The CLI with any provider: `login --provider rfc8628 --issuer URL` against an RFC 8628 server
 * on loopback, then `status`, `refresh` and `logout` reading the provider from the token file
 * (nobody repeats it); `--json` lines shaped exactly like Trakt's; bad combinations refused with
 * exit 2 before any request.
 */
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { EXIT } from '../../src/cli/exit-codes.js';
import { startMockServer, type MockServer } from '../../src/mock/index.js';
import { startRfc8628Server, type Rfc8628Server } from '../providers/authorize-rfc8628-server.js';
import { memoryIo } from '../support/memory-io.js';
import { jsonLines, runCli } from '../support/run-cli.js';

let server: Rfc8628Server;
let dir: string;
beforeAll(async () => {
  server = await startRfc8628Server({ pendingPolls: 2 });
  dir = await mkdtemp(join(tmpdir(), 'device-auth-provider-'));
});
afterAll(async () => {
  await server.close();
  await rm(dir, { recursive: true, force: true });
});

/** Several real CLI processes in a row (each starts tsx): seconds each on a busy machine. */
const CLI_RUNS_TIMEOUT = 120_000;
const GRANT = 'urn:ietf:params:oauth:grant-type:device_code';
const formOf = (index: number) => Object.fromEntries(new URLSearchParams(server.requests[index]!.body));

describe('device-auth with --provider rfc8628 --issuer', () => {
  it('login discovers and signs in; status, refresh and logout read the provider from the token file', async () => {
    const tokenFile = join(dir, 'rfc8628.json');
    const login = await runCli(['login', '--provider', 'rfc8628', '--issuer', server.url, '--client-id', 'tv', '--scope', 'read', '--token-file', tokenFile, '--json']).exit;
    expect(login.stderr).toBe('');
    expect(login.code).toBe(EXIT.ok);
    expect(jsonLines(login.stdout).map((line) => line.type)).toEqual(['codes', 'poll', 'pending', 'poll', 'pending', 'poll', 'authorized']);
    expect(server.paths()).toEqual(['/.well-known/oauth-authorization-server', '/device_authorization', '/token', '/token', '/token']);
    expect(formOf(1)).toEqual({ client_id: 'tv', scope: 'read' });
    expect(formOf(2)).toEqual({ grant_type: GRANT, device_code: 'dc-1', client_id: 'tv' });

    const saved = JSON.parse(await readFile(tokenFile, 'utf8')) as Record<string, unknown>;
    expect(saved.provider).toEqual({
      name: 'rfc8628',
      clientId: 'tv',
      issuer: server.url,
      deviceAuthorizationEndpoint: `${server.url}/device_authorization`,
      tokenEndpoint: `${server.url}/token`,
      revocationEndpoint: `${server.url}/revoke`,
      scope: 'read',
    });
    expect(saved).toMatchObject({ access_token: 'at-1', refresh_token: 'rt-1' });
    expect((await stat(tokenFile)).mode & 0o777).toBe(0o600);
    for (const secret of ['at-1', 'rt-1', 'dc-1']) expect(login.stdout).not.toContain(secret);

    server.requests.length = 0;
    const status = await runCli(['status', '--token-file', tokenFile, '--json']).exit;
    expect(status.code).toBe(EXIT.ok);
    expect(jsonLines(status.stdout)).toEqual([expect.objectContaining({ type: 'status', signedIn: true, expired: false, scope: 'read', tokenFile })]);
    const statusText = await runCli(['status', '--token-file', tokenFile]).exit;
    expect(statusText.stdout).toContain(`  Provider: ${new URL(server.url).host} (--provider rfc8628)`);
    expect(server.requests).toEqual([]);

    const refresh = await runCli(['refresh', '--token-file', tokenFile, '--json']).exit;
    expect(refresh.stderr).toBe('');
    expect(refresh.code).toBe(EXIT.ok);
    expect(jsonLines(refresh.stdout)).toEqual([expect.objectContaining({ type: 'refreshed', via: 'server', scope: 'read' })]);
    expect(server.paths()).toEqual(['/token']);
    expect(formOf(0)).toEqual({ grant_type: 'refresh_token', refresh_token: 'rt-1', client_id: 'tv' });
    const refreshed = JSON.parse(await readFile(tokenFile, 'utf8')) as Record<string, unknown>;
    expect(refreshed).toMatchObject({ access_token: 'at-2', refresh_token: 'rt-2', provider: saved.provider });

    const logout = await runCli(['logout', '--token-file', tokenFile, '--json']).exit;
    expect(logout.code).toBe(EXIT.ok);
    expect(jsonLines(logout.stdout)).toEqual([{ type: 'signedOut', wasSignedIn: true, revoked: true, cleared: true }]);
    expect(server.revoked).toEqual(['at-2']);
    await expect(stat(tokenFile)).rejects.toMatchObject({ code: 'ENOENT' });
    for (const output of [status.stdout, refresh.stdout, logout.stdout]) for (const secret of ['at-1', 'rt-1', 'at-2', 'rt-2']) expect(output).not.toContain(secret);
  }, CLI_RUNS_TIMEOUT);

  it('explicit endpoints without a revocation endpoint: logout deletes the file and says the token was not revoked', async () => {
    const tokenFile = join(dir, 'endpoints.json');
    server.requests.length = 0;
    const endpoints = ['--device-authorization-endpoint', `${server.url}/device_authorization`, '--token-endpoint', `${server.url}/token`];
    const login = await runCli(['login', '--provider', 'rfc8628', ...endpoints, '--client-id', 'tv', '--token-file', tokenFile]).exit;
    expect(login.code).toBe(EXIT.ok);
    server.requests.length = 0;
    const logout = await runCli(['logout', '--token-file', tokenFile]).exit;
    expect(logout.code).toBe(EXIT.ok);
    expect(logout.stdout).toBe(`Signed out. ${new URL(server.url).host} has no revocation endpoint, so the token was not revoked there: it stays valid until it expires. It was deleted here.\n`);
    expect(server.requests).toEqual([]);
    await expect(stat(tokenFile)).rejects.toMatchObject({ code: 'ENOENT' });
  }, CLI_RUNS_TIMEOUT);
});

describe('--json lines have the same shape for every provider', () => {
  let trakt: MockServer;
  beforeAll(async () => (trakt = await startMockServer({ interval: 0.05, autoApproveAfterPolls: 2 })));
  afterAll(() => trakt.close());

  /** Each line's type and sorted keys. */
  const shapes = (stdout: string) => jsonLines(stdout).map((line) => `${line.type}: ${Object.keys(line).sort().join(',')}`);

  it('login --json: the same events with the same fields, Trakt and RFC 8628', async () => {
    const traktLogin = await runCli(['login', '--json', '--base-url', trakt.url, '--client-id', 'mock-client-id', '--client-secret', 'mock-client-secret', '--token-file', join(dir, 'trakt.json')]).exit;
    const rfcLogin = await runCli(['login', '--json', '--provider', 'rfc8628', '--issuer', server.url, '--client-id', 'tv', '--token-file', join(dir, 'parity.json')]).exit;
    expect([traktLogin.code, rfcLogin.code]).toEqual([EXIT.ok, EXIT.ok]);
    expect(shapes(rfcLogin.stdout)).toEqual(shapes(traktLogin.stdout));
    const traktStatus = await runCli(['status', '--json', '--token-file', join(dir, 'trakt.json')]).exit;
    const rfcStatus = await runCli(['status', '--json', '--token-file', join(dir, 'parity.json')]).exit;
    expect(shapes(rfcStatus.stdout)).toEqual(shapes(traktStatus.stdout));
    // A Trakt login over another provider's file leaves no record of that provider behind.
    const over = await runCli(['login', '--json', '--base-url', trakt.url, '--client-id', 'mock-client-id', '--client-secret', 'mock-client-secret', '--token-file', join(dir, 'parity.json')]).exit;
    expect(over.code).toBe(EXIT.ok);
    expect(JSON.parse(await readFile(join(dir, 'parity.json'), 'utf8'))).not.toHaveProperty('provider');
  }, CLI_RUNS_TIMEOUT);
});

describe('bad combinations are usage errors (exit 2) before any request', () => {
  const usage = async (args: string[]) => {
    const { io, stdout, stderr } = memoryIo({});
    const code = await main(['login', '--token-file', join(dir, 'never.json'), ...args], io);
    return { code, stdout: stdout(), stderr: stderr() };
  };
  const cases: Array<[string[], RegExp]> = [
    [['--provider', 'bogus', '--client-id', 'x'], /--provider must be one of trakt, github, google, microsoft, gitlab, rfc8628 \(got "bogus"\)/],
    [['--provider', 'rfc8628', '--client-id', 'x'], /--provider rfc8628 needs --issuer URL, or both --device-authorization-endpoint URL and --token-endpoint URL/],
    [['--provider', 'rfc8628', '--token-endpoint', 'http://127.0.0.1:1/token', '--client-id', 'x'], /needs --issuer URL, or both/],
    [['--provider', 'rfc8628', '--issuer', 'http://127.0.0.1:1', '--token-endpoint', 'http://127.0.0.1:1/token', '--client-id', 'x'], /Give either --issuer .* or the endpoints, not both/],
    [['--provider', 'rfc8628', '--issuer', 'http://127.0.0.1:1'], /Missing a client id \(--client-id\)/],
    [['--provider', 'github', '--issuer', 'http://127.0.0.1:1', '--client-id', 'x'], /--issuer does not apply to --provider github \(it goes with --provider rfc8628\)/],
    [['--provider', 'google', '--client-id', 'g', '--scope', 'openid'], /Google needs a clientSecret/],
    [['--provider', 'microsoft', '--client-id', 'm'], /Microsoft needs a scope/],
    [['--provider', 'microsoft', '--client-id', 'm', '--scope', 'openid', '--tenant', 'bad tenant'], /needs a tenant/],
    [['--tenant', 'common', '--client-id', 'a', '--client-secret', 'b'], /--tenant does not apply to --provider trakt/],
    [['--scope', 'public', '--client-id', 'a', '--client-secret', 'b'], /--scope does not apply to --provider trakt/],
    [['--provider', 'github', '--client-id', 'x', '--base-url', 'https://example.com'], /--base-url does not apply to --provider github/],
  ];
  for (const [args, message] of cases) {
    it(args.join(' '), async () => {
      const before = server.requests.length;
      const result = await usage(args);
      expect(result.code).toBe(EXIT.usage);
      expect(result.stderr).toMatch(message);
      expect(result.stderr).toMatch(/Run "device-auth login --help" for usage\./);
      expect(server.requests.length).toBe(before);
    });
  }
});

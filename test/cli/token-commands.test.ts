import { access, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { EXIT } from '../../src/cli/exit-codes.js';
import type { MockServer } from '../../src/mock/index.js';
import { useMockServerAndTempDir } from '../support/mock-scene.js';
import { cleanEnv, jsonLines, runCli } from '../support/run-cli.js';

describe('status, refresh and logout against the embedded server', () => {
  let server: MockServer;
  let dir: string;
  let tokenFile: string;
  let env: NodeJS.ProcessEnv;
  const cli = (args: string[], extraEnv = env) => runCli([...args, '--token-file', tokenFile], extraEnv).exit;
  const saved = async () => JSON.parse(await readFile(tokenFile, 'utf8')) as { access_token: string; refresh_token: string };
  const accountStatus = async (accessToken: string) =>
    (await fetch(`${server.url}/users/settings`, {
      headers: { Authorization: `Bearer ${accessToken}`, 'trakt-api-key': 'mock-client-id', 'trakt-api-version': '2', 'User-Agent': 'test/1' },
    })).status;

  useMockServerAndTempDir({ interval: 0.05, autoApproveAfterPolls: 0 }, (s, d) => ((server = s), (dir = d)));
  beforeEach(async () => {
    tokenFile = join(dir, 'token.json');
    env = cleanEnv({ TRAKT_CLIENT_ID: 'mock-client-id', TRAKT_CLIENT_SECRET: 'mock-client-secret', TRAKT_BASE_URL: server.url });
    expect((await cli(['login', '--json'])).code).toBe(EXIT.ok);
  });

  it('status: who is signed in, scope, expiry and refresh time', async () => {
    const { code, stdout } = await cli(['status', '--json']);
    expect(code).toBe(EXIT.ok);
    const [status] = jsonLines(stdout);
    expect(status).toMatchObject({ type: 'status', signedIn: true, username: 'mock-user', scope: 'public', tokenFile });
    expect(status!.refreshAt).toBe((status!.expiresAt as number) - 24 * 3600 * 1000);
    const text = await cli(['status']);
    expect(text.stdout).toContain('Signed in as mock-user.');
    const { access_token } = await saved();
    expect(text.stdout + stdout).not.toContain(access_token);
  });

  it('status without credentials still reads the file, and says how to look the account up', async () => {
    const { code, stdout } = await cli(['status'], cleanEnv());
    expect(code).toBe(EXIT.ok);
    expect(stdout).toContain('set TRAKT_CLIENT_ID and TRAKT_CLIENT_SECRET');
  });

  it('refresh: rotates the pair, saves it 0600; the old refresh and access tokens are dead', async () => {
    const before = await saved();
    const { code, stdout } = await cli(['refresh', '--json']);
    expect(code).toBe(EXIT.ok);
    expect(jsonLines(stdout)).toMatchObject([{ type: 'refreshed', via: 'server' }]);
    const after = await saved();
    expect(after.refresh_token).not.toBe(before.refresh_token);
    expect((await stat(tokenFile)).mode & 0o777).toBe(0o600);
    expect(await accountStatus(before.access_token)).toBe(401);
    expect(await accountStatus(after.access_token)).toBe(200);
    expect(stdout).not.toContain(after.access_token);
    // The rotated-out refresh token is refused by the server.
    const reuse = await fetch(`${server.url}/oauth/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'trakt-api-key': 'mock-client-id', 'trakt-api-version': '2', 'User-Agent': 'test/1' },
      body: JSON.stringify({ refresh_token: before.refresh_token, client_id: 'mock-client-id', client_secret: 'mock-client-secret', redirect_uri: 'urn:ietf:wg:oauth:2.0:oob', grant_type: 'refresh_token' }),
    });
    expect(reuse.status).toBe(400);
  });

  it('refresh with a refresh token the server refuses: sign in again, the file is cleared', async () => {
    const token = await saved();
    await writeFile(tokenFile, JSON.stringify({ ...token, refresh_token: 'not-a-real-refresh-token' }), { mode: 0o600 });
    const { code, stderr } = await cli(['refresh']);
    expect(code).toBe(EXIT.failed);
    expect(stderr).toContain('sign in again');
    await expect(access(tokenFile)).rejects.toThrow();
  });

  it('logout: revokes and deletes; then status says not signed in', async () => {
    const { access_token } = await saved();
    const out = await cli(['logout', '--json']);
    expect(out.code).toBe(EXIT.ok);
    expect(jsonLines(out.stdout)).toEqual([{ type: 'signedOut', wasSignedIn: true, revoked: true, cleared: true }]);
    await expect(access(tokenFile)).rejects.toThrow();
    expect(await accountStatus(access_token)).toBe(401);
    const status = await cli(['status']);
    expect(status.code).toBe(EXIT.failed);
    expect(status.stdout).toContain('Not signed in');
  });

  it('logout when revoking fails still deletes the token, and says so', async () => {
    const unreachable = { ...env, TRAKT_BASE_URL: 'http://127.0.0.1:9' };
    const { code, stdout } = await cli(['logout'], unreachable);
    expect(code).toBe(EXIT.ok);
    expect(stdout).toMatch(/Revoking on Trakt failed \(Could not reach http:\/\/127\.0\.0\.1:9.*the token was deleted here anyway, but Trakt may accept it until it expires\./);
    await expect(access(tokenFile)).rejects.toThrow();
  });

  it('a corrupt token file is moved aside with a warning and counts as signed out', async () => {
    await writeFile(tokenFile, '{"access_token": ', { mode: 0o600 });
    const { code, stdout, stderr } = await cli(['status']);
    expect(code).toBe(EXIT.failed);
    expect(stdout).toContain('Not signed in');
    expect(stderr).toContain(`${tokenFile}.corrupt`);
    expect(await readFile(`${tokenFile}.corrupt`, 'utf8')).toBe('{"access_token": ');
  });

  it('refresh needs credentials (usage error); logout without them deletes the token here and says it was not revoked', async () => {
    expect((await cli(['refresh'], cleanEnv())).code).toBe(EXIT.usage);
    const { access_token } = await saved();
    const out = await cli(['logout'], cleanEnv());
    expect(out.code).toBe(EXIT.ok);
    expect(out.stdout).toContain('not revoked on Trakt');
    await expect(access(tokenFile)).rejects.toThrow();
    expect(await accountStatus(access_token)).toBe(200);
  });

  it('refresh of a token without a refresh token says so at once (exit 1), never hangs', async () => {
    const { refresh_token: _, ...withoutRefresh } = await saved();
    await writeFile(tokenFile, JSON.stringify(withoutRefresh), { mode: 0o600 });
    const { code, stderr } = await cli(['refresh']);
    expect(code).toBe(EXIT.failed);
    expect(stderr).toContain('has no refresh token');
  });

  it('status: a token Trakt no longer accepts is not signed in (exit 1)', async () => {
    const { access_token } = await saved();
    const revoke = await fetch(`${server.url}/oauth/revoke`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'trakt-api-key': 'mock-client-id', 'trakt-api-version': '2', 'User-Agent': 'test/1' },
      body: JSON.stringify({ token: access_token, client_id: 'mock-client-id', client_secret: 'mock-client-secret' }),
    });
    expect(revoke.status).toBe(200);
    const { code, stdout } = await cli(['status', '--json']);
    expect(code).toBe(EXIT.failed);
    expect(jsonLines(stdout)).toMatchObject([{ type: 'status', signedIn: false, rejected: true }]);
  });
});

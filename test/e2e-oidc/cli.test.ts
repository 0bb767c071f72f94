/**
 * The `device-auth` command line against oidc-provider: `login --provider rfc8628 --issuer URL`
 * with the person approving on the provider's pages in Chromium, then `status`, `refresh` and
 * `logout`, which read the provider from the token file (nobody repeats it). The tokens never
 * appear in any output; after `logout` the provider refuses the access token.
 */
import { access, mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXIT } from '../../src/cli/exit-codes.js';
import { skipWithoutChromium, useChromium } from '../inspect/support/chromium.js';
import { cleanEnv, jsonLines, runCli } from '../support/run-cli.js';
import { openPersonTab, type ShownCodes } from './support/person.js';
import { DEVICE_GRANT, startOidcProvider, type RunningOidcProvider } from './support/provider.js';
import { OFFLINE_SCOPE } from './support/sign-in.js';

/** Four commands, each a Node process started through tsx, plus a sign-in in the browser. */
const CLI_TEST_TIMEOUT_MS = 90_000;

describe.skipIf(skipWithoutChromium)('device-auth against oidc-provider', { timeout: CLI_TEST_TIMEOUT_MS }, () => {
  const browser = useChromium();
  let server: RunningOidcProvider;
  let dir: string;
  beforeAll(async () => {
    server = await startOidcProvider({ intervalSeconds: 1 });
    dir = await mkdtemp(join(tmpdir(), 'device-auth-oidc-cli-'));
  });
  afterAll(async () => {
    await server.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('login --provider rfc8628 --issuer, approved on the pages; status, refresh and logout from the token file', async () => {
    const tokenFile = join(dir, 'token.json');
    const saved = async () => JSON.parse(await readFile(tokenFile, 'utf8')) as { access_token: string; refresh_token: string };
    const cli = (args: string[]) => runCli([...args, '--token-file', tokenFile, '--json'], cleanEnv()).exit;
    const outputs: string[] = [];

    const login = runCli(
      ['login', '--provider', 'rfc8628', '--issuer', server.issuer, '--client-id', server.clients.public.clientId, '--scope', OFFLINE_SCOPE, '--token-file', tokenFile, '--json'],
      cleanEnv(),
    );
    const codes = JSON.parse(await login.waitForLine((line) => line.includes('"type":"codes"'))) as ShownCodes & { type: 'codes' };
    expect(codes.verificationUrl).toBe(`${server.issuer}/device`);
    const person = await openPersonTab(browser());
    try {
      await person.approve(codes);
    } finally {
      await person.close();
    }
    const signedIn = await login.exit;
    outputs.push(signedIn.stdout, signedIn.stderr);
    expect(signedIn.code, signedIn.stderr).toBe(EXIT.ok);
    const first = await saved();
    expect((await stat(tokenFile)).mode & 0o777).toBe(0o600);
    expect(await server.userinfoStatus(first.access_token)).toBe(200);
    expect(server.requestsTo('token', DEVICE_GRANT).at(-1)).toMatchObject({ status: 200, clientId: server.clients.public.clientId });

    const status = await cli(['status']);
    outputs.push(status.stdout, status.stderr);
    expect(status.code, status.stderr).toBe(EXIT.ok);
    expect(jsonLines(status.stdout)).toEqual([expect.objectContaining({ type: 'status', signedIn: true, tokenFile })]);

    const refresh = await cli(['refresh']);
    outputs.push(refresh.stdout, refresh.stderr);
    expect(refresh.code, refresh.stderr).toBe(EXIT.ok);
    expect(jsonLines(refresh.stdout)).toMatchObject([{ type: 'refreshed', via: 'server' }]);
    const second = await saved();
    expect(second.refresh_token).not.toBe(first.refresh_token);
    expect(await server.isRefreshTokenActive(first.refresh_token)).toBe(false);
    expect(await server.userinfoStatus(second.access_token)).toBe(200);
    expect(server.requestsTo('token', 'refresh_token')).toEqual([expect.objectContaining({ status: 200, clientId: server.clients.public.clientId })]);

    const logout = await cli(['logout']);
    outputs.push(logout.stdout, logout.stderr);
    expect(logout.code, logout.stderr).toBe(EXIT.ok);
    expect(jsonLines(logout.stdout)).toEqual([{ type: 'signedOut', wasSignedIn: true, revoked: true, cleared: true }]);
    await expect(access(tokenFile)).rejects.toThrow();
    expect(server.requestsTo('revocation')).toEqual([expect.objectContaining({ status: 200 })]);
    expect(await server.userinfoStatus(second.access_token)).toBe(401);

    const printed = outputs.join('\n');
    for (const secret of [first.access_token, first.refresh_token, second.access_token, second.refresh_token]) expect(printed).not.toContain(secret);
  });
});

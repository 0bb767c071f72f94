/**
 * `@octokit/auth-oauth-device` (a peer the bench compares with) signs in against the mock's GitHub
 * aliases, pointed there by a `request` whose `baseUrl` is the mock: it builds
 * `<baseUrl>/login/device/code` and `<baseUrl>/login/oauth/access_token` and sends JSON with
 * `Accept: application/json`.
 */
import { createOAuthDeviceAuth } from '@octokit/auth-oauth-device';
import { request } from '@octokit/request';
import { describe, expect, it } from 'vitest';
import { startRfcMock, TRANSPORTS } from './rfc8628-support.js';

describe.each(TRANSPORTS)('@octokit/auth-oauth-device against the rfc8628 mock (%s)', (transport) => {
  it.each([200, 400] as const)('signs in through the GitHub paths (errors answered with HTTP %s)', async (errorStatus) => {
    const target = await startRfcMock(transport, { interval: 0.05, errorStatus, autoApproveAfterPolls: 2 });
    const verifications: string[] = [];
    const auth = createOAuthDeviceAuth({
      clientType: 'oauth-app',
      clientId: target.mock.clientId,
      scopes: ['repo', 'gist'],
      onVerification: (verification) => {
        verifications.push(verification.verification_uri);
      },
      request: request.defaults({ baseUrl: target.url, request: { fetch: target.fetch } }),
    });
    const authentication = await auth({ type: 'oauth' });
    expect(authentication).toMatchObject({ type: 'token', tokenType: 'oauth', clientId: target.mock.clientId, scopes: ['repo', 'gist'] });
    expect(target.mock.tokenState((authentication as { token: string }).token)).toBe('active');
    expect(verifications).toEqual([`${target.url}/activate`]);
    expect(target.mock.log.map((entry) => `${entry.path} ${entry.status}`)).toEqual([
      '/login/device/code 200',
      `/login/oauth/access_token ${errorStatus}`,
      `/login/oauth/access_token ${errorStatus}`,
      '/login/oauth/access_token 200',
    ]);
    expect(target.mock.log[0]?.headers).toMatchObject({ accept: 'application/json', 'content-type': 'application/json; charset=utf-8' });
    expect(target.mock.stats()).toMatchObject({ codesIssued: 1, devicePolls: 3, tooFastPolls: 0, tokensIssued: 1 });
  });
});

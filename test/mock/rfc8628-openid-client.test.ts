/**
 * `openid-client` (the other peer the bench compares with) discovers the mock's rfc8628 dialect by
 * both well-known documents, signs in with the device grant, refreshes and revokes.
 */
import * as client from 'openid-client';
import { describe, expect, it } from 'vitest';
import { startRfcMock } from './rfc8628-support.js';

describe('openid-client against the rfc8628 mock', () => {
  it.each(['oauth2', 'oidc'] as const)('discovers (%s), signs in, refreshes and revokes', async (algorithm) => {
    const target = await startRfcMock('http', { interval: 0.05, autoApproveAfterPolls: 2 });
    const config = await client.discovery(new URL(target.url), target.mock.clientId, undefined, client.None(), {
      execute: [client.allowInsecureRequests],
      algorithm,
    });
    const device = await client.initiateDeviceAuthorization(config, { scope: 'read' });
    const tokens = await client.pollDeviceAuthorizationGrant(config, device);
    expect(tokens).toMatchObject({ token_type: 'bearer', scope: 'read', expires_in: 604800 });
    const refreshed = await client.refreshTokenGrant(config, tokens.refresh_token!);
    expect(target.mock.tokenState(tokens.access_token)).toBe('rotated');
    await client.tokenRevocation(config, refreshed.access_token);
    expect(target.mock.tokenState(refreshed.access_token)).toBe('revoked');
    const metadata = algorithm === 'oauth2' ? '/.well-known/oauth-authorization-server' : '/.well-known/openid-configuration';
    expect(target.mock.log.map((entry) => `${entry.path} ${entry.status}`)).toEqual([
      `${metadata} 200`,
      '/device_authorization 200',
      '/token 400',
      '/token 400',
      '/token 200',
      '/token 200',
      '/revoke 200',
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import { startMockServer } from '../../src/mock/index.js';
import { USER_AGENT } from './support.js';
import { DEVICE_GRANT, read, startRfcMock, TRANSPORTS } from './rfc8628-support.js';

const METHODS = ['none', 'client_secret_post', 'client_secret_basic'];

describe.each(TRANSPORTS)('rfc8628 dialect, discovery documents (%s)', (transport) => {
  it('serves the same RFC 8414 metadata at both well-known paths, with the mock as issuer', async () => {
    const target = await startRfcMock(transport);
    const expected = {
      issuer: target.url,
      device_authorization_endpoint: `${target.url}/device_authorization`,
      token_endpoint: `${target.url}/token`,
      revocation_endpoint: `${target.url}/revoke`,
      grant_types_supported: [DEVICE_GRANT, 'refresh_token'],
      response_types_supported: [],
      token_endpoint_auth_methods_supported: METHODS,
      revocation_endpoint_auth_methods_supported: METHODS,
    };
    for (const path of ['/.well-known/oauth-authorization-server', '/.well-known/openid-configuration']) {
      const response = await target.fetch(`${target.url}${path}`, { headers: { 'User-Agent': USER_AGENT } });
      expect(response.headers.get('access-control-allow-origin')).toBe('*');
      expect(await read(response)).toEqual([200, expected]);
    }
  });
});

describe('rfc8628 dialect, discovery behind a public URL', () => {
  it('names the public URL as issuer and endpoint base', async () => {
    const server = await startMockServer({ dialect: 'rfc8628', publicUrl: 'https://auth.example.test/' });
    try {
      const metadata = (await (await fetch(`${server.url}/.well-known/oauth-authorization-server`, { headers: { 'User-Agent': USER_AGENT } })).json()) as Record<string, unknown>;
      expect(metadata).toMatchObject({ issuer: 'https://auth.example.test', token_endpoint: 'https://auth.example.test/token' });
    } finally {
      await server.close();
    }
  });

  it('is not served in the Trakt dialect', async () => {
    const server = await startMockServer();
    try {
      expect((await fetch(`${server.url}/.well-known/oauth-authorization-server`, { headers: { 'User-Agent': USER_AGENT } })).status).toBe(404);
    } finally {
      await server.close();
    }
  });
});

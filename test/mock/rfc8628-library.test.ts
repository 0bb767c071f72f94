/**
 * The library's own RFC 8628 client against the mock's rfc8628 dialect, end to end, over HTTP and
 * in memory: createRfc8628Services signs in (and sees a denial), the dialect refreshes and revokes,
 * and a session found by discovery signs in, refreshes and signs out.
 */
import { describe, expect, it } from 'vitest';
import { DeviceAuthError } from '../../src/core/errors.js';
import { runDeviceAuth } from '../../src/services/clients/authorize.js';
import { createSession } from '../../src/services/clients/session-client.js';
import { createTransport } from '../../src/services/dialect/create-services.js';
import { createRfc8628Dialect } from '../../src/services/rfc8628/rfc8628-dialect.js';
import { createRfc8628Services } from '../../src/services/rfc8628/rfc8628-services.js';
import { createMemoryTokenStore } from '../../src/services/stores/memory-token-store.js';
import { readableCodes, startRfcMock, TRANSPORTS } from './rfc8628-support.js';

describe.each(TRANSPORTS)('the library against the rfc8628 mock (%s)', (transport) => {
  it('createRfc8628Services signs in; the dialect refreshes with rotation and revokes', async () => {
    const target = await startRfcMock(transport, { interval: 0.05, autoApproveAfterPolls: 2, generate: readableCodes() });
    const endpoints = {
      clientId: target.mock.clientId,
      clientSecret: target.mock.clientSecret,
      deviceAuthorizationEndpoint: `${target.url}/device_authorization`,
      tokenEndpoint: `${target.url}/token`,
      revocationEndpoint: `${target.url}/revoke`,
      scope: 'profile email',
      fetch: target.fetch,
    };
    const events: string[] = [];
    const token = await runDeviceAuth(createRfc8628Services(endpoints), { onEvent: (event) => events.push(event.type) });
    expect(events).toEqual(['codes', 'poll', 'pending', 'poll', 'pending', 'poll', 'authorized']);
    expect(token).toMatchObject({ accessToken: 'access-1', refreshToken: 'refresh-1', tokenType: 'Bearer', scope: 'profile email', expiresIn: 604800 });

    const dialect = createRfc8628Dialect(endpoints);
    const send = createTransport({ fetch: target.fetch });
    const refreshed = dialect.parseRefreshResponse(await send(dialect.refreshRequest('refresh-1')), Date.now());
    expect(refreshed).toMatchObject({ accessToken: 'access-2', refreshToken: 'refresh-2', scope: 'profile email' });
    expect(target.mock.tokenState('refresh-1')).toBe('rotated');
    dialect.checkRevokeResponse(await send(dialect.revokeRequest('access-2')));
    expect(target.mock.tokenState('refresh-2')).toBe('revoked');
    const refused = await send(dialect.refreshRequest('refresh-2')).then((response) => dialect.parseRefreshResponse(response, Date.now())).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(DeviceAuthError);
    expect((refused as DeviceAuthError).code).toBe('INVALID_GRANT');
    expect(target.mock.log.map((entry) => `${entry.path} ${entry.status}`)).toEqual([
      '/device_authorization 200',
      '/token 400',
      '/token 400',
      '/token 200',
      '/token 200',
      '/revoke 200',
      '/token 400',
    ]);
    expect(target.mock.stats()).toMatchObject({ codesIssued: 1, devicePolls: 3, tooFastPolls: 0, tokensIssued: 1, refreshes: 1, revocations: 1 });
  });

  it('createRfc8628Services sees a denial as DENIED and a wrong secret as CONFIGURATION', async () => {
    const target = await startRfcMock(transport, { interval: 0.05, autoDenyAfterPolls: 1 });
    const options = {
      clientId: target.mock.clientId,
      deviceAuthorizationEndpoint: `${target.url}/device_authorization`,
      tokenEndpoint: `${target.url}/token`,
      fetch: target.fetch,
    };
    const denied = await runDeviceAuth(createRfc8628Services(options)).catch((error: unknown) => error);
    expect((denied as DeviceAuthError).code).toBe('DENIED');
    const wrong = await runDeviceAuth(createRfc8628Services({ ...options, clientSecret: 'wrong', clientAuthentication: 'client_secret_basic' })).catch((error: unknown) => error);
    expect((wrong as DeviceAuthError).code).toBe('CONFIGURATION');
  });

  it.each([true, false])('a session found by discovery signs in, refreshes and signs out (rotation %s)', async (rotate) => {
    const target = await startRfcMock(transport, { interval: 0.05, autoApproveAfterPolls: 1, rotateRefreshTokens: rotate, generate: readableCodes() });
    const store = createMemoryTokenStore();
    const session = createSession({
      issuer: target.url,
      clientId: target.mock.clientId,
      clientSecret: target.mock.clientSecret,
      clientAuthentication: 'client_secret_basic',
      store,
      fetch: target.fetch,
    });
    try {
      expect(await session.signIn()).toMatchObject({ accessToken: 'access-1', refreshToken: 'refresh-1' });
      const refreshed = new Promise((resolve) => session.actor.on('refreshed', resolve));
      session.actor.send({ type: 'refresh' });
      await refreshed;
      expect(await store.get()).toMatchObject({ accessToken: 'access-2', refreshToken: rotate ? 'refresh-2' : 'refresh-1' });
      expect(await session.signOut()).toMatchObject({ reason: 'signOut', revoked: true, cleared: true });
      expect(target.mock.tokenState('access-2')).toBe('revoked');
      expect(target.mock.log.map((entry) => entry.path)).toEqual([
        '/.well-known/oauth-authorization-server',
        '/device_authorization',
        '/token',
        '/token',
        '/token',
        '/revoke',
      ]);
    } finally {
      session.stop();
    }
  });
});

import { describe, expect, it } from 'vitest';
import { refresh, revoke, settings, signIn, startServer } from './support.js';

describe('POST /oauth/revoke', () => {
  it('answers 200 with an empty body and kills the access token and its refresh token', async () => {
    const server = await startServer();
    const token = await signIn(server);
    expect((await settings(server, token.access_token)).status).toBe(200);

    const event = server.waitFor('token', (payload) => payload.kind === 'revoked');
    const response = await revoke(server, token.access_token);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('');
    await expect(event).resolves.toMatchObject({ kind: 'revoked' });

    expect((await settings(server, token.access_token)).status).toBe(401);
    const refreshed = await refresh(server, token.refresh_token);
    expect(refreshed.status).toBe(400);
    expect(await refreshed.json()).toMatchObject({ error: 'invalid_grant' });
  });

  it('answers 200 for an unknown or already revoked token (RFC 7009 §2.2)', async () => {
    const server = await startServer();
    const token = await signIn(server);
    expect((await revoke(server, 'never-issued')).status).toBe(200);
    expect((await revoke(server, token.access_token)).status).toBe(200);
    expect((await revoke(server, token.access_token)).status).toBe(200);
  });

  it('refuses a wrong client secret with 401 and revokes nothing', async () => {
    const server = await startServer();
    const token = await signIn(server);
    const response = await revoke(server, token.access_token, 'wrong');
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ error: 'invalid_client' });
    expect((await settings(server, token.access_token)).status).toBe(200);
  });
});

import { describe, expect, it } from 'vitest';
import { authorizeDevice, pollDevice, postForm, read, readableCodes, refreshWith, startRfcMock, TRANSPORTS, type RfcMock } from './rfc8628-support.js';

interface TokenBody {
  access_token: string;
  refresh_token?: string;
  scope: string;
}

async function signIn(target: RfcMock, scope = 'read'): Promise<TokenBody> {
  const code = await authorizeDevice(target, { scope });
  target.mock.approve(code.user_code);
  return (await (await pollDevice(target, code.device_code)).json()) as TokenBody;
}

function revoke(target: RfcMock, fields: Record<string, string>) {
  return postForm(target, '/revoke', { client_id: target.mock.clientId, ...fields });
}

describe.each(TRANSPORTS)('rfc8628 dialect, refresh and revocation (%s)', (transport) => {
  it('rotates refresh tokens by default: the old pair dies (RFC 6749 §6)', async () => {
    const target = await startRfcMock(transport, { generate: readableCodes() });
    const first = await signIn(target);
    expect(await read(await refreshWith(target, 'refresh-1'))).toEqual([
      200,
      { access_token: 'access-2', token_type: 'Bearer', expires_in: 604800, refresh_token: 'refresh-2', scope: 'read' },
    ]);
    expect([target.mock.tokenState(first.access_token), target.mock.tokenState('refresh-1'), target.mock.tokenState('access-2')]).toEqual([
      'rotated',
      'rotated',
      'active',
    ]);
    expect(await read(await refreshWith(target, 'refresh-1'))).toEqual([
      400,
      { error: 'invalid_grant', error_description: expect.stringContaining('already used') },
    ]);
    expect(target.mock.stats()).toMatchObject({ tokensIssued: 1, refreshes: 1 });
  });

  it('without rotation keeps the refresh token valid and sends none back', async () => {
    const target = await startRfcMock(transport, { generate: readableCodes(), rotateRefreshTokens: false });
    await signIn(target, 'a b');
    expect(await read(await refreshWith(target, 'refresh-1'))).toEqual([200, { access_token: 'access-2', token_type: 'Bearer', expires_in: 604800, scope: 'a b' }]);
    expect(await read(await refreshWith(target, 'refresh-1', { scope: 'a' }))).toEqual([200, { access_token: 'access-3', token_type: 'Bearer', expires_in: 604800, scope: 'a' }]);
    expect([target.mock.tokenState('access-1'), target.mock.tokenState('access-2'), target.mock.tokenState('access-3'), target.mock.tokenState('refresh-1')]).toEqual([
      'rotated',
      'rotated',
      'active',
      'active',
    ]);
    // Revoking the kept refresh token ends the grant.
    expect((await revoke(target, { token: 'refresh-1', token_type_hint: 'refresh_token' })).status).toBe(200);
    expect(target.mock.tokenState('access-3')).toBe('revoked');
    expect((await read(await refreshWith(target, 'refresh-1')))[1]).toMatchObject({ error: 'invalid_grant' });
  });

  it('refuses an unknown refresh token and a refresh without one', async () => {
    const target = await startRfcMock(transport);
    expect((await read(await refreshWith(target, 'never-issued')))[1]).toEqual({ error: 'invalid_grant', error_description: expect.stringContaining('does not know it') });
    expect(await read(await postForm(target, '/token', { grant_type: 'refresh_token', client_id: target.mock.clientId }))).toEqual([
      400,
      { error: 'invalid_request', error_description: 'refresh request: the "refresh_token" parameter is required' },
    ]);
  });

  it('revokes with 200 whatever the token, honouring token_type_hint and looking further when it is wrong (RFC 7009)', async () => {
    const target = await startRfcMock(transport, { generate: readableCodes() });
    await signIn(target);
    await signIn(target);
    await signIn(target);
    const byAccess = await revoke(target, { token: 'access-1', token_type_hint: 'access_token' });
    expect([byAccess.status, await byAccess.text()]).toEqual([200, '']);
    expect(target.mock.tokenState('refresh-1')).toBe('revoked');
    expect((await revoke(target, { token: 'refresh-2', token_type_hint: 'access_token' })).status).toBe(200);
    expect(target.mock.tokenState('access-2')).toBe('revoked');
    expect((await revoke(target, { token: 'access-3', token_type_hint: 'not-a-kind' })).status).toBe(200);
    expect(target.mock.tokenState('access-3')).toBe('revoked');
    expect((await revoke(target, { token: 'never-issued' })).status).toBe(200);
    expect((await revoke(target, { token: 'access-1' })).status).toBe(200);
    expect(target.mock.stats().revocations).toBe(3);
    expect(await read(await revoke(target, {}))).toEqual([400, { error: 'invalid_request', error_description: 'revocation request: the "token" parameter is required' }]);
    expect((await postForm(target, '/revoke', { token: 'access-1', client_id: target.mock.clientId, client_secret: 'wrong' })).status).toBe(401);
  });
});

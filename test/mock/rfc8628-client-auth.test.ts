import { describe, expect, it } from 'vitest';
import { authorizeDevice, DEVICE_GRANT, postForm, read, startRfcMock, TRANSPORTS, type RfcMock } from './rfc8628-support.js';

/** HTTP Basic credentials as RFC 6749 §2.3.1 builds them (each part form-urlencoded). */
function basic(id: string, secret: string): string {
  const encode = (value: string) => new URLSearchParams({ v: value }).toString().slice(2);
  return `Basic ${btoa(`${encode(id)}:${encode(secret)}`)}`;
}

async function pollAs(target: RfcMock, fields: Record<string, string>, headers: Record<string, string> = {}) {
  const code = await authorizeDevice(target);
  return read(await postForm(target, '/token', { grant_type: DEVICE_GRANT, device_code: code.device_code, ...fields }, headers));
}

describe.each(TRANSPORTS)('rfc8628 dialect, client authentication (%s)', (transport) => {
  it('accepts none, client_secret_post and client_secret_basic', async () => {
    const target = await startRfcMock(transport, { autoApproveAfterPolls: 0, clientSecret: 'se cret+&=' });
    const { clientId } = target.mock;
    expect((await pollAs(target, { client_id: clientId }))[0]).toBe(200);
    expect((await pollAs(target, { client_id: clientId, client_secret: 'se cret+&=' }))[0]).toBe(200);
    expect((await pollAs(target, {}, { Authorization: basic(clientId, 'se cret+&=') }))[0]).toBe(200);
    expect((await pollAs(target, { client_id: clientId }, { Authorization: basic(clientId, 'se cret+&=') }))[0]).toBe(200);
    expect(target.mock.stats().tokensIssued).toBe(4);
  });

  it('answers a wrong secret with 401 invalid_client, naming Basic in the challenge when Basic was used', async () => {
    const target = await startRfcMock(transport, { autoApproveAfterPolls: 0 });
    const { clientId } = target.mock;
    const posted = await postForm(target, '/token', { grant_type: DEVICE_GRANT, device_code: 'x', client_id: clientId, client_secret: 'wrong' });
    expect(posted.headers.get('www-authenticate')).toBe('Bearer realm="device-auth-mock", error="invalid_client"');
    expect(await read(posted)).toEqual([401, { error: 'invalid_client', error_description: 'client authentication failed: wrong client_secret' }]);
    const viaBasic = await postForm(target, '/token', { grant_type: DEVICE_GRANT, device_code: 'x' }, { Authorization: basic(clientId, 'wrong') });
    expect(viaBasic.status).toBe(401);
    expect(viaBasic.headers.get('www-authenticate')).toBe('Basic realm="device-auth-mock", error="invalid_client"');
    const device = await postForm(target, '/device_authorization', { client_id: clientId, client_secret: 'wrong' });
    expect(device.status).toBe(401);
    expect(JSON.stringify(target.mock.log)).not.toContain(btoa(`${clientId}:wrong`));
    // Refused requests never reach the device store.
    expect(target.mock.stats()).toMatchObject({ codesIssued: 0, devicePolls: 0 });
  });

  it('refuses an unknown or missing client id, a malformed Basic header and two methods at once', async () => {
    const target = await startRfcMock(transport);
    const { clientId, clientSecret } = target.mock;
    expect(await read(await postForm(target, '/device_authorization', { client_id: 'someone-else' }))).toEqual([
      401,
      { error: 'invalid_client', error_description: 'unknown client_id "someone-else"' },
    ]);
    expect(await read(await postForm(target, '/device_authorization', {}))).toEqual([
      401,
      { error: 'invalid_client', error_description: 'no client_id: send it in the body (none, client_secret_post) or with HTTP Basic (client_secret_basic)' },
    ]);
    expect((await read(await postForm(target, '/device_authorization', {}, { Authorization: 'Basic !!!' })))[1]).toMatchObject({ error: 'invalid_client' });
    expect((await read(await postForm(target, '/device_authorization', {}, { Authorization: `Basic ${btoa('no-colon')}` })))[1]).toMatchObject({
      error: 'invalid_client',
    });
    expect(await read(await postForm(target, '/device_authorization', { client_secret: clientSecret }, { Authorization: basic(clientId, clientSecret) }))).toEqual([
      400,
      { error: 'invalid_request', error_description: 'the client authenticated twice: HTTP Basic and a client_secret parameter (RFC 6749 §2.3: use one method)' },
    ]);
    expect((await read(await postForm(target, '/device_authorization', { client_id: 'other' }, { Authorization: basic(clientId, clientSecret) })))[1]).toMatchObject({
      error: 'invalid_request',
    });
    expect((await postForm(target, '/device_authorization', {}, { Authorization: basic(clientId, clientSecret) })).status).toBe(200);
  });

  it('with errorStatus 200 answers invalid_client with HTTP 200, as GitHub does', async () => {
    const target = await startRfcMock(transport, { errorStatus: 200 });
    const response = await postForm(target, '/token', { grant_type: DEVICE_GRANT, device_code: 'x', client_id: target.mock.clientId, client_secret: 'wrong' });
    expect(response.headers.get('www-authenticate')).toBeNull();
    expect(await read(response)).toEqual([200, { error: 'invalid_client', error_description: 'client authentication failed: wrong client_secret' }]);
  });
});

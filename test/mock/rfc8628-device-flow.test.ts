import { describe, expect, it } from 'vitest';
import { manualClock, USER_AGENT } from './support.js';
import {
  authorizeDevice,
  DEVICE_GRANT,
  pollDevice,
  postForm,
  postJsonBody,
  read,
  readableCodes,
  startRfcMock,
  TRANSPORTS,
} from './rfc8628-support.js';

describe.each(TRANSPORTS)('rfc8628 dialect, device flow (%s)', (transport) => {
  it('answers POST /device_authorization with the RFC 8628 §3.2 fields', async () => {
    const target = await startRfcMock(transport, { interval: 2, expiresIn: 300, generate: readableCodes() });
    const response = await postForm(target, '/device_authorization', { client_id: target.mock.clientId, scope: 'read write' });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(await response.json()).toEqual({
      device_code: 'dc-1',
      user_code: 'CODE1',
      verification_uri: `${target.url}/activate`,
      verification_uri_complete: `${target.url}/activate/CODE1`,
      expires_in: 300,
      interval: 2,
    });
    const page = await target.fetch(`${target.url}/activate/CODE1`, { headers: { 'User-Agent': USER_AGENT } });
    expect(await page.text()).toContain('value="CODE1"');
    expect(target.mock.stats()).toMatchObject({ codesIssued: 1, devicePolls: 0 });
  });

  it('answers a poll authorization_pending, then the token once, then invalid_grant', async () => {
    const clock = manualClock();
    const target = await startRfcMock(transport, { interval: 1, now: clock.now, generate: readableCodes() });
    const code = await authorizeDevice(target, { scope: 'repo' });
    expect(await read(await pollDevice(target, code.device_code))).toEqual([
      400,
      { error: 'authorization_pending', error_description: expect.stringContaining('not approved or denied') },
    ]);
    expect(target.mock.approve(code.user_code)).toBe('approved');
    clock.advance(1000);
    const token = await pollDevice(target, code.device_code);
    expect(token.headers.get('cache-control')).toBe('no-store');
    expect(await read(token)).toEqual([200, { access_token: 'access-1', token_type: 'Bearer', expires_in: 604800, refresh_token: 'refresh-1', scope: 'repo' }]);
    clock.advance(1000);
    expect(await read(await pollDevice(target, code.device_code))).toEqual([
      400,
      { error: 'invalid_grant', error_description: 'the device code was already exchanged for a token' },
    ]);
    expect(target.mock.tokenState('access-1')).toBe('active');
  });

  it('echoes an empty scope when none was asked for', async () => {
    const target = await startRfcMock(transport, { autoApproveAfterPolls: 0 });
    const code = await authorizeDevice(target);
    const [, body] = await read(await pollDevice(target, code.device_code));
    expect(body).toMatchObject({ token_type: 'Bearer', scope: '' });
    expect(body).not.toHaveProperty('created_at');
  });

  it('answers slow_down to a poll sooner than the interval and adds 5 s to that code only (RFC 8628 §3.5)', async () => {
    const clock = manualClock();
    const target = await startRfcMock(transport, { interval: 1, now: clock.now });
    const slowed = await authorizeDevice(target);
    const other = await authorizeDevice(target);
    await pollDevice(target, slowed.device_code);
    await pollDevice(target, other.device_code);
    clock.advance(500);
    expect(await read(await pollDevice(target, slowed.device_code))).toEqual([
      400,
      { error: 'slow_down', error_description: 'polled sooner than the interval: wait 6 s between polls from now on (RFC 8628 §3.5)' },
    ]);
    // 4.5 s after its last answered poll is still too soon for 6 s (less 10 % slack): 5 s more again; the other code keeps 1 s.
    clock.advance(4000);
    expect((await read(await pollDevice(target, slowed.device_code)))[1]).toMatchObject({ error: 'slow_down' });
    expect((await read(await pollDevice(target, other.device_code)))[1]).toMatchObject({ error: 'authorization_pending' });
    clock.advance(11_000);
    expect((await read(await pollDevice(target, slowed.device_code)))[1]).toMatchObject({ error: 'authorization_pending' });
    expect(target.mock.stats()).toMatchObject({ devicePolls: 6, tooFastPolls: 2 });
  });

  it('answers access_denied after a denial and expired_token after expiry', async () => {
    const clock = manualClock();
    const target = await startRfcMock(transport, { interval: 1, expiresIn: 10, now: clock.now });
    const denied = await authorizeDevice(target);
    const expired = await authorizeDevice(target);
    target.mock.deny(denied.user_code);
    expect(await read(await pollDevice(target, denied.device_code))).toEqual([400, { error: 'access_denied', error_description: 'the person denied this device' }]);
    clock.advance(10_000);
    expect(await read(await pollDevice(target, expired.device_code))).toEqual([
      400,
      { error: 'expired_token', error_description: 'the device code expired; ask for a new one' },
    ]);
  });

  it('answers invalid_grant for an unknown code, and names a missing parameter or an unknown grant', async () => {
    const target = await startRfcMock(transport);
    expect(await read(await pollDevice(target, 'no-such-code'))).toEqual([
      400,
      { error: 'invalid_grant', error_description: 'the device code is unknown (never issued, or forgotten after it expired)' },
    ]);
    expect(await read(await postForm(target, '/token', { grant_type: DEVICE_GRANT, client_id: target.mock.clientId }))).toEqual([
      400,
      { error: 'invalid_request', error_description: 'device access token request: the "device_code" parameter is required' },
    ]);
    expect(await read(await postForm(target, '/token', { client_id: target.mock.clientId }))).toEqual([
      400,
      { error: 'invalid_request', error_description: 'token request: the "grant_type" parameter is required' },
    ]);
    const [status, body] = await read(await postForm(target, '/token', { grant_type: 'password', client_id: target.mock.clientId }));
    expect([status, (body as { error: string }).error]).toEqual([400, 'unsupported_grant_type']);
    const twice = await target.fetch(`${target.url}/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'User-Agent': USER_AGENT },
      body: `grant_type=${encodeURIComponent(DEVICE_GRANT)}&device_code=a&device_code=b&client_id=${target.mock.clientId}`,
    });
    expect(await read(twice)).toEqual([400, { error: 'invalid_request', error_description: 'parameter "device_code" is sent more than once (RFC 6749 §3.2)' }]);
    const plain = await target.fetch(`${target.url}/token`, { method: 'POST', headers: { 'Content-Type': 'text/plain', 'User-Agent': USER_AGENT }, body: 'x' });
    expect(await read(plain)).toEqual([
      400,
      { error: 'invalid_request', error_description: 'Content-Type must be application/x-www-form-urlencoded (or application/json), got "text/plain"' },
    ]);
    expect(target.mock.stats().devicePolls).toBe(1);
  });

  it('takes JSON bodies too, and refuses a JSON value that is not a string', async () => {
    const target = await startRfcMock(transport, { autoApproveAfterPolls: 0 });
    const code = (await (await postJsonBody(target, '/device_authorization', { client_id: target.mock.clientId, scope: 'a' })).json()) as { device_code: string };
    const [status, body] = await read(await postJsonBody(target, '/token', { grant_type: DEVICE_GRANT, device_code: code.device_code, client_id: target.mock.clientId }));
    expect([status, body]).toEqual([200, expect.objectContaining({ token_type: 'Bearer', scope: 'a' })]);
    expect(await read(await postJsonBody(target, '/token', { grant_type: DEVICE_GRANT, device_code: 7, client_id: target.mock.clientId }))).toEqual([
      400,
      { error: 'invalid_request', error_description: 'parameter "device_code" must be a string (got a number)' },
    ]);
    for (const [text, problem] of [
      ['{"client_id": "mock-client-id", "client_secret": "hunter2', 'request body is not valid JSON'],
      ['["client_id"]', 'request body must be a JSON object'],
      ['', 'request body must be a JSON object (got an empty body)'],
    ] as const) {
      const response = await target.fetch(`${target.url}/device_authorization`, { method: 'POST', headers: { 'Content-Type': 'application/json', 'User-Agent': USER_AGENT }, body: text });
      const [status, body] = await read(response);
      expect([status, (body as { error: string }).error]).toEqual([400, 'invalid_request']);
      expect((body as { error_description: string }).error_description).toContain(problem);
      expect(JSON.stringify(body)).not.toContain('hunter2');
    }
  });

  it('speaks only its own paths and needs no Trakt headers', async () => {
    const target = await startRfcMock(transport);
    const trakt = await postJsonBody(target, '/oauth/device/code', { client_id: target.mock.clientId }, { 'trakt-api-key': target.mock.clientId, 'trakt-api-version': '2' });
    expect(trakt.status).toBe(404);
    expect(target.mock.dialect).toBe('rfc8628');
    expect(target.mock.log.map((entry) => `${entry.method} ${entry.path} ${entry.status}`)).toEqual(['POST /oauth/device/code 404']);
  });

  it('keeps the activation page and the controls of the Trakt dialect', async () => {
    const target = await startRfcMock(transport, { interval: 1 });
    const code = await authorizeDevice(target);
    const approved = await target.fetch(`${target.url}/mock/approve`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'User-Agent': USER_AGENT },
      body: JSON.stringify({ user_code: code.user_code }),
    });
    expect(await read(approved)).toEqual([200, { user_code: code.user_code, status: 'approved' }]);
    expect((await read(await pollDevice(target, code.device_code)))[0]).toBe(200);
  });
});

import { describe, expect, it } from 'vitest';
import { manualClock } from './support.js';
import { DEVICE_GRANT, postJsonBody, read, startRfcMock, TRANSPORTS, type RfcMock } from './rfc8628-support.js';

/** A request as `@octokit/oauth-methods` sends it: JSON to GitHub's paths, `Accept: application/json`. */
function github(target: RfcMock, path: string, body: Record<string, string>) {
  return postJsonBody(target, path, { client_id: target.mock.clientId, ...body });
}

describe.each(TRANSPORTS)('rfc8628 dialect, GitHub style (%s)', (transport) => {
  it('serves GitHub paths as aliases and, with errorStatus 200, answers every poll error with HTTP 200', async () => {
    const clock = manualClock();
    const target = await startRfcMock(transport, { interval: 1, expiresIn: 30, now: clock.now, errorStatus: 200 });
    const [status, code] = (await read(await github(target, '/login/device/code', { scope: '' }))) as [number, { device_code: string; user_code: string; verification_uri: string }];
    expect(status).toBe(200);
    expect(code.verification_uri).toBe(`${target.url}/activate`);
    const poll = () => github(target, '/login/oauth/access_token', { device_code: code.device_code, grant_type: DEVICE_GRANT });
    expect(await read(await poll())).toEqual([200, { error: 'authorization_pending', error_description: expect.any(String) }]);
    clock.advance(200);
    // GitHub's slow_down carries the new interval: 5 s more than before.
    expect(await read(await poll())).toEqual([200, { error: 'slow_down', error_description: expect.any(String), interval: 6 }]);
    clock.advance(6000);
    target.mock.approve(code.user_code);
    expect(await read(await poll())).toEqual([200, { access_token: expect.any(String), token_type: 'Bearer', expires_in: 604800, refresh_token: expect.any(String), scope: '' }]);
    clock.advance(6000);
    expect(await read(await poll())).toEqual([200, { error: 'invalid_grant', error_description: expect.any(String) }]);
    const denied = (await (await github(target, '/login/device/code', {})).json()) as { device_code: string; user_code: string };
    target.mock.deny(denied.user_code);
    expect((await read(await github(target, '/login/oauth/access_token', { device_code: denied.device_code, grant_type: DEVICE_GRANT })))).toEqual([
      200,
      { error: 'access_denied', error_description: expect.any(String) },
    ]);
    clock.advance(30_000);
    const late = (await (await github(target, '/login/device/code', {})).json()) as { device_code: string };
    clock.advance(30_000);
    expect((await read(await github(target, '/login/oauth/access_token', { device_code: late.device_code, grant_type: DEVICE_GRANT })))[1]).toMatchObject({ error: 'expired_token' });
    expect((await read(await github(target, '/login/oauth/access_token', { grant_type: 'password' })))).toEqual([200, expect.objectContaining({ error: 'unsupported_grant_type' })]);
  });

  it('answers slow_down with 400 and no interval by default (RFC 8628 §3.5)', async () => {
    const clock = manualClock();
    const target = await startRfcMock(transport, { interval: 2, now: clock.now });
    const code = (await (await github(target, '/login/device/code', {})).json()) as { device_code: string };
    const poll = () => github(target, '/login/oauth/access_token', { device_code: code.device_code, grant_type: DEVICE_GRANT });
    await poll();
    const [status, body] = await read(await poll());
    expect(status).toBe(400);
    expect(body).toEqual({ error: 'slow_down', error_description: expect.stringContaining('wait 7 s') });
  });
});

/** The rules both dialects share hold in the rfc8628 dialect too: faults, caps, timed decisions, the page, CORS. */
import { describe, expect, it } from 'vitest';
import { manualClock, USER_AGENT } from './support.js';
import { authorizeDevice, pollDevice, postForm, read, startRfcMock, TRANSPORTS } from './rfc8628-support.js';

describe.each(TRANSPORTS)('rfc8628 dialect, shared rules (%s)', (transport) => {
  it('injects faults at the token endpoint before the device store', async () => {
    const target = await startRfcMock(transport, { faultRate: 1, faults: ['rate-limit'], faultRetryAfter: 3 });
    const code = await authorizeDevice(target);
    const faulted = await pollDevice(target, code.device_code);
    expect([faulted.status, faulted.headers.get('retry-after'), await faulted.text()]).toEqual([429, '3', 'Too Many Requests']);
    expect(target.mock.log.at(-1)).toMatchObject({ path: '/token', status: 429, fault: 'rate-limit' });
    expect(target.mock.stats()).toMatchObject({ codesIssued: 1, devicePolls: 0 });
  });

  it('forgets the oldest code beyond maxDeviceCodes (then invalid_grant) and applies timed auto-decisions', async () => {
    const clock = manualClock();
    const target = await startRfcMock(transport, { maxDeviceCodes: 1, autoDenyAfterMs: 2000, now: clock.now });
    const first = await authorizeDevice(target);
    const second = await authorizeDevice(target);
    expect((await read(await pollDevice(target, first.device_code)))[1]).toMatchObject({ error: 'invalid_grant' });
    clock.advance(2000);
    expect((await read(await pollDevice(target, second.device_code)))[1]).toMatchObject({ error: 'access_denied' });
  });

  it('takes a decision from the activation form opened at verification_uri_complete', async () => {
    const target = await startRfcMock(transport, { interval: 1 });
    const code = await authorizeDevice(target);
    const page = await (await target.fetch(code.verification_uri_complete, { headers: { 'User-Agent': USER_AGENT } })).text();
    expect(page).toContain(`value="${code.user_code}"`);
    const csrf = /name="csrf_token" value="([^"]+)"/.exec(page)?.[1] ?? '';
    const decided = await target.fetch(code.verification_uri, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'User-Agent': USER_AGENT },
      body: new URLSearchParams({ csrf_token: csrf, user_code: code.user_code, decision: 'approve' }).toString(),
    });
    expect(decided.status).toBe(200);
    expect((await pollDevice(target, code.device_code)).status).toBe(200);
  });

  it('answers a CORS preflight for the API and adds CORS headers to its answers', async () => {
    const target = await startRfcMock(transport);
    const preflight = await target.fetch(`${target.url}/token`, { method: 'OPTIONS', headers: { Origin: 'https://app.example', 'User-Agent': USER_AGENT } });
    expect([preflight.status, preflight.headers.get('access-control-allow-methods')]).toEqual([204, 'GET, POST, OPTIONS']);
    const refused = await postForm(target, '/token', { client_id: 'nobody' });
    expect([refused.status, refused.headers.get('access-control-allow-origin')]).toEqual([401, '*']);
  });
});

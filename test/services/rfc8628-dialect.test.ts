import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createActor, toPromise } from 'xstate';
import type { PollOutcome } from '../../src/machines/device-auth.types.js';
import { DEVICE_CODE_GRANT_TYPE } from '../../src/services/rfc8628/rfc8628-dialect.js';
import { createRfc8628Services, type Rfc8628ServiceOptions } from '../../src/services/rfc8628/rfc8628-services.js';
import { json, startLoopbackServer, type ScriptedAnswer } from '../support/loopback-server.js';

let answer: ScriptedAnswer = { status: 200 };
let server: Awaited<ReturnType<typeof startLoopbackServer>>;
beforeAll(async () => (server = await startLoopbackServer(() => answer)));
afterAll(() => server.close());

const options = (extra: Partial<Rfc8628ServiceOptions> = {}): Rfc8628ServiceOptions => ({
  clientId: 'cid',
  deviceAuthorizationEndpoint: `${server.url}/device`,
  tokenEndpoint: `${server.url}/token`,
  now: () => 1_000_000,
  ...extra,
});

async function poll(next: ScriptedAnswer, extra: Partial<Rfc8628ServiceOptions> = {}): Promise<PollOutcome> {
  answer = next;
  const services = createRfc8628Services(options(extra));
  return (await toPromise(createActor(services.actors.pollToken, { input: { deviceCode: 'dc', expiresAt: Number.MAX_SAFE_INTEGER } }).start())).outcome;
}

async function codes(next: ScriptedAnswer, extra: Partial<Rfc8628ServiceOptions> = {}) {
  answer = next;
  const services = createRfc8628Services(options(extra));
  return (await toPromise(createActor(services.actors.requestDeviceCode).start())).codes;
}

describe('RFC 8628 dialect', () => {
  it('sends a form-encoded device request with scope, and reads verification_uri_complete', async () => {
    const result = await codes(
      json(200, {
        device_code: 'dc',
        user_code: 'WDJB-MJHT',
        verification_uri: 'https://example.com/device',
        verification_uri_complete: 'https://example.com/device?user_code=WDJB-MJHT',
        expires_in: 1800,
      }),
      { scope: 'openid profile' },
    );
    const request = server.requests.at(-1)!;
    expect(request.path).toBe('/device');
    expect(request.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(request.headers.accept).toBe('application/json');
    expect(Object.fromEntries(new URLSearchParams(request.body))).toEqual({ scope: 'openid profile', client_id: 'cid' });
    expect(result).toEqual({
      deviceCode: 'dc',
      userCode: 'WDJB-MJHT',
      verificationUrl: 'https://example.com/device',
      verificationUrlComplete: 'https://example.com/device?user_code=WDJB-MJHT',
      expiresIn: 1800,
      interval: 5,
    });
  });

  it("accepts Google's verification_url", async () => {
    const result = await codes(json(200, { device_code: 'd', user_code: 'u', verification_url: 'https://www.google.com/device', expires_in: 1800, interval: 5 }));
    expect(result.verificationUrl).toBe('https://www.google.com/device');
    expect(result.verificationUrlComplete).toBeUndefined();
  });

  it('rejects a bad verification_uri_complete', async () => {
    await expect(
      codes(json(200, { device_code: 'd', user_code: 'u', verification_uri: 'https://x.example', verification_uri_complete: 'x', expires_in: 9 })),
    ).rejects.toMatchObject({ code: 'INVALID_RESPONSE' });
  });

  it('polls with the device-code grant; the secret in the body or as HTTP Basic', async () => {
    await poll(json(400, { error: 'authorization_pending' }), { clientSecret: 's3cret' });
    expect(Object.fromEntries(new URLSearchParams(server.requests.at(-1)!.body))).toEqual({
      grant_type: DEVICE_CODE_GRANT_TYPE,
      device_code: 'dc',
      client_secret: 's3cret',
      client_id: 'cid',
    });
    await poll(json(400, { error: 'authorization_pending' }), { clientSecret: 's3cret', clientAuthentication: 'client_secret_basic' });
    const basic = server.requests.at(-1)!;
    expect(basic.headers.authorization).toBe(`Basic ${btoa('cid:s3cret')}`);
    expect(basic.body).not.toContain('s3cret');
  });

  it.each([
    [json(400, { error: 'authorization_pending' }), { type: 'pending' }],
    [json(400, { error: 'slow_down' }), { type: 'slowDown' }],
    [json(200, { error: 'slow_down', interval: 10 }), { type: 'slowDown', intervalSeconds: 10 }],
    [json(200, { error: 'authorization_pending' }), { type: 'pending' }],
    [json(400, { error: 'access_denied' }), { type: 'denied' }],
    [json(400, { error: 'expired_token' }), { type: 'expired' }],
    [json(400, { error: 'invalid_grant' }), { type: 'invalidCode' }],
    [{ status: 429, headers: { 'Retry-After': '3' } }, { type: 'slowDown', retryAfterMs: 3_000 }],
    [json(429, { error: 'rate_limited' }, { 'Retry-After': '2' }), { type: 'slowDown', retryAfterMs: 2_000 }],
  ])('%o → %o', async (response, expected) => {
    expect(await poll(response)).toEqual(expected);
  });

  it('a token without refresh token or created_at uses the receive time', async () => {
    const outcome = await poll(json(200, { access_token: 'a', token_type: 'Bearer', expires_in: 3600 }));
    expect(outcome).toEqual({
      type: 'authorized',
      token: { accessToken: 'a', tokenType: 'Bearer', scope: '', createdAt: 1_000, expiresIn: 3600, expiresAt: 4_600_000 },
    });
  });

  it('other OAuth errors stop polling with the server description', async () => {
    const outcome = await poll(json(401, { error: 'invalid_client', error_description: 'unknown client' }));
    expect(outcome).toMatchObject({ type: 'fatal', error: { code: 'CONFIGURATION', status: 401 } });
    expect(outcome.type === 'fatal' && outcome.error.message).toContain('invalid_client: unknown client');
    expect(await poll(json(400, { error: 'unsupported_grant_type' }))).toMatchObject({ type: 'fatal', error: { code: 'HTTP_STATUS' } });
  });

  it('5xx is transient, a 403 page is BLOCKED, a bad 200 is INVALID_RESPONSE, other statuses are fatal', async () => {
    expect(await poll({ status: 502 })).toMatchObject({ type: 'transient', error: { status: 502 } });
    expect(await poll(json(500, { error: 'server_error' }))).toMatchObject({ type: 'transient' });
    expect(await poll({ status: 403, headers: { 'Content-Type': 'text/html' }, body: '<html>' })).toMatchObject({
      type: 'fatal',
      error: { code: 'BLOCKED' },
    });
    expect(await poll(json(200, { token_type: 'Bearer' }))).toMatchObject({ type: 'fatal', error: { code: 'INVALID_RESPONSE' } });
    expect(await poll({ status: 404 })).toMatchObject({ type: 'fatal', error: { code: 'HTTP_STATUS', status: 404 } });
  });

  it('a web page answering a poll with 200 (a captive portal) is transient: the code is still good', async () => {
    const portal = { status: 200, headers: { 'Content-Type': 'text/html' }, body: '<!DOCTYPE html><html><body><form>Accept the terms</form></body></html>' };
    const outcome = await poll(portal);
    expect(outcome).toMatchObject({ type: 'transient', error: { code: 'INVALID_RESPONSE', status: 200 } });
    expect(outcome.type === 'transient' && outcome.error.message).toMatch(/an HTML page, not JSON \(HTTP 200\)\. A captive portal/);
    expect(await poll({ status: 200, body: '  <html><body>Sign in to the Wi-Fi</body></html>' })).toMatchObject({ type: 'transient' });
  });

  it('device request failures: 403 page → BLOCKED, other statuses → HTTP_STATUS', async () => {
    await expect(codes({ status: 403, headers: { 'Content-Type': 'text/html' }, body: '<html>' })).rejects.toMatchObject({ code: 'BLOCKED' });
    await expect(codes(json(400, { error: 'invalid_scope' }))).rejects.toMatchObject({ code: 'HTTP_STATUS', status: 400 });
  });
});

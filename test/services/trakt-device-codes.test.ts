import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createActor, toPromise } from 'xstate';
import { DeviceAuthError } from '../../src/core/errors.js';
import { createTraktServices } from '../../src/services/trakt/trakt-services.js';
import { json, startLoopbackServer, type ScriptedAnswer } from '../support/loopback-server.js';

const good = {
  device_code: 'd9c126a7',
  user_code: '5055CC52',
  verification_url: 'https://trakt.tv/activate',
  expires_in: 600,
  interval: 5,
};

let answer: ScriptedAnswer = json(200, good);
let server: Awaited<ReturnType<typeof startLoopbackServer>>;
beforeAll(async () => (server = await startLoopbackServer(() => answer)));
afterAll(() => server.close());

async function requestCodes(next: ScriptedAnswer) {
  answer = next;
  const services = createTraktServices({ clientId: 'id', clientSecret: 'secret', baseUrl: server.url });
  return toPromise(createActor(services.actors.requestDeviceCode).start());
}

async function failure(next: ScriptedAnswer): Promise<DeviceAuthError> {
  const error = await requestCodes(next).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DeviceAuthError);
  return error as DeviceAuthError;
}

describe('Trakt device-code answers are validated field by field', () => {
  it('a missing interval means 5 s', async () => {
    const { interval: _, ...withoutInterval } = good;
    const { codes } = await requestCodes(json(200, withoutInterval));
    expect(codes.interval).toBe(5);
  });

  it.each([
    ['device_code', { ...good, device_code: '' }, 'Trakt device code response: "device_code" must be a non-empty string'],
    ['user_code', { ...good, user_code: 42 }, 'Trakt device code response: "user_code" must be a non-empty string'],
    ['verification_url', { ...good, verification_url: 'javascript:alert(1)' }, '"verification_url" (javascript:) must be an https: URL'],
    ['expires_in', { ...good, expires_in: 0 }, '"expires_in" must be a positive number of seconds'],
    ['interval', { ...good, interval: -1 }, '"interval" must be a positive number of seconds'],
    ['interval', { ...good, interval: '5' }, '"interval" must be a positive number of seconds'],
    ['interval', { ...good, interval: 25 * 24 * 3600 }, '"interval" must be under 24 days'],
    ['expires_in', { ...good, expires_in: 30 * 24 * 3600 }, '"expires_in" must be under 24 days'],
  ])('a bad %s fails naming the field', async (_, body, message) => {
    const error = await failure(json(200, body));
    expect(error.code).toBe('INVALID_RESPONSE');
    expect(error.message).toContain(message);
  });

  it('a body that is an array, empty, or not JSON', async () => {
    expect((await failure(json(200, [good]))).message).toMatch(/must be a JSON object/);
    expect((await failure({ status: 200, body: '' })).message).toMatch(/body is empty/);
    expect((await failure({ status: 200, body: '<html>' })).message).toMatch(/not JSON/);
  });

  it('403 with an HTML page → BLOCKED, suggesting the User-Agent', async () => {
    const error = await failure({ status: 403, headers: { 'Content-Type': 'text/html; charset=utf-8' }, body: '<html>You have been blocked</html>' });
    expect(error.code).toBe('BLOCKED');
    expect(error.message).toMatch(/User-Agent/);
    expect(error.message).toContain(server.url);
  });

  it('401/403 JSON → CONFIGURATION (bad client id)', async () => {
    expect((await failure(json(403, { error: 'invalid api key' }))).code).toBe('CONFIGURATION');
    expect((await failure({ status: 401 })).code).toBe('CONFIGURATION');
  });

  it('a 5xx → HTTP_STATUS with the status', async () => {
    const error = await failure(json(503, { error: 'server_error', error_description: 'maintenance' }));
    expect(error).toMatchObject({ code: 'HTTP_STATUS', status: 503 });
    expect(error.message).toContain('server_error: maintenance');
  });
});

describe('a device-code request the server turns away says when to try again', () => {
  it('429 with Retry-After, and 5xx', async () => {
    const limited = await failure({ status: 429, headers: { 'Retry-After': '30' } });
    expect(limited).toMatchObject({ code: 'HTTP_STATUS', status: 429 });
    expect(limited.message).toContain('is rate-limiting requests (HTTP 429): try again in 30 s.');
    const busy = await failure({ status: 502 });
    expect(busy.message).toContain('had trouble answering (HTTP 502): try again in a moment.');
  });
});

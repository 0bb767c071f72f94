import { describe, expect, it } from 'vitest';
import { USER_CODE_ALPHABET } from '../../src/mock/index.js';
import { manualClock, postJson, requestDeviceCode, startServer } from './support.js';

describe('POST /oauth/device/code', () => {
  it('issues a fresh high-entropy device code and an unambiguous 8-character user code', async () => {
    const server = await startServer({ interval: 0.05, expiresIn: 30 });
    const first = await requestDeviceCode(server);
    const second = await requestDeviceCode(server);

    expect(Object.keys(first).sort()).toEqual(['device_code', 'expires_in', 'interval', 'user_code', 'verification_url']);
    expect(first.device_code).toMatch(/^[0-9a-f]{64}$/);
    expect(first.user_code).toMatch(new RegExp(`^[${USER_CODE_ALPHABET}]{8}$`));
    expect(first.user_code).not.toMatch(/[0O1IL8AEU]/);
    expect(first.verification_url).toBe(`${server.url}/activate`);
    expect(first.expires_in).toBe(30);
    expect(first.interval).toBe(0.05);
    expect(second.device_code).not.toBe(first.device_code);
    expect(second.user_code).not.toBe(first.user_code);
  });

  it('uses publicUrl for verification_url when given', async () => {
    const server = await startServer({ publicUrl: 'http://192.168.1.20:8080/' });
    const code = await requestDeviceCode(server);
    expect(code.verification_url).toBe('http://192.168.1.20:8080/activate');
    expect(server.verificationUrl).toBe('http://192.168.1.20:8080/activate');
  });

  it('reports the new code as an event', async () => {
    const clock = manualClock();
    const server = await startServer({ now: clock.now, expiresIn: 600, interval: 5 });
    const event = server.waitFor('code');
    const code = await requestDeviceCode(server);
    await expect(event).resolves.toEqual({
      userCode: code.user_code,
      verificationUrl: `${server.url}/activate`,
      expiresAt: clock.now() + 600_000,
      interval: 5,
      time: clock.now(),
    });
  });

  it('refuses an unknown client id with 401 invalid_client', async () => {
    const server = await startServer();
    const response = await postJson(server, '/oauth/device/code', { client_id: 'someone-else' });
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ error: 'invalid_client' });
  });

  it('names the missing field', async () => {
    const server = await startServer();
    const response = await postJson(server, '/oauth/device/code', {});
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      error: 'invalid_request',
      error_description: 'device code request: "client_id" must be a non-empty string (missing)',
    });
  });
});

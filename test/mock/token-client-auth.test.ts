import { describe, expect, it } from 'vitest';
import { pollToken, postJson, requestDeviceCode, startServer } from './support.js';

describe('token poll with wrong client credentials', () => {
  it('answers 401 invalid_client for a wrong secret, without echoing it', async () => {
    const server = await startServer();
    const code = await requestDeviceCode(server);
    const response = await pollToken(server, code.device_code, 'not-the-secret');
    expect(response.status).toBe(401);
    const text = await response.text();
    expect(JSON.parse(text)).toMatchObject({ error: 'invalid_client' });
    expect(text).not.toContain('not-the-secret');
  });

  it('checks the client before the code, so a wrong secret never reveals whether a code exists', async () => {
    const server = await startServer();
    const response = await pollToken(server, 'unknown', 'not-the-secret');
    expect(response.status).toBe(401);
  });

  it('answers 401 invalid_client for an unknown client id', async () => {
    const server = await startServer();
    const code = await requestDeviceCode(server);
    const response = await postJson(server, '/oauth/device/token', {
      code: code.device_code,
      client_id: 'other',
      client_secret: server.clientSecret,
    });
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ error: 'invalid_client' });
  });

  it('accepts configured credentials', async () => {
    const server = await startServer({ clientId: 'my-app', clientSecret: 's3cret' });
    const code = await requestDeviceCode(server);
    expect((await pollToken(server, code.device_code, 's3cret')).status).toBe(400);
  });
});

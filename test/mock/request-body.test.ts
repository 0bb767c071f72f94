import { describe, expect, it } from 'vitest';
import { postJson, requestDeviceCode, startServer } from './support.js';

describe('request body validation', () => {
  it('answers 400 invalid_request for invalid JSON', async () => {
    const server = await startServer();
    const response = await postJson(server, '/oauth/device/code', '{"client_id":');
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: string; error_description: string };
    expect(body.error).toBe('invalid_request');
    expect(body.error_description).toMatch(/^request body is not valid JSON/);
  });

  it('answers 400 for a JSON value that is not an object, and for an empty body', async () => {
    const server = await startServer();
    for (const body of ['[]', '"text"', 'null', '']) {
      const response = await postJson(server, '/oauth/device/code', body);
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ error: 'invalid_request' });
    }
  });

  it('answers 415 when the body is not declared as JSON', async () => {
    const server = await startServer();
    const response = await postJson(server, '/oauth/device/code', `client_id=${server.clientId}`, {
      'Content-Type': 'application/x-www-form-urlencoded',
    });
    expect(response.status).toBe(415);
    expect(await response.json()).toMatchObject({ error: 'invalid_request' });
  });

  it('accepts a charset parameter on the content type', async () => {
    const server = await startServer();
    const response = await postJson(server, '/oauth/device/code', { client_id: server.clientId }, {
      'Content-Type': 'application/json; charset=utf-8',
    });
    expect(response.status).toBe(200);
  });

  it('names a field of the wrong type', async () => {
    const server = await startServer();
    const response = await postJson(server, '/oauth/device/token', { code: 42, client_id: server.clientId, client_secret: 'x' });
    expect(await response.json()).toEqual({
      error: 'invalid_request',
      error_description: 'device token request: "code" must be a non-empty string (got a number)',
    });
  });

  it('never echoes a field value, only its type (the value may be a secret)', async () => {
    const server = await startServer();
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ code: 'c', client_id: server.clientId, client_secret: 987654321 }, '"client_secret" must be a non-empty string (got a number)'],
      [{ code: ['d3adb33f'], client_id: server.clientId, client_secret: 's' }, '"code" must be a non-empty string (got an array)'],
      [{ code: { value: 'd3adb33f' }, client_id: server.clientId, client_secret: 's' }, '"code" must be a non-empty string (got an object)'],
      [{ code: true, client_id: server.clientId, client_secret: 's' }, '"code" must be a non-empty string (got a boolean)'],
      [{ code: null, client_id: server.clientId, client_secret: 's' }, '"code" must be a non-empty string (got null)'],
      [{ code: '', client_id: server.clientId, client_secret: 's' }, '"code" must be a non-empty string (got an empty string)'],
      [{ client_id: server.clientId, client_secret: 's' }, '"code" must be a non-empty string (missing)'],
    ];
    for (const [body, expected] of cases) {
      const response = await postJson(server, '/oauth/device/token', body);
      const { error_description: description } = (await response.json()) as { error_description: string };
      expect(description).toBe(`device token request: ${expected}`);
    }
    const refresh = await postJson(server, '/oauth/token', { grant_type: 'refresh_token', refresh_token: 31337, client_id: 'x', client_secret: 'y', redirect_uri: 'z' });
    expect(JSON.stringify(await refresh.json())).not.toContain('31337');
  });

  it('does not echo the body in a JSON syntax error', async () => {
    const server = await startServer();
    for (const text of ['{"client_secret":"hunter2-secret" "code":1}', 'hunter2-secret', '{"a":hunter2}']) {
      const response = await postJson(server, '/oauth/device/token', text);
      expect(response.status).toBe(400);
      const { error_description: description } = (await response.json()) as { error_description: string };
      expect(description).toMatch(/^request body is not valid JSON/);
      expect(description).not.toContain('hunter2');
    }
  });

  it('hints when a client sends device_code instead of code', async () => {
    const server = await startServer();
    const code = await requestDeviceCode(server);
    const response = await postJson(server, '/oauth/device/token', {
      device_code: code.device_code,
      client_id: server.clientId,
      client_secret: server.clientSecret,
    });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error_description: string };
    expect(body.error_description).toContain('not "device_code"');
  });

  it('answers 413 for a body over 64 KiB', async () => {
    const server = await startServer();
    const response = await postJson(server, '/oauth/device/code', { client_id: 'x'.repeat(70 * 1024) });
    expect(response.status).toBe(413);
  });

  it('answers unknown paths with 404 JSON and wrong methods with 405 and Allow', async () => {
    const server = await startServer();
    const missing = await postJson(server, '/oauth/nothing', {});
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ error: 'not_found' });
    const wrongMethod = await fetch(`${server.url}/oauth/device/token`, { headers: { 'User-Agent': 'x/1' } });
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.get('allow')).toBe('POST, OPTIONS');
  });
});

import { describe, expect, it } from 'vitest';
import type { MockServer } from '../../src/mock/index.js';
import { manualClock, pollToken, requestDeviceCode, startServer, USER_AGENT } from './support.js';

function control(server: MockServer, action: 'approve' | 'deny', body: unknown): Promise<Response> {
  return fetch(`${server.url}/mock/${action}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'User-Agent': USER_AGENT },
    body: JSON.stringify(body),
  });
}

describe('JSON control endpoints and programmatic decisions', () => {
  it('approves with POST /mock/approve', async () => {
    const server = await startServer();
    const code = await requestDeviceCode(server);
    const response = await control(server, 'approve', { user_code: code.user_code.toLowerCase() });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ user_code: code.user_code, status: 'approved' });
    expect((await pollToken(server, code.device_code)).status).toBe(200);
  });

  it('denies with POST /mock/deny', async () => {
    const server = await startServer();
    const code = await requestDeviceCode(server);
    const decision = server.waitFor('decision');
    expect((await control(server, 'deny', { user_code: code.user_code })).status).toBe(200);
    await expect(decision).resolves.toMatchObject({ decision: 'denied', source: 'control' });
    expect((await pollToken(server, code.device_code)).status).toBe(418);
  });

  it('answers 404, 409 and 410 with JSON errors', async () => {
    const clock = manualClock();
    const server = await startServer({ now: clock.now, expiresIn: 60 });
    const unknown = await control(server, 'approve', { user_code: 'BCDFGHJK' });
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ error: 'unknown_code' });

    const decided = await requestDeviceCode(server);
    server.approve(decided.user_code);
    const again = await control(server, 'deny', { user_code: decided.user_code });
    expect(again.status).toBe(409);
    expect(await again.json()).toMatchObject({ error: 'already_decided' });

    const late = await requestDeviceCode(server);
    clock.advance(60_000);
    const expired = await control(server, 'approve', { user_code: late.user_code });
    expect(expired.status).toBe(410);
    expect(await expired.json()).toMatchObject({ error: 'expired_code' });
  });

  it('validates the body', async () => {
    const server = await startServer();
    const response = await control(server, 'approve', { code: 'X' });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: 'invalid_request' });
  });

  it('returns the result of approve() and deny() on the server object', async () => {
    const server = await startServer();
    const code = await requestDeviceCode(server);
    expect(server.approve('NOPE2345')).toBe('unknown');
    expect(server.approve(` ${code.user_code.toLowerCase()} `)).toBe('approved');
    expect(server.deny(code.user_code)).toBe('already-decided');
  });
});

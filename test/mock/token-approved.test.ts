import { describe, expect, it } from 'vitest';
import { manualClock, pollToken, requestDeviceCode, startServer } from './support.js';

describe('token poll after approval', () => {
  it('answers 200 with the 6-key token exactly once, then 409 with an empty body', async () => {
    const clock = manualClock();
    const server = await startServer({ now: clock.now, interval: 5, tokenLifetime: 7200 });
    const code = await requestDeviceCode(server);
    expect(server.approve(code.user_code)).toBe('approved');

    const first = await pollToken(server, code.device_code);
    expect(first.status).toBe(200);
    expect(first.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(first.headers.get('cache-control')).toBe('no-store');
    const token = (await first.json()) as Record<string, unknown>;
    expect(Object.keys(token).sort()).toEqual(['access_token', 'created_at', 'expires_in', 'refresh_token', 'scope', 'token_type']);
    expect(token).toMatchObject({
      token_type: 'bearer',
      scope: 'public',
      expires_in: 7200,
      created_at: Math.floor(clock.now() / 1000),
    });
    expect(token.access_token).toMatch(/^[0-9a-f]{64}$/);
    expect(token.refresh_token).toMatch(/^[0-9a-f]{64}$/);

    clock.advance(5000);
    const second = await pollToken(server, code.device_code);
    expect(second.status).toBe(409);
    expect(await second.text()).toBe('');
  });

  it('says 409 even when the repeat poll comes too fast or after expiry', async () => {
    const clock = manualClock();
    const server = await startServer({ now: clock.now, interval: 5, expiresIn: 60 });
    const code = await requestDeviceCode(server);
    server.approve(code.user_code);
    expect((await pollToken(server, code.device_code)).status).toBe(200);
    expect((await pollToken(server, code.device_code)).status).toBe(409);
    clock.advance(61_000);
    expect((await pollToken(server, code.device_code)).status).toBe(409);
  });

  it('emits poll, decision and token events', async () => {
    const server = await startServer();
    const code = await requestDeviceCode(server);
    const decision = server.waitFor('decision');
    const poll = server.waitFor('poll');
    const token = server.waitFor('token');
    server.approve(code.user_code);
    await pollToken(server, code.device_code);
    await expect(decision).resolves.toMatchObject({ userCode: code.user_code, decision: 'approved', source: 'program' });
    await expect(poll).resolves.toMatchObject({ userCode: code.user_code, outcome: 'approved', status: 200, polls: 1 });
    await expect(token).resolves.toMatchObject({ kind: 'issued' });
  });
});

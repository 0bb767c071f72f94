import { describe, expect, it } from 'vitest';
import { REDACTED, type MockTokenBody } from '../../src/mock/index.js';
import { apiHeaders, manualClock, pollToken, refresh, requestDeviceCode, revoke, settings, startServer, USER_AGENT } from './support.js';

describe('the request log', () => {
  it('records method, path, time, status and headers of every request, and no secret at all', async () => {
    const clock = manualClock();
    const clientSecret = 'very-secret-client-secret';
    const server = await startServer({ now: clock.now, clientSecret });
    const secrets: string[] = [clientSecret];

    const code = await requestDeviceCode(server);
    secrets.push(code.device_code);
    await pollToken(server, code.device_code);
    await pollToken(server, code.device_code, 'a-wrong-secret-attempt');
    secrets.push('a-wrong-secret-attempt');
    server.approve(code.user_code);
    clock.advance(5000);
    const token = (await (await pollToken(server, code.device_code)).json()) as MockTokenBody;
    secrets.push(token.access_token, token.refresh_token);

    await settings(server, token.access_token);
    const refreshed = (await (await refresh(server, token.refresh_token)).json()) as MockTokenBody;
    secrets.push(refreshed.access_token, refreshed.refresh_token);
    await revoke(server, refreshed.access_token);
    await fetch(`${server.url}/oauth/device/token?code=${code.device_code}&client_secret=${clientSecret}`, {
      method: 'POST',
      headers: { ...apiHeaders(server), 'X-Client-Secret': clientSecret, Cookie: `session=${token.access_token}` },
      body: '{}',
    });

    const log = server.log;
    expect(log.map((entry) => `${entry.method} ${entry.path} ${entry.status}`)).toEqual([
      'POST /oauth/device/code 200',
      'POST /oauth/device/token 400',
      'POST /oauth/device/token 401',
      'POST /oauth/device/token 200',
      'GET /users/settings 200',
      'POST /oauth/token 200',
      'POST /oauth/revoke 200',
      'POST /oauth/device/token 400',
    ]);
    expect(log[0]?.time).toBe(Date.UTC(2025, 0, 1));
    expect(log[3]?.time).toBe(Date.UTC(2025, 0, 1) + 5000);
    expect(log[0]?.headers['user-agent']).toBe(USER_AGENT);
    expect(log[0]?.headers['trakt-api-key']).toBe(server.clientId);
    expect(log[4]?.headers.authorization).toBe(`Bearer ${REDACTED}`);
    expect(log[7]?.headers['x-client-secret']).toBe(REDACTED);
    expect(log[7]?.headers.cookie).toBe(REDACTED);

    const text = JSON.stringify(log);
    for (const secret of secrets) expect(text).not.toContain(secret);
  });

  it('emits each entry as a request event, after the entry is in the log', async () => {
    const server = await startServer();
    const seen: number[] = [];
    const off = server.on('request', (entry) => {
      seen.push(entry.status);
      expect(server.log.at(-1)).toEqual(entry);
    });
    await requestDeviceCode(server);
    await pollToken(server, 'unknown');
    off();
    await pollToken(server, 'unknown');
    expect(seen).toEqual([200, 404]);
  });

  it('returns a copy, can be cleared, and keeps at most logLimit entries', async () => {
    const server = await startServer({ logLimit: 2 });
    for (let i = 0; i < 3; i += 1) await pollToken(server, `unknown-${i}`);
    const snapshot = server.log;
    expect(snapshot).toHaveLength(2);
    (snapshot as unknown[]).length = 0;
    expect(server.log).toHaveLength(2);
    server.clearLog();
    expect(server.log).toEqual([]);
  });
});

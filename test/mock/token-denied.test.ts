import { describe, expect, it } from 'vitest';
import { manualClock, pollToken, requestDeviceCode, startServer } from './support.js';

describe('token poll after the person denied', () => {
  it('answers 418 with an empty body, on every later poll too', async () => {
    const clock = manualClock();
    const server = await startServer({ now: clock.now, interval: 5 });
    const code = await requestDeviceCode(server);
    expect((await pollToken(server, code.device_code)).status).toBe(400);
    expect(server.deny(code.user_code)).toBe('denied');

    clock.advance(5000);
    const denied = await pollToken(server, code.device_code);
    expect(denied.status).toBe(418);
    expect(await denied.text()).toBe('');
    expect((await pollToken(server, code.device_code)).status).toBe(418);
  });

  it('keeps the first decision', async () => {
    const server = await startServer();
    const code = await requestDeviceCode(server);
    expect(server.deny(code.user_code)).toBe('denied');
    expect(server.approve(code.user_code)).toBe('already-decided');
    expect((await pollToken(server, code.device_code)).status).toBe(418);
  });
});

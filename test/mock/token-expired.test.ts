import { describe, expect, it } from 'vitest';
import { manualClock, pollToken, requestDeviceCode, startServer } from './support.js';

describe('token poll after the code expired', () => {
  it('answers 400 just before expires_in and 410 from then on', async () => {
    const clock = manualClock();
    const server = await startServer({ now: clock.now, interval: 5, expiresIn: 600 });
    const code = await requestDeviceCode(server);

    clock.advance(599_999);
    expect((await pollToken(server, code.device_code)).status).toBe(400);
    clock.advance(1);
    const expired = await pollToken(server, code.device_code);
    expect(expired.status).toBe(410);
    expect(await expired.text()).toBe('');
    clock.advance(5000);
    expect((await pollToken(server, code.device_code)).status).toBe(410);
  });

  it('supports fractional expiresIn', async () => {
    const clock = manualClock();
    const server = await startServer({ now: clock.now, expiresIn: 0.25 });
    const code = await requestDeviceCode(server);
    expect(code.expires_in).toBe(0.25);
    clock.advance(250);
    expect((await pollToken(server, code.device_code)).status).toBe(410);
  });

  it('expires an approved code whose token was never picked up', async () => {
    const clock = manualClock();
    const server = await startServer({ now: clock.now, expiresIn: 60 });
    const code = await requestDeviceCode(server);
    server.approve(code.user_code);
    clock.advance(60_000);
    expect((await pollToken(server, code.device_code)).status).toBe(410);
  });

  it('refuses to approve an expired code', async () => {
    const clock = manualClock();
    const server = await startServer({ now: clock.now, expiresIn: 60 });
    const code = await requestDeviceCode(server);
    clock.advance(60_000);
    expect(server.approve(code.user_code)).toBe('expired');
  });
});

import { describe, expect, it } from 'vitest';
import { manualClock, pollToken, requestDeviceCode, startServer } from './support.js';

describe('token poll faster than the interval', () => {
  it('answers 429 with Retry-After (seconds until the next allowed poll), measured from the previous poll', async () => {
    const clock = manualClock();
    const server = await startServer({ now: clock.now, interval: 5 });
    const code = await requestDeviceCode(server);

    expect((await pollToken(server, code.device_code)).status).toBe(400);
    clock.advance(1000);
    const tooFast = await pollToken(server, code.device_code);
    expect(tooFast.status).toBe(429);
    expect(tooFast.headers.get('retry-after')).toBe('4');
    expect(JSON.parse(tooFast.headers.get('x-ratelimit') ?? '{}')).toMatchObject({ limit: 1, remaining: 0 });
    expect(await tooFast.text()).toBe('');

    clock.advance(2500);
    const stillFast = await pollToken(server, code.device_code);
    expect(stillFast.status).toBe(429);
    expect(stillFast.headers.get('retry-after')).toBe('2');

    clock.advance(1500);
    expect((await pollToken(server, code.device_code)).status).toBe(400);
  });

  it('does not count a too-fast poll towards auto-approval', async () => {
    const clock = manualClock();
    const server = await startServer({ now: clock.now, interval: 5, autoApproveAfterPolls: 1 });
    const code = await requestDeviceCode(server);
    expect((await pollToken(server, code.device_code)).status).toBe(400);
    expect((await pollToken(server, code.device_code)).status).toBe(429);
    clock.advance(5000);
    expect((await pollToken(server, code.device_code)).status).toBe(200);
  });

  it('tolerates a poll a little early (timer jitter), but not much', async () => {
    const clock = manualClock();
    const server = await startServer({ now: clock.now, interval: 5 });
    const code = await requestDeviceCode(server);
    await pollToken(server, code.device_code);
    clock.advance(4600);
    expect((await pollToken(server, code.device_code)).status).toBe(400);
    clock.advance(4400);
    expect((await pollToken(server, code.device_code)).status).toBe(429);
  });

  it('paces each code on its own', async () => {
    const clock = manualClock();
    const server = await startServer({ now: clock.now, interval: 5 });
    const first = await requestDeviceCode(server);
    const second = await requestDeviceCode(server);
    expect((await pollToken(server, first.device_code)).status).toBe(400);
    expect((await pollToken(server, second.device_code)).status).toBe(400);
  });

  it('keeps at least 20 ms of slack for tiny demo intervals', async () => {
    const clock = manualClock();
    const server = await startServer({ now: clock.now, interval: 0.05 });
    const code = await requestDeviceCode(server);
    await pollToken(server, code.device_code);
    clock.advance(29);
    const early = await pollToken(server, code.device_code);
    expect(early.status).toBe(429);
    expect(early.headers.get('retry-after')).toBe('1');
    clock.advance(1);
    expect((await pollToken(server, code.device_code)).status).toBe(400);
  });
});

import { describe, expect, it } from 'vitest';
import { manualClock, pollToken, requestDeviceCode, startServer } from './support.js';

describe('automatic decisions', () => {
  it('approves after n polls: polls 1..n answer 400, poll n+1 answers 200, then 409', async () => {
    const clock = manualClock();
    const server = await startServer({ now: clock.now, interval: 5, autoApproveAfterPolls: 3 });
    const code = await requestDeviceCode(server);
    const decision = server.waitFor('decision');
    const statuses: number[] = [];
    for (let poll = 0; poll < 5; poll += 1) {
      statuses.push((await pollToken(server, code.device_code)).status);
      clock.advance(5000);
    }
    expect(statuses).toEqual([400, 400, 400, 200, 409]);
    await expect(decision).resolves.toMatchObject({ userCode: code.user_code, decision: 'approved', source: 'auto' });
  });

  it('approves on the first poll with autoApproveAfterPolls: 0', async () => {
    const server = await startServer({ autoApproveAfterPolls: 0 });
    const code = await requestDeviceCode(server);
    expect((await pollToken(server, code.device_code)).status).toBe(200);
  });

  it('denies after n polls', async () => {
    const clock = manualClock();
    const server = await startServer({ now: clock.now, interval: 5, autoDenyAfterPolls: 1 });
    const code = await requestDeviceCode(server);
    expect((await pollToken(server, code.device_code)).status).toBe(400);
    clock.advance(5000);
    expect((await pollToken(server, code.device_code)).status).toBe(418);
  });

  it('lets a person decide before the automatic decision', async () => {
    const server = await startServer({ autoApproveAfterPolls: 0 });
    const code = await requestDeviceCode(server);
    server.deny(code.user_code);
    expect((await pollToken(server, code.device_code)).status).toBe(418);
  });

  it('approves autoApproveAfterMs after the code was issued, by the injected clock', async () => {
    const clock = manualClock();
    const server = await startServer({ now: clock.now, interval: 5, autoApproveAfterMs: 12_000 });
    const code = await requestDeviceCode(server);
    clock.advance(11_999);
    expect((await pollToken(server, code.device_code)).status).toBe(400);
    clock.advance(5000);
    expect((await pollToken(server, code.device_code)).status).toBe(200);
  });

  it('denies autoDenyAfterMs after the code was issued', async () => {
    const clock = manualClock();
    const server = await startServer({ now: clock.now, autoDenyAfterMs: 3000 });
    const code = await requestDeviceCode(server);
    clock.advance(3000);
    expect((await pollToken(server, code.device_code)).status).toBe(418);
  });

  it('never auto-approves a code that expired first', async () => {
    const clock = manualClock();
    const server = await startServer({ now: clock.now, expiresIn: 10, autoApproveAfterMs: 20_000 });
    const code = await requestDeviceCode(server);
    clock.advance(30_000);
    expect((await pollToken(server, code.device_code)).status).toBe(410);
  });
});

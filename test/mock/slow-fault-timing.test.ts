import { describe, expect, it } from 'vitest';
import type { MockDelay } from '../../src/mock/index.js';
import { manualClock, pollToken, requestDeviceCode, startServer } from './support.js';

/** A `delay` the test releases by hand; `entered()` resolves when the server starts waiting. */
function heldDelay(): { delay: MockDelay; entered: () => Promise<() => void> } {
  const waiting: Array<(release: () => void) => void> = [];
  return {
    delay: () =>
      new Promise<void>((resolve) => {
        waiting.shift()?.(resolve);
      }),
    entered: () => new Promise((resolve) => waiting.push(resolve)),
  };
}

/** `random` values for "fault this poll, kind 0" followed by "no fault". */
function faultThenNone(): () => number {
  const values = [0, 0];
  return () => values.shift() ?? 0.99;
}

describe('a slow fault answers what the poll found when it arrived', () => {
  it('paces the next poll from the arrival of the slow one, not from its late answer', async () => {
    const clock = manualClock();
    const held = heldDelay();
    // interval 0.3 s, slow fault 800 ms
    const server = await startServer({ now: clock.now, interval: 0.3, faultRate: 0.5, faults: ['slow'], slowMs: 800, delay: held.delay, random: faultThenNone() });
    const code = await requestDeviceCode(server);

    const entered = held.entered();
    const slow = pollToken(server, code.device_code);
    const release = await entered;
    clock.advance(800);
    release();
    expect((await slow).status).toBe(400);

    // 800 ms after the slow poll arrived (> 300 ms interval): on time, not 429.
    expect((await pollToken(server, code.device_code)).status).toBe(400);
  });

  it('answers a poll that arrived before expiry as pending, even when the answer leaves after it', async () => {
    const clock = manualClock();
    const held = heldDelay();
    const server = await startServer({ now: clock.now, interval: 0.3, expiresIn: 0.5, faultRate: 1, faults: ['slow'], slowMs: 800, delay: held.delay, random: () => 0 });
    const code = await requestDeviceCode(server);

    clock.advance(400);
    const entered = held.entered();
    const polls: number[] = [];
    server.on('poll', (event) => polls.push(event.time));
    const slow = pollToken(server, code.device_code);
    const release = await entered;
    clock.advance(800);
    release();
    expect((await slow).status).toBe(400);
    expect(polls).toEqual([Date.UTC(2025, 0, 1) + 400]);
  });
});

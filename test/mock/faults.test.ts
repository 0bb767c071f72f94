import { describe, expect, it } from 'vitest';
import type { MockDelay } from '../../src/mock/index.js';
import { manualClock, pollToken, requestDeviceCode, startServer } from './support.js';

/** A `random` that returns the given values in order and fails loudly when they run out. */
function sequence(...values: number[]): () => number {
  return () => {
    const value = values.shift();
    if (value === undefined) throw new Error('random() called more often than expected');
    return value;
  };
}

describe('fault injection on token polls', () => {
  it('answers a server-error fault with 502 HTML or 503 text, chosen by random', async () => {
    // poll 1: fault (0.1 < 0.5), kind 0 = server-error, 0.2 < 0.5 → 502
    // poll 2: fault, server-error, 0.7 → 503
    // poll 3: no fault (0.9 ≥ 0.5)
    const server = await startServer({ faultRate: 0.5, faults: ['server-error'], random: sequence(0.1, 0, 0.2, 0.1, 0, 0.7, 0.9) });
    const code = await requestDeviceCode(server);
    const faults: unknown[] = [];
    server.on('fault', (event) => faults.push(event.status));

    const gateway = await pollToken(server, code.device_code);
    expect(gateway.status).toBe(502);
    expect(gateway.headers.get('content-type')).toMatch(/^text\/html/);
    const unavailable = await pollToken(server, code.device_code);
    expect(unavailable.status).toBe(503);
    expect(unavailable.headers.get('content-type')).toMatch(/^text\/plain/);
    expect((await pollToken(server, code.device_code)).status).toBe(400);
    expect(faults).toEqual([502, 503]);
    expect(server.log.filter((entry) => entry.fault !== undefined).map((entry) => entry.fault)).toEqual(['server-error', 'server-error']);
  });

  it('answers a rate-limit fault with a CDN 429 carrying Retry-After, without counting the poll', async () => {
    const clock = manualClock();
    // poll 1: fault (0.1 < 0.5) of the only kind; polls 2 and 3: no fault (0.9)
    const server = await startServer({
      now: clock.now,
      interval: 5,
      faultRate: 0.5,
      faults: ['rate-limit'],
      faultRetryAfter: 7,
      autoApproveAfterPolls: 1,
      random: sequence(0.1, 0, 0.9, 0.9),
    });
    const code = await requestDeviceCode(server);
    const limited = await pollToken(server, code.device_code);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('7');
    expect(await limited.text()).toBe('Too Many Requests');
    // Had the faulted poll reached the server, this one would be too fast (429) or approved (200).
    expect((await pollToken(server, code.device_code)).status).toBe(400);
    clock.advance(5000);
    expect((await pollToken(server, code.device_code)).status).toBe(200);
  });

  it('drops the connection for a drop fault; the code keeps working', async () => {
    const server = await startServer({ faultRate: 0.25, faults: ['server-error', 'drop'], random: sequence(0.2, 0.5, 0.3) });
    const code = await requestDeviceCode(server);
    const fault = server.waitFor('fault');
    await expect(pollToken(server, code.device_code)).rejects.toThrow(TypeError);
    await expect(fault).resolves.toMatchObject({ kind: 'drop', status: 0 });
    expect(server.log.at(-1)).toMatchObject({ path: '/oauth/device/token', status: 0, fault: 'drop' });
    expect((await pollToken(server, code.device_code)).status).toBe(400);
  });

  it('holds a slow answer for slowMs through the injected delay, then answers normally', async () => {
    let release: (() => void) | undefined;
    const waited: number[] = [];
    const delay: MockDelay = (ms) => {
      waited.push(ms);
      return new Promise<void>((resolve) => {
        release = resolve;
      });
    };
    const server = await startServer({ faultRate: 1, faults: ['slow'], slowMs: 1234, delay, random: sequence(0, 0) });
    const code = await requestDeviceCode(server);
    server.approve(code.user_code);

    const fault = server.waitFor('fault');
    let settled = false;
    const answer = pollToken(server, code.device_code).then((response) => {
      settled = true;
      return response;
    });
    await expect(fault).resolves.toMatchObject({ kind: 'slow', status: undefined });
    expect(waited).toEqual([1234]);
    expect(settled).toBe(false);
    expect(server.log.filter((entry) => entry.path === '/oauth/device/token')).toEqual([]);

    release?.();
    const response = await answer;
    expect(response.status).toBe(200);
    expect(server.log.at(-1)).toMatchObject({ status: 200, fault: 'slow' });
  });

  it('never calls random when faultRate is 0, and never faults other endpoints', async () => {
    const server = await startServer({ random: sequence() });
    const code = await requestDeviceCode(server);
    expect((await pollToken(server, code.device_code)).status).toBe(400);
    const always = await startServer({ faultRate: 1, faults: ['drop'], random: sequence() });
    expect((await requestDeviceCode(always)).device_code).toMatch(/^[0-9a-f]{64}$/);
  });

  it('cancels a slow answer when the server closes', async () => {
    const server = await startServer({ faultRate: 1, faults: ['slow'], slowMs: 60_000, random: sequence(0, 0) });
    const code = await requestDeviceCode(server);
    const fault = server.waitFor('fault');
    const answer = pollToken(server, code.device_code);
    await fault;
    await server.close();
    await expect(answer).rejects.toThrow(TypeError);
  });
});

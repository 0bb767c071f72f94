import { describe, expect, it } from 'vitest';
import type { MockControls } from '../../src/mock/fetch.js';
import { apiHeaders, manualClock, startServer } from './support.js';
import { authorizeDevice, pollDevice, startRfcMock, TRANSPORTS } from './rfc8628-support.js';

/** The log entries of token polls, as `[status, early, gapMs]`. */
function polls(mock: MockControls, path: string) {
  return mock.log.filter((entry) => entry.path === path).map((entry) => [entry.status, entry.early ?? false, entry.gapMs]);
}

describe.each(TRANSPORTS)('early polls are counted (rfc8628, %s)', (transport) => {
  it('counts a poll 100 ms early, not one on time, in the log, the poll event and stats()', async () => {
    const clock = manualClock();
    const target = await startRfcMock(transport, { interval: 1, now: clock.now });
    const early: boolean[] = [];
    target.mock.on('poll', (event) => early.push(event.early));
    const code = await authorizeDevice(target);
    await pollDevice(target, code.device_code);
    clock.advance(1000);
    await pollDevice(target, code.device_code);
    clock.advance(900);
    // 100 ms early: within the pacing slack, so still answered authorization_pending, but counted.
    expect((await pollDevice(target, code.device_code)).status).toBe(400);
    clock.advance(1000);
    await pollDevice(target, code.device_code);
    expect(polls(target.mock, '/token')).toEqual([
      [400, false, undefined],
      [400, false, undefined],
      [400, true, 900],
      [400, false, undefined],
    ]);
    expect(early).toEqual([false, false, true, false]);
    expect(target.mock.stats()).toEqual({ codesIssued: 1, devicePolls: 4, earlyPolls: 1, tooFastPolls: 0, tokensIssued: 0, refreshes: 0, revocations: 0 });
    target.mock.resetStats();
    expect(target.mock.stats().devicePolls).toBe(0);
  });

  it('measures from the previous poll of the same code against its current interval, slow_down included', async () => {
    const clock = manualClock();
    const target = await startRfcMock(transport, { interval: 1, now: clock.now });
    const first = await authorizeDevice(target);
    const second = await authorizeDevice(target);
    await pollDevice(target, first.device_code);
    clock.advance(500);
    await pollDevice(target, second.device_code); // another code's first poll: not early
    const slowed = await pollDevice(target, first.device_code); // 500 ms after its own last poll: early and too fast
    expect(((await slowed.json()) as { error: string }).error).toBe('slow_down');
    clock.advance(5_999); // the interval is now 6 s: one ms short
    await pollDevice(target, first.device_code);
    clock.advance(6_000);
    await pollDevice(target, first.device_code);
    expect(polls(target.mock, '/token')).toEqual([
      [400, false, undefined],
      [400, false, undefined],
      [400, true, 500],
      [400, true, 5_999],
      [400, false, undefined],
    ]);
    expect(target.mock.stats()).toMatchObject({ devicePolls: 5, earlyPolls: 2, tooFastPolls: 1 });
  });
});

describe('early polls are counted (trakt)', () => {
  it('counts a poll 100 ms early, not one on time', async () => {
    const clock = manualClock();
    const server = await startServer({ interval: 1, now: clock.now });
    const post = (path: string, body: unknown) => fetch(`${server.url}${path}`, { method: 'POST', headers: apiHeaders(server), body: JSON.stringify(body) });
    const code = (await (await post('/oauth/device/code', { client_id: server.clientId })).json()) as { device_code: string };
    const poll = () => post('/oauth/device/token', { code: code.device_code, client_id: server.clientId, client_secret: server.clientSecret });
    await poll();
    clock.advance(1000);
    await poll();
    clock.advance(900);
    await poll();
    clock.advance(500);
    await poll(); // 429: too fast, and early
    expect(polls(server, '/oauth/device/token')).toEqual([
      [400, false, undefined],
      [400, false, undefined],
      [400, true, 900],
      [429, true, 500],
    ]);
    expect(server.stats()).toMatchObject({ codesIssued: 1, devicePolls: 4, earlyPolls: 2, tooFastPolls: 1 });
  });
});

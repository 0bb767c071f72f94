import { describe, expect, it, vi } from 'vitest';
import { DeviceAuthError } from '../../src/core/errors.js';
import type { PollOutcome } from '../../src/machines/device-auth.types.js';
import { authorized, networkError, pending, slowDown } from '../support/scripted-services.js';
import { deviceView, ending, IDLE, showing, useFakeClock } from './support.js';

describe('a device-auth view shows every phase of the flow', () => {
  useFakeClock();

  it('idle until started; requesting while the codes are asked for; then the code', async () => {
    const { view, seen } = deviceView({ codeLatencyMs: 2_000, polls: [pending] });
    expect(view.getSnapshot()).toEqual(IDLE);
    view.start();
    expect(view.getSnapshot()).toEqual({ ...IDLE, phase: 'requesting', message: 'Getting a sign-in code…', canStart: false, canCancel: true });
    await vi.advanceTimersByTimeAsync(2_000);
    expect(view.getSnapshot()).toEqual(showing(600));
    expect(seen.map((s) => s.phase)).toEqual(['idle', 'requesting', 'showingCode']);
  });

  it('the complete verification URL when the server gives one', async () => {
    const { view } = deviceView({ codes: { verificationUrlComplete: 'https://trakt.tv/activate/USER1' }, polls: [pending] });
    view.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(view.getSnapshot()).toEqual({ ...showing(600), verificationUrlComplete: 'https://trakt.tv/activate/USER1' });
  });

  it('slowedDown after a slow-down answer, with the new interval, until the later poll', async () => {
    const { view, phases } = deviceView({ polls: [slowDown(), pending] });
    view.start();
    await vi.advanceTimersByTimeAsync(5_000);
    expect(view.getSnapshot()).toEqual({
      ...showing(595),
      phase: 'slowedDown',
      message: 'The server asked us to slow down: checking every 10 s',
      pollIntervalSeconds: 10,
    });
    await vi.advanceTimersByTimeAsync(10_000);
    expect(view.getSnapshot()).toEqual({ ...showing(585), pollIntervalSeconds: 10 });
    expect([...new Set(phases())]).toEqual(['idle', 'requesting', 'showingCode', 'slowedDown']);
  });

  it('retrying after a network error: reason, attempt, the delay; the code stays on show', async () => {
    const { view } = deviceView({ polls: [networkError(), networkError(), pending] });
    view.start();
    await vi.advanceTimersByTimeAsync(5_000);
    expect(view.getSnapshot()).toEqual({
      ...showing(595),
      phase: 'retrying',
      message: 'Connection problem, retrying in 10 s',
      retry: { attempt: 1, reason: 'NETWORK', delaySeconds: 10 },
    });
    await vi.advanceTimersByTimeAsync(10_000);
    expect(view.getSnapshot()).toMatchObject({
      phase: 'retrying',
      message: 'Connection problem, retrying in 20 s',
      retry: { attempt: 2, reason: 'NETWORK', delaySeconds: 20 },
    });
    await vi.advanceTimersByTimeAsync(20_000);
    expect(view.getSnapshot()).toEqual(showing(565));
  });

  it('retrying after a 5xx names the server; "retrying now" while the retried poll is in flight', async () => {
    const serverError: PollOutcome = { type: 'transient', error: new DeviceAuthError('HTTP_STATUS', 'The server answered 503.') };
    const { view } = deviceView({ polls: [serverError, { outcome: pending, latencyMs: 3_000 }] });
    view.start();
    await vi.advanceTimersByTimeAsync(5_000);
    expect(view.getSnapshot()).toMatchObject({
      message: 'The server had a problem, retrying in 10 s',
      retry: { attempt: 1, reason: 'HTTP_STATUS', delaySeconds: 10 },
    });
    await vi.advanceTimersByTimeAsync(10_000);
    expect(view.getSnapshot()).toMatchObject({
      phase: 'retrying',
      message: 'The server had a problem, retrying now',
      retry: { attempt: 1, reason: 'HTTP_STATUS', delaySeconds: 0 },
    });
    await vi.advanceTimersByTimeAsync(3_000);
    expect(view.getSnapshot()).toEqual(showing(582));
  });

  it('signedIn once authorized: nothing on show, no command', async () => {
    const { view } = deviceView({ polls: [authorized] });
    view.start();
    await vi.advanceTimersByTimeAsync(5_000);
    expect(view.getSnapshot()).toEqual({ ...IDLE, phase: 'signedIn', message: 'You are signed in.', canStart: false });
  });

  it.each([
    ['denied', { type: 'denied' }, 'You declined the sign-in.'],
    ['expired', { type: 'expired' }, 'The code expired. Try again for a new one.'],
    ['alreadyUsed', { type: 'alreadyUsed' }, 'This code was already used. Try again for a new one.'],
    ['invalidCode', { type: 'invalidCode' }, 'The server does not know this code. Try again for a new one.'],
  ] as const)('%s: the ending and its message; only restart applies', async (phase, outcome, message) => {
    const { view } = deviceView({ polls: [outcome] });
    view.start();
    await vi.advanceTimersByTimeAsync(5_000);
    expect(view.getSnapshot()).toEqual(ending(phase, message));
  });

  it("expired by the client's own deadline, after the countdown reached it", async () => {
    const { view, seen } = deviceView({ codes: { expiresIn: 3, interval: 1 }, polls: [pending] });
    view.start();
    await vi.advanceTimersByTimeAsync(3_000);
    expect(seen.map((s) => [s.phase, s.secondsLeft])).toEqual([
      ['idle', null],
      ['requesting', null],
      ['showingCode', 3],
      ['showingCode', 2],
      ['showingCode', 1],
      ['expired', null],
    ]);
    expect(view.getSnapshot()).toEqual(ending('expired', 'The code expired. Try again for a new one.'));
  });

  it("failed: the error's code and message", async () => {
    const blocked = new DeviceAuthError('BLOCKED', 'Trakt refused the request: set a User-Agent.');
    const { view } = deviceView({ polls: [{ type: 'fatal', error: blocked }] });
    view.start();
    await vi.advanceTimersByTimeAsync(5_000);
    expect(view.getSnapshot()).toEqual(ending('failed', 'Trakt refused the request: set a User-Agent.', 'BLOCKED'));
  });

  it('cancelled by cancel()', async () => {
    const { view } = deviceView({ polls: [pending] });
    view.start();
    await vi.advanceTimersByTimeAsync(1_000);
    view.cancel();
    expect(view.getSnapshot()).toEqual(ending('cancelled', 'Sign-in cancelled. Try again for a new code.'));
  });
});

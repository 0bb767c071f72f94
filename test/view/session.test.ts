import { describe, expect, it, vi } from 'vitest';
import { DeviceAuthError } from '../../src/core/errors.js';
import { authorized, networkError, pending, sampleToken } from '../support/scripted-services.js';
import { ending, IDLE, sessionView, showing, useFakeClock } from './support.js';

describe('a session actor: its device-auth child while signing in, the session otherwise', () => {
  useFakeClock();

  it('loading: idle without start; signed out: idle with start', async () => {
    const { view } = sessionView({ polls: [pending] }, { loadLatencyMs: 1_000 });
    expect(view.getSnapshot()).toEqual({ ...IDLE, message: 'Checking for a saved sign-in…', canStart: false });
    await vi.advanceTimersByTimeAsync(1_000);
    expect(view.getSnapshot()).toEqual(IDLE);
  });

  it('start() signs in: the child’s code and countdown, then signedIn once the token is stored', async () => {
    const { actor, view, seen } = sessionView({ codeLatencyMs: 1_000, polls: [pending, authorized] });
    await vi.advanceTimersByTimeAsync(0);
    view.start();
    expect(actor.getSnapshot().value).toBe('signingIn');
    expect(view.getSnapshot()).toEqual({ ...IDLE, phase: 'requesting', message: 'Getting a sign-in code…', canStart: false, canCancel: true });
    await vi.advanceTimersByTimeAsync(1_000);
    expect(view.getSnapshot()).toEqual(showing(600));
    expect(vi.getTimerCount()).toBe(2); // the child's poll timer and the countdown
    await vi.advanceTimersByTimeAsync(10_000);
    expect(actor.getSnapshot().matches('signedIn')).toBe(true);
    expect(view.getSnapshot()).toEqual({ ...IDLE, phase: 'signedIn', message: 'You are signed in.', canStart: false });
    expect(seen.map((s) => [s.phase, s.secondsLeft, s.canStart])).toEqual([
      ['idle', null, false], // loading
      ['idle', null, true], // signed out
      ['requesting', null, false],
      ...Array.from({ length: 11 }, (_, i) => ['showingCode', 600 - i, false]),
      ['signedIn', null, false],
    ]);
    // Only the session's refresh timer is left.
    expect(vi.getTimerCount()).toBe(1);
  });

  it('a stored token: signedIn; signed out: idle again, "Signed out"', async () => {
    const { actor, view, phases } = sessionView({ polls: [pending] }, { stored: sampleToken });
    await vi.advanceTimersByTimeAsync(0);
    expect(view.getSnapshot()).toEqual({ ...IDLE, phase: 'signedIn', message: 'You are signed in.', canStart: false });
    actor.send({ type: 'signOut' });
    expect(view.getSnapshot()).toEqual({ ...IDLE, message: 'Signing out…', canStart: false });
    await vi.advanceTimersByTimeAsync(0);
    expect(view.getSnapshot()).toEqual({ ...IDLE, message: 'Signed out. Sign in again to get a code.' });
    expect(phases()).toEqual(['idle', 'signedIn', 'idle', 'idle']);
  });

  it('an ending of the child (denied): that phase; restart() signs in again with new codes', async () => {
    const { actor, view, services } = sessionView({ polls: [{ type: 'denied' }, pending] });
    await vi.advanceTimersByTimeAsync(0);
    view.start();
    await vi.advanceTimersByTimeAsync(5_000);
    expect(actor.getSnapshot().value).toBe('signedOut');
    expect(view.getSnapshot()).toEqual(ending('denied', 'You declined the sign-in.'));
    view.start(); // not from an ending: restart is the command
    expect(actor.getSnapshot().value).toBe('signedOut');
    view.restart();
    await vi.advanceTimersByTimeAsync(0);
    expect(view.getSnapshot()).toEqual(showing(600, 2));
    expect(services.requests.filter((r) => r.kind === 'code')).toHaveLength(2);
  });

  it('cancel() stops the sign-in: cancelled, restart applies', async () => {
    const { actor, view } = sessionView({ polls: [pending] });
    await vi.advanceTimersByTimeAsync(0);
    view.start();
    await vi.advanceTimersByTimeAsync(2_000);
    view.cancel();
    expect(actor.getSnapshot().value).toBe('signedOut');
    expect(view.getSnapshot()).toEqual(ending('cancelled', 'Sign-in cancelled. Try again for a new code.'));
    expect(vi.getTimerCount()).toBe(0);
  });

  it('retrying with the reason the session re-emitted', async () => {
    const { view } = sessionView({ polls: [networkError(), pending] });
    await vi.advanceTimersByTimeAsync(0);
    view.start();
    await vi.advanceTimersByTimeAsync(5_000);
    expect(view.getSnapshot()).toEqual({
      ...showing(595),
      phase: 'retrying',
      message: 'Connection problem, retrying in 10 s',
      retry: { attempt: 1, reason: 'NETWORK', delaySeconds: 10 },
    });
  });

  it("a failed sign-in: the child's error", async () => {
    const error = new DeviceAuthError('INVALID_RESPONSE', 'The token answer has no access_token.');
    const { view } = sessionView({ polls: [{ type: 'fatal', error }] });
    await vi.advanceTimersByTimeAsync(0);
    view.start();
    await vi.advanceTimersByTimeAsync(5_000);
    expect(view.getSnapshot()).toEqual(ending('failed', 'The token answer has no access_token.', 'INVALID_RESPONSE'));
  });

  it('a session that ended by itself (invalid grant): idle, "Your session ended"', async () => {
    const { actor, view, seen } = sessionView({ polls: [pending] }, { stored: sampleToken });
    await vi.advanceTimersByTimeAsync(0);
    actor.send({ type: 'refresh' }); // the fake Trakt does not know the stored pair: invalid_grant
    await vi.advanceTimersByTimeAsync(0);
    expect(actor.getSnapshot().value).toBe('signedOut');
    expect(view.getSnapshot()).toEqual({ ...IDLE, message: 'Your session ended. Sign in again to get a code.' });
    expect(seen.map((s) => [s.phase, s.canStart])).toEqual([
      ['idle', false], // loading
      ['signedIn', false],
      ['idle', false], // clearing the store
      ['idle', true],
    ]);
  });

  it('destroy() leaves the session and its child running, without the countdown', async () => {
    const { actor, view } = sessionView({ polls: [pending] });
    await vi.advanceTimersByTimeAsync(0);
    view.start();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(vi.getTimerCount()).toBe(2);
    view.destroy();
    expect(vi.getTimerCount()).toBe(1);
    expect(actor.getSnapshot().value).toBe('signingIn');
    actor.stop();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('a session stopped while signing in: cancelled ("stopped"), no command', async () => {
    const { actor, view } = sessionView({ polls: [pending] });
    await vi.advanceTimersByTimeAsync(0);
    view.start();
    await vi.advanceTimersByTimeAsync(1_000);
    actor.stop();
    expect(view.getSnapshot()).toEqual({ ...ending('cancelled', 'The sign-in stopped.'), canRestart: false });
    expect(vi.getTimerCount()).toBe(0);
  });
});

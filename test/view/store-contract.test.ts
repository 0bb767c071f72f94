import { describe, expect, it, vi } from 'vitest';
import { createActor } from 'xstate';
import { DeviceAuthError } from '../../src/core/errors.js';
import { deviceAuthMachine } from '../../src/machines/device-auth.machine.js';
import { createSignInView } from '../../src/view/sign-in-view.js';
import type { SignInViewSnapshot } from '../../src/view/sign-in-view.types.js';
import { networkError, pending, scriptedServices } from '../support/scripted-services.js';
import { deviceView, ending, IDLE, record, useFakeClock } from './support.js';

describe('the store fits React, Svelte and Vue as it is', () => {
  useFakeClock();

  it("Svelte's contract: subscribe calls the listener at once with the current value and returns an unsubscribe function", async () => {
    const { view } = deviceView({ polls: [pending] });
    const run = vi.fn<(snapshot: SignInViewSnapshot) => void>();
    const unsubscribe = view.subscribe(run);
    expect(run.mock.calls).toEqual([[view.getSnapshot()]]);
    view.start();
    expect(run).toHaveBeenCalledTimes(2);
    expect(run).toHaveBeenLastCalledWith(view.getSnapshot());
    expect(typeof unsubscribe).toBe('function');
    unsubscribe();
    await vi.advanceTimersByTimeAsync(3_000);
    expect(run).toHaveBeenCalledTimes(2);
  });

  it('useSyncExternalStore: getSnapshot() is the same object until something shown changes', async () => {
    const { actor, view, seen } = deviceView({ polls: [pending], pollLatencyMs: 300 });
    expect(view.getSnapshot()).toBe(view.getSnapshot());
    view.start();
    await vi.advanceTimersByTimeAsync(5_000); // the tick at 5 s; the poll goes out
    const atFive = view.getSnapshot();
    const machineAtFive = actor.getSnapshot();
    const count = seen.length;
    await vi.advanceTimersByTimeAsync(300); // the answer: the machine changes, nothing shown does
    expect(actor.getSnapshot()).not.toBe(machineAtFive);
    expect(view.getSnapshot()).toBe(atFive);
    expect(seen.length).toBe(count);
    await vi.advanceTimersByTimeAsync(700);
    expect(view.getSnapshot()).not.toBe(atFive);
    expect(view.getSnapshot().secondsLeft).toBe(atFive.secondsLeft! - 1);
  });

  it('a listener reads the snapshot it was called with from getSnapshot() (React re-reads it)', () => {
    const { view } = deviceView({ polls: [pending] });
    const pairs: boolean[] = [];
    view.subscribe((snapshot) => pairs.push(snapshot === view.getSnapshot()));
    view.start();
    expect(pairs).toEqual([true, true]);
  });

  it('snapshots and the store are frozen, the retry too', async () => {
    const { view } = deviceView({ polls: [networkError(), pending] });
    view.start();
    await vi.advanceTimersByTimeAsync(5_000);
    const snapshot = view.getSnapshot();
    expect(snapshot.phase).toBe('retrying');
    expect(Object.isFrozen(snapshot)).toBe(true);
    expect(Object.isFrozen(snapshot.retry)).toBe(true);
    expect(Object.isFrozen(view)).toBe(true);
    expect(() => ((snapshot as { phase: string }).phase = 'signedIn')).toThrow(TypeError);
  });

  it('the same function subscribed twice is called twice and unsubscribed once per subscription', () => {
    const { view } = deviceView({ polls: [pending] });
    const listener = vi.fn();
    const first = view.subscribe(listener);
    view.subscribe(listener);
    first();
    listener.mockClear();
    view.start();
    expect(listener).toHaveBeenCalledTimes(1);
  });

  it('a listener that throws does not keep the others from hearing the change', () => {
    const { view } = deviceView({ polls: [pending] });
    const heard: string[] = [];
    view.subscribe((s) => {
      if (s.phase !== 'idle') throw new Error('a broken screen');
    });
    view.subscribe((s) => heard.push(s.phase));
    view.start();
    expect(heard).toEqual(['idle', 'requesting']);
    // The error is not swallowed: XState reports the observer's error from a timer.
    expect(() => vi.runOnlyPendingTimers()).toThrow('a broken screen');
  });

  it("a listener's command mid-round: the others never get an older snapshot after a newer one", async () => {
    const { view } = deviceView({ polls: [pending] });
    // On a tick the actor is idle, so the command is taken at once and published inside this round.
    view.subscribe((s) => {
      if (s.secondsLeft === 599) view.cancel();
    });
    const heard: Array<[string, number | null]> = [];
    view.subscribe((s) => heard.push([s.phase, s.secondsLeft]));
    view.start();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(heard).toEqual([
      ['idle', null],
      ['requesting', null],
      ['showingCode', 600],
      ['cancelled', null],
    ]);
    expect(view.getSnapshot().phase).toBe('cancelled');
  });

  it('a listener removed by another in the same round is not called', () => {
    const { view } = deviceView({ polls: [pending] });
    const late = vi.fn();
    let removeLate = (): void => undefined;
    view.subscribe((s) => {
      if (s.phase === 'requesting') removeLate();
    });
    removeLate = view.subscribe(late);
    view.start();
    expect(late.mock.calls.map(([s]) => (s as SignInViewSnapshot).phase)).toEqual(['idle']);
  });

  it('a listener that throws on the immediate call is not subscribed', () => {
    const { view } = deviceView({ polls: [pending] });
    const broken = vi.fn(() => {
      throw new Error('a broken screen');
    });
    expect(() => view.subscribe(broken)).toThrow('a broken screen');
    view.start();
    expect(broken).toHaveBeenCalledTimes(1);
  });

  it('subscribe after destroy(): the last snapshot at once, nothing after', async () => {
    const { view } = deviceView({ polls: [pending] });
    view.destroy();
    const run = vi.fn();
    const unsubscribe = view.subscribe(run);
    expect(run.mock.calls).toEqual([[IDLE]]);
    view.start();
    unsubscribe();
    expect(run).toHaveBeenCalledTimes(1);
  });
});

describe('an actor the view does not own may stop or crash', () => {
  useFakeClock();

  it('stopped while a code is shown: cancelled ("stopped"), no command, no timer', async () => {
    const { actor, view } = deviceView({ polls: [pending] });
    view.start();
    await vi.advanceTimersByTimeAsync(1_000);
    actor.stop();
    expect(view.getSnapshot()).toEqual({ ...ending('cancelled', 'The sign-in stopped.'), canRestart: false });
    expect(vi.getTimerCount()).toBe(0);
  });

  it('stopped before it started: idle without commands', () => {
    const { actor, view } = deviceView({ polls: [pending] });
    actor.stop();
    expect(view.getSnapshot()).toEqual({ ...IDLE, message: 'Not signed in.', canStart: false });
  });

  it('an ending keeps its phase when the actor stops, without commands', async () => {
    const { actor, view } = deviceView({ polls: [{ type: 'expired' }] });
    view.start();
    await vi.advanceTimersByTimeAsync(5_000);
    actor.stop();
    expect(view.getSnapshot()).toEqual({ ...ending('expired', 'The code expired. Try again for a new one.'), canRestart: false });
  });

  it('a crashed actor (an action threw) shows as failed with the error', async () => {
    const services = scriptedServices({ polls: [pending] });
    const machine = deviceAuthMachine.provide({
      ...services,
      actions: {
        announceCodes: () => {
          throw new DeviceAuthError('INVALID_RESPONSE', 'The codes could not be shown.');
        },
      },
    });
    const actor = createActor(machine).start();
    const view = createSignInView(actor);
    record(view); // a screen listens: the view handles the crash
    view.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(actor.getSnapshot().status).toBe('error');
    expect(view.getSnapshot()).toEqual({ ...ending('failed', 'The codes could not be shown.', 'INVALID_RESPONSE'), canRestart: false });
    expect(vi.getTimerCount()).toBe(0);
  });

  it('a crash with something that is not an Error: its text', async () => {
    const services = scriptedServices({ polls: [pending] });
    const machine = deviceAuthMachine.provide({
      ...services,
      actions: {
        announceCodes: () => {
          throw 'no codes'; // what a careless implementation may do
        },
      },
    });
    const actor = createActor(machine).start();
    const view = createSignInView(actor);
    record(view); // a screen listens: the view handles the crash
    view.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(view.getSnapshot()).toMatchObject({ phase: 'failed', errorCode: 'UNEXPECTED', message: 'no codes' });
  });

  it('a crash with something else than a DeviceAuthError is UNEXPECTED', async () => {
    const services = scriptedServices({ polls: [pending] });
    const machine = deviceAuthMachine.provide({
      ...services,
      actions: {
        announceCodes: () => {
          throw new TypeError('codes is null');
        },
      },
    });
    const actor = createActor(machine).start();
    const view = createSignInView(actor);
    record(view); // a screen listens: the view handles the crash
    view.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(view.getSnapshot()).toMatchObject({ phase: 'failed', errorCode: 'UNEXPECTED', message: 'codes is null' });
  });
});

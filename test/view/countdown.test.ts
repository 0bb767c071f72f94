import { describe, expect, it, vi } from 'vitest';
import { createActor } from 'xstate';
import { deviceAuthMachine } from '../../src/machines/device-auth.machine.js';
import { createSignInView } from '../../src/view/sign-in-view.js';
import { authorized, networkError, pending, scriptedServices } from '../support/scripted-services.js';
import { deviceView, record, T0, useFakeClock } from './support.js';

describe('the countdown ticks once a second while a code is shown, and only then', () => {
  useFakeClock();

  it('one snapshot a second, computed from the absolute deadline', async () => {
    const { view, seen } = deviceView({ polls: [pending] });
    view.start();
    await vi.advanceTimersByTimeAsync(0);
    const before = seen.length;
    await vi.advanceTimersByTimeAsync(3_000);
    expect(seen.slice(before - 1).map((s) => s.secondsLeft)).toEqual([600, 599, 598, 597]);
    // Between two ticks nothing changes: no snapshot at 3.5 s.
    await vi.advanceTimersByTimeAsync(500);
    expect(seen.length).toBe(before + 3);
  });

  it('arms exactly one timer of its own while a code is shown (beside the machine’s poll timer)', async () => {
    const { view } = deviceView({ polls: [pending] });
    view.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(vi.getTimerCount()).toBe(2);
    await vi.advanceTimersByTimeAsync(7_000); // polls, pending, ticks: still one of each
    expect(vi.getTimerCount()).toBe(2);
  });

  it('no timer while idle or requesting', async () => {
    const { view, seen } = deviceView({ codeLatencyMs: 5_000, polls: [pending] });
    expect(vi.getTimerCount()).toBe(0);
    view.start();
    await vi.advanceTimersByTimeAsync(4_000);
    expect(vi.getTimerCount()).toBe(1); // the scripted request's latency
    expect(seen.map((s) => s.phase)).toEqual(['idle', 'requesting']);
  });

  it('stops when the code leaves the screen (cancel): no timer, no snapshot', async () => {
    const { view, seen } = deviceView({ polls: [pending] });
    view.start();
    await vi.advanceTimersByTimeAsync(2_000);
    view.cancel();
    expect(vi.getTimerCount()).toBe(0);
    const count = seen.length;
    await vi.advanceTimersByTimeAsync(10_000);
    expect(seen.length).toBe(count);
  });

  it.each([
    ['signedIn', authorized],
    ['denied', { type: 'denied' } as const],
  ])('no timer left after a final phase (%s)', async (phase, outcome) => {
    const { view } = deviceView({ polls: [outcome] });
    view.start();
    await vi.advanceTimersByTimeAsync(5_000);
    expect(view.getSnapshot().phase).toBe(phase);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('no timer left after destroy(); the last snapshot stays, listeners hear nothing more', async () => {
    const { actor, view, seen } = deviceView({ polls: [pending] });
    view.start();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(vi.getTimerCount()).toBe(2);
    const last = view.getSnapshot();
    view.destroy();
    expect(vi.getTimerCount()).toBe(1); // the machine's own poll timer
    const count = seen.length;
    await vi.advanceTimersByTimeAsync(10_000);
    expect(seen.length).toBe(count);
    expect(view.getSnapshot()).toBe(last);
    actor.stop();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('uses the clock from the options: secondsLeft from its reading, ticks aligned to it', async () => {
    const services = scriptedServices({ polls: [pending] });
    const actor = createActor(deviceAuthMachine.provide(services)).start();
    const view = createSignInView(actor, { now: () => Date.now() + 400 }); // 0.4 s ahead of the services
    const { seen } = record(view);
    view.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(view.getSnapshot().secondsLeft).toBe(600); // 599.6 s, rounded up
    await vi.advanceTimersByTimeAsync(599);
    expect(view.getSnapshot().secondsLeft).toBe(600);
    await vi.advanceTimersByTimeAsync(1);
    expect(view.getSnapshot().secondsLeft).toBe(599);
    expect(seen.map((s) => s.secondsLeft)).toEqual([null, null, 600, 599]);
  });

  it('a clock already past the deadline shows 0 and arms no timer', async () => {
    const services = scriptedServices({ polls: [pending] });
    const actor = createActor(deviceAuthMachine.provide(services)).start();
    const view = createSignInView(actor, { now: () => T0 + 3_600_000 });
    record(view);
    view.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(view.getSnapshot()).toMatchObject({ phase: 'showingCode', secondsLeft: 0 });
    expect(vi.getTimerCount()).toBe(1); // the machine's
  });
});

describe('the view follows the actor only while someone listens', () => {
  useFakeClock();

  it('no listener: no timer of its own; getSnapshot() reads the actor on demand, the same object until a change', async () => {
    const services = scriptedServices({ polls: [pending] });
    const actor = createActor(deviceAuthMachine.provide(services)).start();
    const view = createSignInView(actor);
    view.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(vi.getTimerCount()).toBe(1); // the machine's poll timer only
    const first = view.getSnapshot();
    expect(first).toMatchObject({ phase: 'showingCode', secondsLeft: 600 });
    expect(view.getSnapshot()).toBe(first);
    await vi.advanceTimersByTimeAsync(3_000);
    expect(view.getSnapshot().secondsLeft).toBe(597);
    expect(vi.getTimerCount()).toBe(1);
  });

  it('the last unsubscribe detaches (the countdown stops); a new subscriber attaches again', async () => {
    const { view, unsubscribe } = deviceView({ polls: [pending] });
    view.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(vi.getTimerCount()).toBe(2);
    const second = view.subscribe(() => undefined);
    unsubscribe();
    expect(vi.getTimerCount()).toBe(2); // one listener is left
    second();
    second(); // twice is harmless
    expect(vi.getTimerCount()).toBe(1);
    await vi.advanceTimersByTimeAsync(2_000);
    const { seen } = record(view);
    expect(seen.map((s) => s.secondsLeft)).toEqual([598]);
    expect(vi.getTimerCount()).toBe(2);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(seen.map((s) => s.secondsLeft)).toEqual([598, 597]);
  });

  it('a retry nobody listened to: the attempt and delay from the machine, no reason', async () => {
    const services = scriptedServices({ polls: [networkError(), pending] });
    const actor = createActor(deviceAuthMachine.provide(services)).start();
    const view = createSignInView(actor);
    view.start();
    await vi.advanceTimersByTimeAsync(5_000);
    expect(view.getSnapshot()).toMatchObject({
      phase: 'retrying',
      message: 'Connection problem, retrying in 10 s',
      retry: { attempt: 1, reason: null, delaySeconds: 10 },
    });
  });
});

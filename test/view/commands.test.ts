import { describe, expect, it, vi } from 'vitest';
import { authorized, pending } from '../support/scripted-services.js';
import { deviceView, useFakeClock } from './support.js';

const flags = (s: { canStart: boolean; canCancel: boolean; canRestart: boolean }) => [s.canStart, s.canCancel, s.canRestart];

describe('the commands send the machine events, only where they apply', () => {
  useFakeClock();

  it('start() from idle; a second start() is not sent', async () => {
    const { actor, view, services } = deviceView({ codeLatencyMs: 1_000, polls: [pending] });
    expect(flags(view.getSnapshot())).toEqual([true, false, false]);
    view.start();
    expect(actor.getSnapshot().value).toBe('requesting');
    view.start();
    view.restart();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(services.requests.filter((r) => r.kind === 'code')).toHaveLength(1);
    expect(flags(view.getSnapshot())).toEqual([false, true, false]);
  });

  it('cancel() while requesting and while a code is shown; not in idle', async () => {
    const idle = deviceView({ polls: [pending] });
    idle.view.cancel();
    expect(idle.actor.getSnapshot().value).toBe('idle');

    const requesting = deviceView({ codeLatencyMs: 1_000, polls: [pending] });
    requesting.view.start();
    requesting.view.cancel();
    expect(requesting.actor.getSnapshot().value).toBe('cancelled');
    expect(requesting.services.requests[0]!.aborted).toBe(true);

    const showing = deviceView({ polls: [pending] });
    showing.view.start();
    await vi.advanceTimersByTimeAsync(0);
    showing.view.cancel();
    expect(showing.actor.getSnapshot().value).toBe('cancelled');
  });

  it('restart() after an ending asks for new codes; start() and cancel() do nothing there', async () => {
    const { actor, view, services } = deviceView({ polls: [{ type: 'denied' }, pending] });
    view.start();
    await vi.advanceTimersByTimeAsync(5_000);
    expect(view.getSnapshot().phase).toBe('denied');
    expect(flags(view.getSnapshot())).toEqual([false, false, true]);
    view.start();
    view.cancel();
    expect(actor.getSnapshot().value).toBe('denied');
    view.restart();
    await vi.advanceTimersByTimeAsync(0);
    expect(view.getSnapshot()).toMatchObject({ phase: 'showingCode', userCode: 'USER2', secondsLeft: 600 });
    expect(services.requests.filter((r) => r.kind === 'code')).toHaveLength(2);
  });

  it('no command once signed in', async () => {
    const { view } = deviceView({ polls: [authorized] });
    view.start();
    await vi.advanceTimersByTimeAsync(5_000);
    expect(flags(view.getSnapshot())).toEqual([false, false, false]);
  });

  it('commands need no `this` (onClick={view.start}) and do nothing after destroy()', async () => {
    const { actor, view } = deviceView({ polls: [pending] });
    const { start, cancel } = view;
    start();
    await vi.advanceTimersByTimeAsync(0);
    expect(actor.getSnapshot().matches('awaitingUser')).toBe(true);
    view.destroy();
    cancel();
    expect(actor.getSnapshot().matches('awaitingUser')).toBe(true);
    actor.stop();
  });
});

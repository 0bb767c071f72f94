/**
 * Model-based walk: `xstate/graph` finds the shortest path to every state of the machine's own
 * definition; each path is replayed against the real actor, with controllable services and fake
 * timers, and the actor must be in the path's state after every step.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createActor, fromPromise, getNextSnapshot, type EventObject } from 'xstate';
import { getShortestPaths } from 'xstate/graph';
import { deviceAuthMachine } from '../../src/machines/device-auth.machine.js';
import type { DeviceCodeResult, PollOutcome, PollResult } from '../../src/machines/device-auth.types.js';
import { DeviceAuthError } from '../../src/services/errors.js';
import { authorized, networkError } from '../support/scripted-services.js';

type Snapshot = ReturnType<typeof deviceAuthMachine.transition>;

const codes: DeviceCodeResult = {
  codes: { deviceCode: 'dc', userCode: 'UC', verificationUrl: 'https://trakt.tv/activate', expiresIn: 600, interval: 5 },
  receivedAt: 0,
};
const outcomes: PollOutcome[] = [
  authorized,
  { type: 'pending' },
  { type: 'slowDown' },
  { type: 'denied' },
  { type: 'expired' },
  { type: 'alreadyUsed' },
  { type: 'invalidCode' },
  networkError(),
  { type: 'fatal', error: new DeviceAuthError('BLOCKED', 'blocked') },
];
const failure = new DeviceAuthError('NETWORK', 'unreachable');

/** The events possible in a snapshot, including the actors' answers and the timers. */
function eventsFor(snapshot: Snapshot): EventObject[] {
  const events: EventObject[] = [{ type: 'start' }, { type: 'cancel' }, { type: 'restart' }];
  if (snapshot.matches('requesting')) {
    events.push({ type: 'xstate.done.actor.requestDeviceCode', output: codes } as EventObject);
    events.push({ type: 'xstate.error.actor.requestDeviceCode', error: failure } as EventObject);
  }
  if (snapshot.matches({ awaitingUser: 'polling' })) {
    const at = snapshot.context.nextPollAt ?? 0;
    for (const outcome of outcomes) {
      const output: PollResult = { outcome, startedAt: at, receivedAt: at };
      events.push({ type: 'xstate.done.actor.pollToken', output } as EventObject);
    }
  }
  if (snapshot.matches({ awaitingUser: 'waiting' })) events.push({ type: 'xstate.after.pollDelay.deviceAuth.awaitingUser.waiting' });
  if (snapshot.matches('slowingDown')) events.push({ type: 'xstate.after.pollDelay.deviceAuth.slowingDown' });
  return events;
}

const paths = getShortestPaths(deviceAuthMachine, {
  events: eventsFor as never,
  serializeState: (snapshot) => JSON.stringify(snapshot.value),
});

interface Step {
  event: EventObject;
  state: { value: unknown };
}

/** Every transition: the shortest path to a state, plus one event that leaves that state. */
const edges = paths.flatMap((path) =>
  eventsFor(path.state).flatMap((event) => {
    const next = getNextSnapshot(deviceAuthMachine, path.state, event as never);
    if (JSON.stringify(next.value) === JSON.stringify(path.state.value)) return [];
    const steps: Step[] = [...path.steps.slice(1), { event, state: next }];
    const outcome = (event as { output?: Partial<PollResult> }).output?.outcome?.type;
    const label = outcome ? `${event.type}(${outcome})` : event.type;
    return [[`${JSON.stringify(path.state.value)} --${label}--> ${JSON.stringify(next.value)}`, steps] as const];
  }),
);

interface Pending<T> {
  resolve(value: T): void;
  reject(error: unknown): void;
  startedAt: number;
}

describe('model-based walk over every state', () => {
  beforeEach(() => vi.useFakeTimers({ now: 0 }));
  afterEach(() => vi.useRealTimers());

  it('reaches every state of the machine', () => {
    const reached = new Set(paths.map((p) => JSON.stringify(p.state.value)));
    const expected = [
      'idle', 'requesting', { awaitingUser: 'waiting' }, { awaitingUser: 'polling' }, 'slowingDown', 'authorized',
      'denied', 'expired', 'alreadyUsed', 'invalidCode', 'failed', 'cancelled',
    ].map((v) => JSON.stringify(v));
    expect([...reached].sort()).toEqual(expected.sort());
  });

  it('takes every transition out of every state', () => {
    const taken = new Set(edges.map(([name]) => name));
    // idle: start; requesting: codes, error, cancel; waiting: timer, cancel; polling: 9 outcomes, cancel;
    // slowingDown: timer, cancel; six resting states: restart.
    expect(taken.size).toBe(1 + 3 + 2 + 10 + 2 + 6);
  });

  it.each(edges)('replays %s', async (_, steps) => {
    let codeRequest: Pending<DeviceCodeResult> | undefined;
    let pollRequest: Pending<PollResult> | undefined;
    const machine = deviceAuthMachine.provide({
      actors: {
        requestDeviceCode: fromPromise<DeviceCodeResult>(
          () => new Promise((resolve, reject) => (codeRequest = { resolve, reject, startedAt: Date.now() })),
        ),
        pollToken: fromPromise<PollResult, { deviceCode: string }>(
          () => new Promise((resolve, reject) => (pollRequest = { resolve, reject, startedAt: Date.now() })),
        ),
      },
    });
    const actor = createActor(machine).start();

    for (const step of steps) {
      const event = step.event as EventObject & { output?: PollResult | DeviceCodeResult; error?: unknown };
      if (event.type === 'xstate.done.actor.requestDeviceCode') {
        codeRequest!.resolve({ ...(event.output as DeviceCodeResult), receivedAt: Date.now() });
      } else if (event.type === 'xstate.error.actor.requestDeviceCode') {
        codeRequest!.reject(event.error);
      } else if (event.type === 'xstate.done.actor.pollToken') {
        const { outcome } = event.output as PollResult;
        pollRequest!.resolve({ outcome, startedAt: pollRequest!.startedAt, receivedAt: Date.now() });
      } else if (event.type.startsWith('xstate.after.')) {
        await vi.advanceTimersToNextTimerAsync();
      } else {
        actor.send(event as { type: 'start' });
      }
      await vi.advanceTimersByTimeAsync(0);
      expect(actor.getSnapshot().value, `after ${event.type}`).toEqual(step.state.value);
    }
    actor.stop();
  });
});

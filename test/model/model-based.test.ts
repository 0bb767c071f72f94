/**
 * Model-based walk: `xstate/graph` finds the shortest path to every state of the machine's own
 * definition (a state here is the state value plus, where a timer's guard reads it, whether the
 * context is past the deadline); each path plus one outgoing event is replayed against the real
 * actor, with controllable services and fake timers. After every step the actor must be in the
 * model's state and must have taken exactly the transition definition the model took. The set of
 * transitions taken is compared with every transition definition of the machine.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createActor, fromPromise, getNextSnapshot, type EventObject, type InspectionEvent } from 'xstate';
import { getShortestPaths } from 'xstate/graph';
import { deviceAuthMachine } from '../../src/machines/device-auth.machine.js';
import { isPastDeadline, pollDelayMs } from '../../src/machines/device-auth.pacing.js';
import type { DeviceCodeResult, PollOutcome, PollResult, PollTokenInput } from '../../src/machines/device-auth.types.js';
import { DeviceAuthError } from '../../src/core/errors.js';
import { authorized, networkError } from '../support/scripted-services.js';
import {
  activeNodes,
  allStateNodes,
  allTransitionKeys,
  guardName,
  keyOf,
  selectTransition,
  type TransitionKey,
} from './transitions.js';

type Snapshot = ReturnType<typeof deviceAuthMachine.transition>;

/**
 * A model event. `atDeadline` marks a poll answer that arrives when the codes expire: the replay
 * then advances the fake clock to `expiresAt` before answering.
 */
type ModelEvent = EventObject & { output?: unknown; error?: unknown; now?: number; at?: number; atDeadline?: boolean };

const codes: DeviceCodeResult = {
  codes: { deviceCode: 'dc', userCode: 'UC', verificationUrl: 'https://trakt.tv/activate', expiresIn: 600, interval: 5 },
  startedAt: 0,
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
/** Answers that leave the flow running, so they can also arrive exactly at the deadline. */
const continuing = new Set<PollOutcome['type']>(['pending', 'slowDown', 'transient']);
const failure = new DeviceAuthError('NETWORK', 'unreachable');

/** Nodes whose transitions read `isPastDeadline`: only there is the deadline part of the state. */
const deadlineNodes = new Set(
  allStateNodes(deviceAuthMachine)
    .filter((node) => [...node.transitions.values()].flat().some((t) => guardName(t) === 'isPastDeadline'))
    .map((node) => node.id),
);

function readsDeadline(snapshot: Snapshot): boolean {
  return activeNodes(deviceAuthMachine, snapshot.value).some((node) => deadlineNodes.has(node.id));
}

/** The model's notion of a state: the value, plus the deadline where a guard reads it. */
function serialize(snapshot: Snapshot): string {
  const value = JSON.stringify(snapshot.value);
  return readsDeadline(snapshot) ? `${value}|pastDeadline=${isPastDeadline(snapshot.context)}` : value;
}

/** The events possible in a snapshot, including the actors' answers, the timers and `resume`. */
function eventsFor(snapshot: Snapshot): ModelEvent[] {
  const { context } = snapshot;
  const events: ModelEvent[] = [{ type: 'start' }, { type: 'cancel' }, { type: 'restart' }];
  if (snapshot.matches('requesting')) {
    events.push({ type: 'xstate.done.actor.requestDeviceCode', output: codes });
    // A custom service's unusable answer (no interval): the machine must not busy-loop on it.
    events.push({ type: 'xstate.done.actor.requestDeviceCode', output: { ...codes, codes: { ...codes.codes, interval: 0 } } });
    events.push({ type: 'xstate.error.actor.requestDeviceCode', error: failure });
  }
  if (snapshot.matches({ awaitingUser: 'polling' })) {
    // The poll started when the timer fired: `pollDelay` after the last clock reading.
    const startedAt = context.now! + pollDelayMs(context);
    for (const outcome of outcomes) {
      const output: PollResult = { outcome, startedAt, receivedAt: startedAt };
      events.push({ type: 'xstate.done.actor.pollToken', output });
      if (continuing.has(outcome.type)) {
        const late: PollResult = { outcome, startedAt, receivedAt: context.expiresAt! };
        events.push({ type: 'xstate.done.actor.pollToken', output: late, atDeadline: true });
      }
    }
    events.push({ type: 'xstate.error.actor.pollToken', error: failure });
    events.push({ type: 'pollStarted', at: startedAt });
  }
  if (snapshot.matches({ awaitingUser: 'waiting' })) {
    events.push({ type: 'xstate.after.pollDelay.deviceAuth.awaitingUser.waiting' });
    events.push({ type: 'resume', now: context.now! });
  }
  if (snapshot.matches('slowingDown')) {
    events.push({ type: 'xstate.after.pollDelay.deviceAuth.slowingDown' });
    events.push({ type: 'resume', now: context.now! });
  }
  return events;
}

const paths = getShortestPaths(deviceAuthMachine, {
  events: eventsFor as never,
  serializeState: (snapshot) => serialize(snapshot as Snapshot),
});

function stateLabel(snapshot: Snapshot): string {
  const leaf = activeNodes(deviceAuthMachine, snapshot.value)[0]!;
  const past = readsDeadline(snapshot) && isPastDeadline(snapshot.context) ? ' (past deadline)' : '';
  return `"${leaf.key}"${past}`;
}

function eventLabel(event: ModelEvent): string {
  const [, kind, , name] = /^xstate\.(after|done|error)\.(actor\.)?([^.]+)/.exec(event.type) ?? [];
  if (kind === undefined) return event.type;
  const outcome = (event.output as Partial<PollResult> | undefined)?.outcome?.type;
  const detail = outcome ? `(${outcome}${event.atDeadline ? ' at deadline' : ''})` : '';
  return `${kind} ${name}${detail}`;
}

interface Step {
  event: ModelEvent;
  /** The model's state after the event. */
  state: Snapshot;
  /** The transition definition the model takes for the event, and its guard. */
  transition: TransitionKey;
  guard: string | undefined;
}

/** Follows one event in the model; undefined when the snapshot does not handle it. */
function stepFrom(snapshot: Snapshot, event: ModelEvent): Step | undefined {
  const transition = selectTransition(deviceAuthMachine, snapshot, event);
  if (!transition) return undefined;
  const state = getNextSnapshot(deviceAuthMachine, snapshot, event as never);
  return { event, state, transition: keyOf(transition), guard: guardName(transition) };
}

/** Every transition: the shortest path to a state, plus one event that leaves it (or re-enters it). */
const edges = paths.flatMap((path) => {
  const prefix: Step[] = [];
  let previous = path.steps[0]!.state as Snapshot;
  for (const { event, state } of path.steps.slice(1)) {
    const step = stepFrom(previous, event as ModelEvent);
    if (!step) throw new Error(`the path to ${serialize(path.state)} uses ${event.type}, which takes no transition`);
    if (serialize(step.state) !== serialize(state as Snapshot)) {
      throw new Error(`the model diverges from the graph on ${event.type}`);
    }
    prefix.push(step);
    previous = step.state;
  }
  return eventsFor(path.state).flatMap((event) => {
    const step = stepFrom(path.state, event);
    if (!step) return [];
    const guard = step.guard ? ` [${step.guard}]` : '';
    const name = `${stateLabel(path.state)} --${eventLabel(event)}${guard}--> ${stateLabel(step.state)}`;
    return [{ name, steps: [...prefix, step] }];
  });
});

interface Pending<T> {
  resolve(value: T): void;
  reject(error: unknown): void;
  startedAt: number;
}

/**
 * Lets promise callbacks and the actor's mailbox run without moving the fake clock or firing a
 * timer. (`advanceTimersByTimeAsync(0)` would fire the 0 ms `pollDelay` armed past the deadline,
 * skipping the "waiting (past deadline)" state the model steps through.)
 */
async function settle(): Promise<void> {
  for (let i = 0; i < 10; i++) await Promise.resolve();
}

describe('model-based walk over every transition', () => {
  beforeEach(() => vi.useFakeTimers({ now: 0 }));
  afterEach(() => vi.useRealTimers());

  it('reaches every state of the machine', () => {
    const reached = new Set(paths.map((p) => activeNodes(deviceAuthMachine, p.state.value)[0]!.id));
    const atomic = allStateNodes(deviceAuthMachine).filter((node) => Object.keys(node.states).length === 0);
    expect([...reached].sort()).toEqual(atomic.map((node) => node.id).sort());
  });

  it('takes every transition of the machine definition', () => {
    const all = allTransitionKeys(deviceAuthMachine);
    const taken = new Set(edges.map(({ steps }) => steps[steps.length - 1]!.transition));
    const missing = all.filter((key) => !taken.has(key));
    expect(missing, `transitions the walk never takes:\n${missing.join('\n')}`).toEqual([]);
    expect([...taken].sort()).toEqual([...all].sort());
  });

  it('names every replayed edge differently', () => {
    const names = edges.map(({ name }) => name);
    expect(new Set(names).size).toBe(names.length);
  });

  it.each(edges.map(({ name, steps }) => [name, steps] as const))('replays %s', async (_, steps) => {
    let codeRequest: Pending<DeviceCodeResult> | undefined;
    let pollRequest: Pending<PollResult> | undefined;
    const machine = deviceAuthMachine.provide({
      actors: {
        requestDeviceCode: fromPromise<DeviceCodeResult>(
          () => new Promise((resolve, reject) => (codeRequest = { resolve, reject, startedAt: Date.now() })),
        ),
        pollToken: fromPromise<PollResult, PollTokenInput>(
          () => new Promise((resolve, reject) => (pollRequest = { resolve, reject, startedAt: Date.now() })),
        ),
      },
    });
    /** The transition definitions the real actor takes, from XState's inspection events. */
    let taken: TransitionKey[] = [];
    const inspect = (inspection: InspectionEvent): void => {
      if (inspection.type === '@xstate.microstep') taken.push(...inspection._transitions.map(keyOf));
    };
    const actor = createActor(machine, { inspect }).start();

    for (const step of steps) {
      const { event } = step;
      const label = `${event.type}${event.atDeadline ? ' (at deadline)' : ''}`;
      taken = [];
      if (event.type === 'xstate.done.actor.requestDeviceCode') {
        const { startedAt } = codeRequest!;
        codeRequest!.resolve({ ...(event.output as DeviceCodeResult), startedAt, receivedAt: Date.now() });
        codeRequest = undefined;
      } else if (event.type === 'xstate.error.actor.requestDeviceCode') {
        codeRequest!.reject(event.error);
        codeRequest = undefined;
      } else if (event.type === 'xstate.done.actor.pollToken') {
        if (event.atDeadline) {
          // While a poll is in flight no timer runs, so moving the clock fires nothing.
          expect(vi.getTimerCount(), 'timers pending during a poll').toBe(0);
          const { expiresAt } = actor.getSnapshot().context;
          expect(expiresAt! - Date.now(), 'the deadline is still ahead').toBeGreaterThan(0);
          await vi.advanceTimersByTimeAsync(expiresAt! - Date.now());
        }
        const { outcome } = event.output as PollResult;
        pollRequest!.resolve({ outcome, startedAt: pollRequest!.startedAt, receivedAt: Date.now() });
        pollRequest = undefined;
      } else if (event.type === 'xstate.error.actor.pollToken') {
        pollRequest!.reject(event.error);
        pollRequest = undefined;
      } else if (event.type.startsWith('xstate.after.')) {
        await vi.advanceTimersToNextTimerAsync();
      } else if (event.type === 'resume') {
        actor.send({ type: 'resume', now: Date.now() });
      } else if (event.type === 'pollStarted') {
        actor.send({ type: 'pollStarted', at: Date.now() });
      } else {
        actor.send(event as { type: 'start' | 'cancel' | 'restart' });
      }
      await settle();
      const snapshot = actor.getSnapshot();
      expect(snapshot.value, `state after ${label}`).toEqual(step.state.value);
      expect(serialize(snapshot), `state and deadline after ${label}`).toBe(serialize(step.state));
      expect(taken, `transition taken on ${label}`).toEqual([step.transition]);
    }
    actor.stop();
  });
});

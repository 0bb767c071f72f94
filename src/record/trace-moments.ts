/**
 * Replaying a trace without a page: the root actor's state and context at each moment, by the
 * same rule the viewer's time travel follows. XState handles one event at a time and reports what
 * it caused (snapshots, new actors) before the next event arrives, so the moment "after step N"
 * is everything up to the first event recorded after step N: for an event, the state it led to;
 * for a state change or an HTTP exchange, the state of the flow right then.
 */
import type { RedactedValue } from '../redact/redact.js';
import type { DeviceAuthTrace, TraceSnapshotStep } from './trace.types.js';

/** The root actor at one moment of a trace. */
export interface TraceMoment {
  /** The snapshot step's position. */
  readonly seq: number;
  /** Its time, in milliseconds since the epoch. */
  readonly time: number;
  /** The event that led to it. */
  readonly eventType: string;
  /** `active`, `done`, `error` or `stopped`. */
  readonly status: RedactedValue;
  /** The state value (`'requesting'`, `{ awaitingUser: 'waiting' }`). */
  readonly value: RedactedValue;
  /** Ids of the active state nodes, outermost first, as the diagrams name them. */
  readonly stateIds: readonly string[];
  /** The redacted context. */
  readonly context: RedactedValue;
}

function rootSessionOf(trace: Pick<DeviceAuthTrace, 'steps'>): string | undefined {
  for (const step of trace.steps) if (step.type === '@xstate.actor' && step.parentId === null) return step.sessionId;
  return undefined;
}

function toMoment(step: TraceSnapshotStep): TraceMoment {
  return {
    seq: step.seq,
    time: step.time,
    eventType: step.eventType,
    status: step.snapshot.status,
    value: step.snapshot.value,
    stateIds: step.stateIds ?? [],
    context: step.snapshot.context,
  };
}

/**
 * The root actor's snapshots, in order: every moment the flow's state or context changed.
 *
 * @param trace - A trace, e.g. from `parseTrace` or `recorder.trace()`.
 */
export function traceMoments(trace: Pick<DeviceAuthTrace, 'steps'>): TraceMoment[] {
  const root = rootSessionOf(trace);
  return trace.steps.flatMap((step) => (step.type === '@xstate.snapshot' && step.sessionId === root ? [toMoment(step)] : []));
}

/**
 * The root actor right after step `seq` was handled (see the file header): its last snapshot
 * before the first event recorded after that step. `undefined` when there is none yet (the step
 * comes before the flow's first snapshot).
 *
 * @example
 * ```ts
 * const poll = trace.steps.find((step) => step.type === '@xstate.event' && step.event.type === 'xstate.done.actor.pollToken');
 * momentAfter(trace, poll.seq)?.value; // { awaitingUser: 'waiting' }
 * ```
 *
 * @param trace - A trace.
 * @param seq - The position of any step.
 */
export function momentAfter(trace: Pick<DeviceAuthTrace, 'steps'>, seq: number): TraceMoment | undefined {
  const nextEvent = trace.steps.find((step) => step.type === '@xstate.event' && step.seq > seq)?.seq ?? Infinity;
  const moments = traceMoments(trace).filter((moment) => moment.seq < nextEvent);
  return moments.at(-1);
}

/**
 * Replaying a trace without a page: the root actor's state and context at each moment, by the
 * same rule the viewer's time travel follows. The moment after a step is:
 *
 * - for an event sent to the root actor: the snapshot that event led to. The root handles its
 *   events one at a time, in the order they were sent, and reports a snapshot for each, so the
 *   n-th event of a type is answered by the n-th snapshot made by that type (inspection may
 *   report an event before the snapshot of the one handled just before it, so position alone
 *   cannot tell);
 * - for anything else (a state change, an event to a child actor, an HTTP exchange): the root's
 *   last snapshot at or before it, the state of the flow right then.
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
 * The root actor right after step `seq` (see the file header). `undefined` when there is none yet
 * (the step comes before the flow's first snapshot) or no step has that position.
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
  const root = rootSessionOf(trace);
  const step = trace.steps.find((candidate) => candidate.seq === seq);
  if (step === undefined) return undefined;
  const moments = traceMoments(trace);
  if (step.type === '@xstate.event' && step.sessionId === root) {
    const type = step.event.type;
    const ordinal = trace.steps.filter((other) => other.type === '@xstate.event' && other.sessionId === root && other.event.type === type && other.seq < seq).length;
    const answer = moments.filter((moment) => moment.eventType === type)[ordinal];
    if (answer !== undefined && answer.seq > seq) return answer;
  }
  return moments.filter((moment) => moment.seq <= seq).at(-1);
}

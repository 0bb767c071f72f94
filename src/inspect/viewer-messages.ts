/**
 * What the offline viewer streams to the page: XState's inspection events (`@xstate.actor`,
 * `@xstate.event`, `@xstate.snapshot`) turned into plain JSON, each message built whole and then
 * passed through the one `redact()` (with the flow's known and learned secrets) before it is kept
 * or sent. They are the steps of a recorded trace (`src/record/inspection-steps.ts`), so the page
 * that follows a flow live also replays a trace. Other inspection events (`@xstate.microstep`,
 * `@xstate.action`, ...) are not streamed.
 */
import type { InspectionEvent } from 'xstate';
import type { InspectionRedactor } from '../redact/inspection-redactor.js';
import { toInspectionStep } from '../record/inspection-steps.js';
import type { TraceActorStep, TraceEventStep, TraceHttpStep, TraceSnapshotStep } from '../record/trace.types.js';

export { activeStateIds } from '../record/inspection-steps.js';

/** An actor was created (`@xstate.actor`). */
export type ViewerActorMessage = TraceActorStep;

/** An event was sent to an actor (`@xstate.event`). */
export type ViewerEventMessage = TraceEventStep;

/** An actor has a new snapshot (`@xstate.snapshot`), with the ids of its active states. */
export type ViewerSnapshotMessage = TraceSnapshotStep;

/** One HTTP exchange, summarized and redacted (in replays of recorded traces). */
export type ViewerHttpMessage = TraceHttpStep;

/**
 * The flow ended (`end()` or `close()` on the server); sent once, last. The server may go on
 * serving the final state to pages opened later until it is closed.
 */
export interface ViewerEndMessage {
  readonly type: 'end';
  /** Position in the stream, from 1; the page uses it to drop messages it already has. */
  readonly seq: number;
  /** When the server saw it, in milliseconds since the epoch. */
  readonly time: number;
}

/** One message of the viewer's live stream. */
export type ViewerMessage = ViewerActorMessage | ViewerEventMessage | ViewerSnapshotMessage | ViewerEndMessage;

/**
 * The viewer message for one XState inspection event, redacted as a whole, or `undefined` for
 * kinds the viewer does not stream. The redactor first learns the secrets the event carries.
 *
 * @param event - As XState hands it to an `inspect` observer.
 * @param redactor - The flow's redactor.
 * @param stamp - The message's stream position and time.
 */
export function toViewerMessage(
  event: InspectionEvent,
  redactor: InspectionRedactor,
  stamp: { seq: number; time: number },
): ViewerMessage | undefined {
  return toInspectionStep(event, redactor, stamp);
}

/**
 * What the offline viewer streams to the page: XState's inspection events (`@xstate.actor`,
 * `@xstate.event`, `@xstate.snapshot`) turned into plain JSON, each message built whole and then
 * passed through the one `redact()` (with the flow's known and learned secrets) before it is kept
 * or sent. Other inspection events (`@xstate.microstep`, `@xstate.action`, ...) are not streamed.
 */
import type { AnyStateMachine, AnyStateNode, InspectionEvent, StateValue } from 'xstate';
import type { InspectionRedactor } from '../redact/inspection-redactor.js';
import type { RedactedValue } from '../redact/redact.js';
import { isMachineLike, isMachineSnapshotLike } from '../redact/redact-xstate.js';

/** Fields every viewer message has. */
interface ViewerMessageBase {
  /** Position in the stream, from 1; the page uses it to drop messages it already has. */
  readonly seq: number;
  /** When the server saw it, in milliseconds since the epoch. */
  readonly time: number;
}

/** An actor was created (`@xstate.actor`). */
export interface ViewerActorMessage extends ViewerMessageBase {
  readonly type: '@xstate.actor';
  /** The actor's session id (unique in the system). */
  readonly sessionId: string;
  /** The actor's id: the invoke id for invoked actors (`pollToken`), the session id for a root. */
  readonly actorId: string;
  /** Session id of the parent, or `null` for a root actor. */
  readonly parentId: string | null;
  /** Session id of the root of its system. */
  readonly rootId: string;
  /** The machine's id when the actor runs a state machine, else `null`. */
  readonly machineId: string | null;
}

/** An event was sent to an actor (`@xstate.event`). */
export interface ViewerEventMessage extends ViewerMessageBase {
  readonly type: '@xstate.event';
  /** Session id of the receiving actor. */
  readonly sessionId: string;
  /** Session id of the sender, or `null` when sent from outside the system. */
  readonly sourceId: string | null;
  readonly rootId: string;
  /** The event, redacted. */
  readonly event: { readonly type: string; readonly [key: string]: RedactedValue };
}

/** An actor has a new snapshot (`@xstate.snapshot`). */
export interface ViewerSnapshotMessage extends ViewerMessageBase {
  readonly type: '@xstate.snapshot';
  readonly sessionId: string;
  readonly rootId: string;
  /** The type of the event that led to this snapshot. */
  readonly eventType: string;
  /**
   * The snapshot, redacted. Machines: `{ status, value, context, tags, children, output?, error? }`;
   * other actors: their own fields (a promise actor's `{ status, input, output, error }`).
   */
  readonly snapshot: { readonly status?: RedactedValue; readonly [key: string]: RedactedValue };
  /**
   * For machine snapshots: ids of the active state nodes, outermost first
   * (`deviceAuth.awaitingUser`, `deviceAuth.awaitingUser.waiting`), as the diagrams name them.
   */
  readonly stateIds: readonly string[] | null;
}

/**
 * The flow ended (`end()` or `close()` on the server); sent once, last. The server may go on
 * serving the final state to pages opened later until it is closed.
 */
export interface ViewerEndMessage extends ViewerMessageBase {
  readonly type: 'end';
}

/** One message of the viewer's stream. */
export type ViewerMessage = ViewerActorMessage | ViewerEventMessage | ViewerSnapshotMessage | ViewerEndMessage;

type Bag = Record<string, unknown>;

/**
 * Ids of the active state nodes for `value`, outermost first, read from the machine's own state
 * nodes (so custom state ids are honoured). The root is not included.
 *
 * @param machine - The machine the snapshot belongs to.
 * @param value - The snapshot's state value.
 */
export function activeStateIds(machine: AnyStateMachine, value: StateValue): string[] {
  const ids: string[] = [];
  const visit = (node: AnyStateNode, current: StateValue | undefined): void => {
    if (current === undefined) return;
    if (typeof current === 'string') {
      const child = node.states[current];
      if (child) ids.push(child.id);
      return;
    }
    for (const [key, inner] of Object.entries(current)) {
      const child = node.states[key];
      if (!child) continue;
      ids.push(child.id);
      visit(child, inner);
    }
  };
  visit(machine.root, value);
  return ids;
}

function sessionIdOf(ref: unknown): string | null {
  const id = (ref as Bag | undefined)?.sessionId;
  return typeof id === 'string' ? id : null;
}

/**
 * Turns one XState inspection event into a viewer message, without redaction, or `undefined` for
 * the kinds the viewer does not stream. Actor internals (`actorRef`, `sourceRef`) are reduced to
 * ids here; everything else is left for the redactor.
 */
function unstamped(event: InspectionEvent): Bag | undefined {
  const actor = event.actorRef as unknown as Bag;
  const sessionId = sessionIdOf(actor) ?? '';
  switch (event.type) {
    case '@xstate.actor': {
      const logic = actor.logic;
      return {
        type: '@xstate.actor',
        sessionId,
        actorId: typeof actor.id === 'string' ? actor.id : sessionId,
        parentId: sessionIdOf(actor._parent),
        rootId: event.rootId,
        machineId: isMachineLike(logic) && typeof logic.id === 'string' ? logic.id : null,
      };
    }
    case '@xstate.event':
      return { type: '@xstate.event', sessionId, sourceId: sessionIdOf(event.sourceRef), rootId: event.rootId, event: event.event };
    case '@xstate.snapshot': {
      const snapshot: unknown = event.snapshot;
      const stateIds = isMachineSnapshotLike(snapshot)
        ? activeStateIds(snapshot.machine as unknown as AnyStateMachine, snapshot.value as StateValue)
        : null;
      return { type: '@xstate.snapshot', sessionId, rootId: event.rootId, eventType: event.event.type, snapshot, stateIds };
    }
    default:
      return undefined;
  }
}

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
  redactor.learn(event);
  const message = unstamped(event);
  if (message === undefined) return undefined;
  return redactor.redact({ ...message, ...stamp }) as unknown as ViewerMessage;
}

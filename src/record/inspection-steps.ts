/**
 * XState's inspection events (`@xstate.actor`, `@xstate.event`, `@xstate.snapshot`) turned into
 * plain JSON steps, each built whole and then passed through the one `redact()` (with the flow's
 * known and learned secrets) before anything keeps it. Other inspection events (`@xstate.microstep`,
 * `@xstate.action`, ...) are not kept. The trace recorder and the live viewer share these steps.
 */
import type { AnyActorRef, AnyStateMachine, AnyStateNode, InspectionEvent, StateValue } from 'xstate';
import type { InspectionRedactor } from '../redact/inspection-redactor.js';
import { isActorRefLike, isMachineLike, isMachineSnapshotLike } from '../redact/redact-xstate.js';
import type { TraceActorStep, TraceEventStep, TraceSnapshotStep } from './trace.types.js';

/** A step made from an inspection event. */
export type InspectionStep = TraceActorStep | TraceEventStep | TraceSnapshotStep;

/** A step's position and time. */
export interface StepStamp {
  readonly seq: number;
  readonly time: number;
}

/**
 * The `eventType` of the snapshots a recorder takes of actors that were already running when it
 * was attached (`TraceRecorder.attach`): no event led to them while it listened.
 */
export const ATTACHED_EVENT_TYPE = 'recording.attached';

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

function actorFields(actor: Bag, rootId: string): Bag {
  const sessionId = sessionIdOf(actor) ?? '';
  const logic = actor.logic;
  return {
    type: '@xstate.actor',
    sessionId,
    actorId: typeof actor.id === 'string' ? actor.id : sessionId,
    parentId: sessionIdOf(actor._parent),
    rootId,
    machineId: isMachineLike(logic) && typeof logic.id === 'string' ? logic.id : null,
  };
}

function snapshotFields(actor: Bag, rootId: string, eventType: string, snapshot: unknown): Bag {
  const stateIds = isMachineSnapshotLike(snapshot)
    ? activeStateIds(snapshot.machine as unknown as AnyStateMachine, snapshot.value as StateValue)
    : null;
  return { type: '@xstate.snapshot', sessionId: sessionIdOf(actor) ?? '', rootId, eventType, snapshot, stateIds };
}

/**
 * One XState inspection event as a step, before redaction, or `undefined` for the kinds not kept.
 * Actor internals (`actorRef`, `sourceRef`) are reduced to ids here; everything else is left for
 * the redactor.
 */
function unstamped(event: InspectionEvent): Bag | undefined {
  const actor = event.actorRef as unknown as Bag;
  switch (event.type) {
    case '@xstate.actor':
      return actorFields(actor, event.rootId);
    case '@xstate.event':
      return { type: '@xstate.event', sessionId: sessionIdOf(actor) ?? '', sourceId: sessionIdOf(event.sourceRef), rootId: event.rootId, event: event.event };
    case '@xstate.snapshot':
      return snapshotFields(actor, event.rootId, event.event.type, event.snapshot);
    default:
      return undefined;
  }
}

/**
 * The step for one XState inspection event, redacted as a whole, or `undefined` for kinds that
 * are not kept. The redactor first learns the secrets the event carries.
 *
 * @param event - As XState hands it to an `inspect` observer.
 * @param redactor - The flow's redactor.
 * @param stamp - The step's position and time.
 */
export function toInspectionStep(event: InspectionEvent, redactor: InspectionRedactor, stamp: StepStamp): InspectionStep | undefined {
  redactor.learn(event);
  const step = unstamped(event);
  if (step === undefined) return undefined;
  return redactor.redact({ ...step, ...stamp }) as unknown as InspectionStep;
}

/**
 * Steps that stand for what an actor already running has been through: for it and each of its
 * descendants (found through `snapshot.children`), an `@xstate.actor` step and a snapshot step
 * with {@link ATTACHED_EVENT_TYPE}, parents first. Redacted like {@link toInspectionStep}.
 *
 * @param actor - The actor a recorder is attached to (usually a root).
 * @param redactor - The flow's redactor.
 * @param stamp - Gives each step its position and time, in order.
 */
export function attachedActorSteps(actor: AnyActorRef, redactor: InspectionRedactor, stamp: () => StepStamp): InspectionStep[] {
  const root = actor as unknown as Bag;
  let top = root;
  for (let depth = 0; depth < 16 && isActorRefLike(top._parent); depth += 1) top = top._parent as Bag;
  const rootId = sessionIdOf(top) ?? '';
  const steps: InspectionStep[] = [];
  const seen = new Set<string>();
  const visit = (current: Bag, depth: number): void => {
    const sessionId = sessionIdOf(current);
    if (sessionId === null || seen.has(sessionId) || depth > 16) return;
    seen.add(sessionId);
    let snapshot: unknown;
    try {
      snapshot = (current.getSnapshot as () => unknown)();
    } catch {
      return;
    }
    redactor.learn(snapshot);
    steps.push(redactor.redact({ ...actorFields(current, rootId), ...stamp() }) as unknown as InspectionStep);
    steps.push(redactor.redact({ ...snapshotFields(current, rootId, ATTACHED_EVENT_TYPE, snapshot), ...stamp() }) as unknown as InspectionStep);
    const children = (snapshot as Bag | undefined)?.children;
    if (typeof children !== 'object' || children === null) return;
    for (const child of Object.values(children as Bag)) {
      if (isActorRefLike(child)) visit(child, depth + 1);
    }
  };
  visit(root, 0);
  return steps;
}

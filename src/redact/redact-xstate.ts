/**
 * Recognising XState objects that must not be walked property by property: actor refs (their
 * internals hold the whole system, timers and other actors), machines and state nodes (large,
 * cyclic through `parent` / `machine`) and machine snapshots (which carry `machine` and `_nodes`).
 * Detection is by shape, not `instanceof`, so a second copy of xstate is recognised too.
 */

type Bag = Record<string, unknown>;

function isObject(value: unknown): value is Bag {
  return typeof value === 'object' && value !== null;
}

/** An actor ref: it can be sent events and asked for a snapshot (XState v5 `ActorRef`). */
export function isActorRefLike(value: unknown): value is Bag {
  return isObject(value) && typeof value.send === 'function' && typeof value.getSnapshot === 'function';
}

/** An actor ref as plain data: its `id` and `sessionId`, nothing else. */
export function actorRefSummary(ref: Bag): { id?: string; sessionId?: string } {
  return {
    ...(typeof ref.id === 'string' ? { id: ref.id } : {}),
    ...(typeof ref.sessionId === 'string' ? { sessionId: ref.sessionId } : {}),
  };
}

/** A `StateMachine` (XState marks them with `__xstatenode`). */
export function isMachineLike(value: unknown): value is Bag {
  return isObject(value) && value.__xstatenode === true;
}

/** A `StateNode`: it has an id, a path and belongs to a machine. */
export function isStateNodeLike(value: unknown): value is Bag {
  return isObject(value) && typeof value.id === 'string' && Array.isArray(value.path) && isMachineLike(value.machine);
}

/** A machine snapshot: `status`, `value` and `context`, plus the machine that made it. */
export function isMachineSnapshotLike(value: unknown): value is Bag {
  return isObject(value) && typeof value.status === 'string' && 'context' in value && isMachineLike(value.machine);
}

/**
 * The parts of a machine snapshot worth showing: what `snapshot.toJSON()` keeps, minus the
 * history map (state nodes) and plus the tags as an array. The caller redacts each part.
 */
export function machineSnapshotParts(snapshot: Bag): Bag {
  const tags = snapshot.tags instanceof Set ? [...(snapshot.tags as Set<unknown>)] : snapshot.tags;
  return {
    status: snapshot.status,
    value: snapshot.value,
    context: snapshot.context,
    tags,
    children: snapshot.children,
    ...(snapshot.output === undefined ? {} : { output: snapshot.output }),
    ...(snapshot.error === undefined ? {} : { error: snapshot.error }),
  };
}

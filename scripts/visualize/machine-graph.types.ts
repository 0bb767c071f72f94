/**
 * The drawing-neutral model of a statechart that every diagram format is written from. It is read
 * from the machine's own definition (`machine.root`) by {@link machineGraph}, so a diagram can
 * never show a state or transition the machine does not have.
 */

/**
 * How a state is drawn:
 * - `active`: the flow is moving (a request in flight, a timer armed, waiting for the person);
 * - `resting`: the flow has stopped without finishing and waits for a `restart`-like event
 *   (tagged `resting` in the machine);
 * - `final`: `type: 'final'`; the actor is done.
 */
export type StateKind = 'active' | 'resting' | 'final';

/** An actor invoked while a state is active. */
export interface InvokeInfo {
  /** The invoke id (XState's generated `0.<stateId>` when the machine gives none). */
  readonly id: string;
  /** The name of the actor logic (`setup({ actors })` key), or `inline` for inline logic. */
  readonly src: string;
}

/** One state node of the machine. */
export interface StateInfo {
  /** XState's unique state node id, e.g. `deviceAuth.awaitingUser.waiting`. */
  readonly id: string;
  /** The node's key in its parent, e.g. `waiting`. */
  readonly key: string;
  /** Keys from the root to this node (empty for the root). */
  readonly path: readonly string[];
  /** XState's node type. */
  readonly type: 'atomic' | 'compound' | 'parallel' | 'final' | 'history';
  /** How the node is drawn; see {@link StateKind}. */
  readonly kind: StateKind;
  /** The node's `description`, if any. */
  readonly description: string | undefined;
  /** The node's `tags`, in config order. */
  readonly tags: readonly string[];
  /** The node's `meta`, if any. */
  readonly meta: Readonly<Record<string, unknown>> | undefined;
  /** Actors invoked by this node, in config order. */
  readonly invokes: readonly InvokeInfo[];
  /** The id of the initial child, for compound nodes. */
  readonly initial: string | undefined;
  /** Child nodes in config (document) order. */
  readonly children: readonly StateInfo[];
}

/**
 * What makes a transition fire:
 * - `event`: a named event sent to the actor (`start`, `cancel`);
 * - `after`: a delayed transition (`after pollDelay`);
 * - `always`: an eventless transition, taken as soon as its guard holds;
 * - `done` / `error` / `snapshot`: an invoked actor finished, failed or emitted a snapshot;
 * - `stateDone`: a compound state reached one of its final children (`onDone` of a state).
 */
export type TriggerKind = 'event' | 'after' | 'always' | 'done' | 'error' | 'snapshot' | 'stateDone';

/** One transition of the machine. */
export interface EdgeInfo {
  /** Id of the state node that declares the transition. */
  readonly source: string;
  /** Ids of the target state nodes; empty for a targetless transition (actions only). */
  readonly targets: readonly string[];
  /** What fires the transition; see {@link TriggerKind}. */
  readonly kind: TriggerKind;
  /** The trigger as a person reads it: `start`, `after pollDelay`, `always`, `done: pollToken`. */
  readonly trigger: string;
  /** The raw XState event descriptor, e.g. `xstate.after.pollDelay.deviceAuth.awaitingUser.waiting`. */
  readonly eventType: string;
  /** The guard as a person reads it (`isExpired`, `!hasTries`), if any. */
  readonly guard: string | undefined;
  /**
   * The order XState tries this guarded transition in (1-based) among the guarded transitions
   * its state declares for the same trigger, when there are two or more of them: the first whose
   * guard holds is taken. `undefined` for an unguarded transition or a trigger's only guard.
   */
  readonly guardOrder: number | undefined;
  /**
   * True for an unguarded transition that follows a guarded one for the same trigger on the same
   * state: the fallback, taken only when no earlier guard holds. Drawn as `[else]`.
   */
  readonly isElse: boolean;
  /** The transition's `description`, if any. */
  readonly description: string | undefined;
  /** True when the transition re-enters its source (`reenter: true`). */
  readonly reenter: boolean;
}

/** A whole machine, ready to be drawn. */
export interface MachineGraph {
  /** The machine id (used for file names). */
  readonly id: string;
  /** The machine's `description`, if any. */
  readonly description: string | undefined;
  /** The root node; its `children` are the top-level states. */
  readonly root: StateInfo;
  /** Every node except the root, in document order (parents before children). */
  readonly states: readonly StateInfo[];
  /** Every transition, in document order of their source, then config order. */
  readonly edges: readonly EdgeInfo[];
}

/**
 * Reads a machine's own definition into a {@link MachineGraph}. Everything comes from the
 * state nodes XState built from the config (`machine.root`, `StateNode.transitions`, `.always`,
 * `.invoke`, `.initial`), so delayed transitions keep their delay name, guards keep their names,
 * and invoked actors keep their `src`.
 */
import type { AnyStateMachine, AnyStateNode, AnyTransitionDefinition } from 'xstate';
import { guardName } from './guard-name.js';
import type { EdgeInfo, InvokeInfo, MachineGraph, StateInfo, StateKind, TriggerKind } from './machine-graph.types.js';

/** The tag a machine puts on states where the flow stopped and waits for the person. */
export const RESTING_TAG = 'resting';

/** Events that only ever start a flow over: a state left only by these is resting (see {@link machineGraph}). */
const RESTART_EVENT = /^(restart|reset|retry)$/i;

const INLINE_SRC_PREFIX = 'xstate.invoke.';

function invokesOf(node: AnyStateNode): InvokeInfo[] {
  return node.invoke.map((definition) => ({
    id: definition.id,
    src: typeof definition.src === 'string' && !definition.src.startsWith(INLINE_SRC_PREFIX) ? definition.src : 'inline',
  }));
}

/** `pollDelay` stays a name; a number of milliseconds reads as `30s` or `250ms`. */
export function delayName(delay: unknown): string {
  if (typeof delay === 'number') return delay % 1000 === 0 ? `${delay / 1000}s` : `${delay}ms`;
  if (typeof delay === 'string') return delay;
  return 'delay';
}

interface Trigger {
  readonly kind: TriggerKind;
  readonly trigger: string;
}

function triggerOf(node: AnyStateNode, transition: AnyTransitionDefinition, invokes: readonly InvokeInfo[]): Trigger {
  const eventType: string = transition.eventType;
  if ('delay' in transition) return { kind: 'after', trigger: `after ${delayName(transition.delay)}` };
  for (const [prefix, kind] of [
    ['xstate.done.actor.', 'done'],
    ['xstate.error.actor.', 'error'],
    ['xstate.snapshot.', 'snapshot'],
  ] as const) {
    if (eventType.startsWith(prefix)) {
      const invokeId = eventType.slice(prefix.length);
      const src = invokes.find((invoke) => invoke.id === invokeId)?.src ?? invokeId;
      return { kind, trigger: `${kind}: ${src}` };
    }
  }
  if (eventType === `xstate.done.state.${node.id}`) return { kind: 'stateDone', trigger: 'done' };
  return { kind: 'event', trigger: eventType };
}

/** Where a transition stands among its state's branches for one trigger; see {@link EdgeInfo}. */
interface Branch {
  readonly guardOrder: number | undefined;
  readonly isElse: boolean;
}

function edgeOf(node: AnyStateNode, transition: AnyTransitionDefinition, trigger: Trigger, branch: Branch): EdgeInfo {
  const description: unknown = transition.description;
  return {
    source: node.id,
    targets: (transition.target ?? []).map((target) => target.id),
    kind: trigger.kind,
    trigger: trigger.trigger,
    eventType: trigger.kind === 'always' ? '' : transition.eventType,
    guard: transition.guard === undefined ? undefined : guardName(transition.guard),
    guardOrder: branch.guardOrder,
    isElse: branch.isElse,
    description: typeof description === 'string' && description !== '' ? description : undefined,
    reenter: transition.reenter,
  };
}

/**
 * A targetless transition with no actions and no guard does nothing (XState calls it inert):
 * nothing to draw. A guarded one is drawn: while its guard holds, the event is ignored, and the
 * branches after it are not tried.
 */
function isInert(transition: AnyTransitionDefinition): boolean {
  return transition.target === undefined && transition.actions.length === 0 && !transition.reenter && transition.guard === undefined;
}

/**
 * The branches one state declares for one trigger, in the order XState tries them: guarded ones
 * are numbered when there are two or more (their order decides which wins when several guards
 * hold), and an unguarded one after a guarded one is the fallback.
 */
function branchesOf(transitions: readonly AnyTransitionDefinition[]): Branch[] {
  const guarded = transitions.filter((transition) => transition.guard !== undefined).length;
  let guardsSeen = 0;
  return transitions.map((transition) => {
    if (transition.guard === undefined) return { guardOrder: undefined, isElse: guardsSeen > 0 };
    guardsSeen += 1;
    return { guardOrder: guarded >= 2 ? guardsSeen : undefined, isElse: false };
  });
}

function edgesOf(node: AnyStateNode): EdgeInfo[] {
  const invokes = invokesOf(node);
  const edges: EdgeInfo[] = [];
  const add = (transitions: readonly AnyTransitionDefinition[], trigger: (transition: AnyTransitionDefinition) => Trigger): void => {
    const branches = branchesOf(transitions);
    transitions.forEach((transition, position) => {
      const branch = branches[position];
      if (branch !== undefined && !isInert(transition)) edges.push(edgeOf(node, transition, trigger(transition), branch));
    });
  };
  for (const transitions of node.transitions.values()) add(transitions, (transition) => triggerOf(node, transition, invokes));
  add(node.always ?? [], () => ({ kind: 'always', trigger: 'always' }));
  return edges;
}

/**
 * A non-final state with outgoing transitions, no timers, no invoked actors and no eventless
 * transitions, whose every way out is a restart-like event (`restart`, `reset`, `retry`).
 */
function looksResting(node: AnyStateNode, edges: readonly EdgeInfo[]): boolean {
  const own = edges.filter((edge) => edge.source === node.id);
  return (
    node.type !== 'final' &&
    node.invoke.length === 0 &&
    own.length > 0 &&
    own.every((edge) => edge.kind === 'event' && RESTART_EVENT.test(edge.trigger))
  );
}

function metaOf(node: AnyStateNode): Readonly<Record<string, unknown>> | undefined {
  const meta: unknown = node.meta;
  return typeof meta === 'object' && meta !== null ? (meta as Record<string, unknown>) : undefined;
}

/**
 * Walks a machine's definition into a {@link MachineGraph}: states in document order, each with
 * its kind, description, tags, meta and invoked actors; transitions with their trigger
 * (`start`, `after pollDelay`, `always`, `done: pollToken`, `error: pollToken`), guard name,
 * targets and description.
 *
 * A state is `final` when its type is `final`. It is `resting` when it carries the
 * {@link RESTING_TAG} tag; a machine that tags no state at all gets a fallback: a state whose
 * only ways out are `restart` / `reset` / `retry` events is drawn as resting.
 *
 * @param machine - Any XState v5 machine (implementations are not needed: nothing is run).
 */
export function machineGraph(machine: AnyStateMachine): MachineGraph {
  const nodes: AnyStateNode[] = [];
  const collect = (node: AnyStateNode): void => {
    nodes.push(node);
    for (const child of Object.values(node.states) as AnyStateNode[]) collect(child);
  };
  collect(machine.root);

  const edges = nodes.flatMap(edgesOf);
  const machineUsesTags = nodes.some((node) => node.tags.includes(RESTING_TAG));

  const kindOf = (node: AnyStateNode): StateKind => {
    if (node.type === 'final') return 'final';
    const resting = machineUsesTags ? node.tags.includes(RESTING_TAG) : looksResting(node, edges);
    return resting ? 'resting' : 'active';
  };

  const toInfo = (node: AnyStateNode): StateInfo => {
    const description: unknown = node.description;
    const children = Object.values(node.states) as AnyStateNode[];
    return {
      id: node.id,
      key: node.key,
      path: [...node.path],
      type: node.type,
      kind: kindOf(node),
      description: typeof description === 'string' && description !== '' ? description : undefined,
      tags: [...node.tags],
      meta: metaOf(node),
      invokes: invokesOf(node),
      initial: node.type === 'compound' ? node.initial.target[0]?.id : undefined,
      children: children.map(toInfo),
    };
  };

  const root = toInfo(machine.root);
  const states: StateInfo[] = [];
  const flatten = (info: StateInfo): void => {
    for (const child of info.children) {
      states.push(child);
      flatten(child);
    }
  };
  flatten(root);

  const description: unknown = machine.root.description;
  return {
    id: machine.id,
    description: typeof description === 'string' && description !== '' ? description : undefined,
    root,
    states,
    edges,
  };
}

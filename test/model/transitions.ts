/**
 * Transition bookkeeping for model-based tests: lists every transition *definition* of a machine
 * (read from the machine itself, never counted by hand) and tells which definition a snapshot
 * takes for an event, the way XState selects it: deepest active state node first, then its
 * ancestors; within a node, the first candidate whose guard passes.
 */
import type { AnyStateMachine, AnyStateNode, AnyTransitionDefinition, EventObject, StateValue } from 'xstate';

/** `${sourceNodeId}|${eventType}|${indexAmongTheNodesCandidatesForThatEvent}` */
export type TransitionKey = string;

/** Every state node of the machine, root first (depth-first). */
export function allStateNodes(machine: AnyStateMachine): AnyStateNode[] {
  const nodes: AnyStateNode[] = [];
  const walk = (node: AnyStateNode): void => {
    nodes.push(node);
    for (const child of Object.values(node.states) as AnyStateNode[]) walk(child);
  };
  walk(machine.root);
  return nodes;
}

/** The key of every transition definition of the machine. */
export function allTransitionKeys(machine: AnyStateMachine): TransitionKey[] {
  return allStateNodes(machine).flatMap((node) =>
    [...node.transitions].flatMap(([eventType, candidates]) =>
      candidates.map((_, index) => `${node.id}|${eventType}|${index}`),
    ),
  );
}

/** The key of one transition definition (works for any machine made from the same config, e.g. after `provide`). */
export function keyOf(transition: AnyTransitionDefinition): TransitionKey {
  const candidates = transition.source.transitions.get(transition.eventType) ?? [];
  const index = candidates.indexOf(transition);
  if (index < 0) throw new Error(`transition not found on its source ${transition.source.id}`);
  return `${transition.source.id}|${transition.eventType}|${index}`;
}

/** The guard's name, for labels; undefined for an unguarded transition. */
export function guardName(transition: AnyTransitionDefinition): string | undefined {
  const { guard } = transition;
  if (guard === undefined) return undefined;
  if (typeof guard === 'string') return guard;
  if (typeof guard === 'function') return guard.name || 'inline guard';
  return guard.type;
}

/**
 * The active state nodes of a (non-parallel) snapshot value, deepest first, then ancestors:
 * `{ awaitingUser: 'waiting' }` gives `deviceAuth.awaitingUser.waiting`, `deviceAuth.awaitingUser`, `deviceAuth`.
 */
export function activeNodes(machine: AnyStateMachine, value: StateValue): AnyStateNode[] {
  const chain: AnyStateNode[] = [machine.root];
  let current: StateValue | undefined = value;
  while (current !== undefined) {
    let key: string;
    if (typeof current === 'string') {
      key = current;
      current = undefined;
    } else {
      const entries: [string, StateValue | undefined][] = Object.entries(current);
      if (entries.length !== 1) throw new Error(`parallel state values are not supported: ${JSON.stringify(value)}`);
      [key, current] = entries[0]!;
    }
    const parent = chain[chain.length - 1]!;
    const child = (parent.states as Record<string, AnyStateNode>)[key];
    if (!child) throw new Error(`no state "${key}" under ${parent.id}`);
    chain.push(child);
  }
  return chain.reverse();
}

function guardPasses(
  machine: AnyStateMachine,
  transition: AnyTransitionDefinition,
  context: unknown,
  event: EventObject,
): boolean {
  const { guard } = transition;
  if (guard === undefined) return true;
  type Predicate = (args: { context: unknown; event: EventObject }, params: unknown) => boolean;
  if (typeof guard === 'function') return (guard as unknown as Predicate)({ context, event }, undefined);
  const type = typeof guard === 'string' ? guard : guard.type;
  // Parameterized guards may map their params from the context and the event, as XState does.
  const declared: unknown = typeof guard === 'string' ? undefined : guard.params;
  const params = typeof declared === 'function' ? (declared as (args: { context: unknown; event: EventObject }) => unknown)({ context, event }) : declared;
  const implementation = (machine.implementations.guards as Record<string, unknown>)[type];
  if (typeof implementation !== 'function') throw new Error(`guard "${type}" is not a predicate in the implementations`);
  return (implementation as Predicate)({ context, event }, params);
}

/**
 * The transition definition a snapshot takes for an event, or undefined when the event is not
 * handled there (no candidate, or every candidate's guard fails).
 */
export function selectTransition(
  machine: AnyStateMachine,
  snapshot: { value: StateValue; context: unknown },
  event: EventObject,
): AnyTransitionDefinition | undefined {
  for (const node of activeNodes(machine, snapshot.value)) {
    const candidates = node.transitions.get(event.type);
    const taken = candidates?.find((candidate) => guardPasses(machine, candidate, snapshot.context, event));
    if (taken) return taken;
  }
  return undefined;
}

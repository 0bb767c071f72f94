/**
 * How a transition's guard reads in a diagram, the same in every format: a state tries the
 * branches it declares for one trigger in order and takes the first whose guard holds, so a
 * diagram must say which branch is the fallback and, where several guards could hold at once,
 * which is tried first.
 *
 * The branch part is set apart from the trigger by {@link BRANCH_SEPARATOR} and its number carries
 * a `#`, so it can never be read as part of the actor's or the delay's name: `done: pollToken · #2
 * [isPending]`, not `done: pollToken 2. [isPending]` (which, drawn tight, reads `pollToken2`).
 */
import type { EdgeInfo } from './machine-graph.types.js';

/** The label of a fallback branch: an unguarded transition after guarded ones for the same trigger. */
export const ELSE_LABEL = '[else]';

/** What stands between a trigger and its branch label: a spaced middle dot. */
export const BRANCH_SEPARATOR = ' · ';

/**
 * The guard part of a transition label: `[isExpired]` for a trigger's only guard, `#2 [isPending]`
 * when the state has two or more guarded branches for the trigger (the number is the order they
 * are tried in), {@link ELSE_LABEL} for the fallback, `undefined` for an unconditional transition.
 *
 * @param edge - A transition from `machineGraph`.
 */
export function branchLabel(edge: Pick<EdgeInfo, 'guard' | 'guardOrder' | 'isElse'>): string | undefined {
  if (edge.guard !== undefined) return `${edge.guardOrder === undefined ? '' : `#${edge.guardOrder} `}[${edge.guard}]`;
  return edge.isElse ? ELSE_LABEL : undefined;
}

/**
 * The first line of a transition label: the trigger, then {@link BRANCH_SEPARATOR} and its
 * {@link branchLabel} if any (`done: pollToken · #2 [isPending]`, `after pollDelay · [else]`).
 *
 * @param edge - A transition from `machineGraph`.
 */
export function transitionHead(edge: Pick<EdgeInfo, 'trigger' | 'guard' | 'guardOrder' | 'isElse'>): string {
  const branch = branchLabel(edge);
  return branch === undefined ? edge.trigger : `${edge.trigger}${BRANCH_SEPARATOR}${branch}`;
}

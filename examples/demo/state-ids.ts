/**
 * The ids of the states an XState snapshot is in, as the committed diagrams name their nodes
 * (`deviceAuth.awaitingUser.polling`): every active state from the outermost in, parents before
 * their children, regions of a parallel state side by side.
 */

/** A state value as XState reports it: a leaf's name, or each active child's value by name. */
export type StateValue = string | { readonly [key: string]: StateValue | undefined };

/**
 * The active states of `value`, each as `<machineId>.<path>`.
 *
 * ```ts
 * activeStateIds('deviceAuth', { awaitingUser: 'polling' });
 * // ['deviceAuth.awaitingUser', 'deviceAuth.awaitingUser.polling']
 * ```
 */
export function activeStateIds(machineId: string, value: StateValue): string[] {
  if (typeof value === 'string') return [`${machineId}.${value}`];
  const ids: string[] = [];
  for (const [key, child] of Object.entries(value)) {
    const id = `${machineId}.${key}`;
    ids.push(id);
    if (child !== undefined) ids.push(...activeStateIds(id, child));
  }
  return ids;
}

/**
 * Lookups over a {@link MachineGraph} that both diagram writers need: a state by id, its parent,
 * and the compound state an edge belongs to.
 */
import type { EdgeInfo, MachineGraph, StateInfo } from './machine-graph.types.js';

/** Fast lookups over one machine graph. */
export interface GraphIndex {
  /** The state with this id (the root included). */
  state(id: string): StateInfo;
  /** True when the machine has a state with this id. */
  has(id: string): boolean;
  /** The id of the parent of `id`, or `undefined` for the root. */
  parentOf(id: string): string | undefined;
  /**
   * The innermost state that strictly contains the edge's source and every target: the block an
   * edge must be written in so that it stays inside one diagram cluster. The root for most edges.
   */
  containerOf(edge: EdgeInfo): string;
}

/** Builds a {@link GraphIndex} for `graph`. */
export function indexGraph(graph: MachineGraph): GraphIndex {
  const byId = new Map<string, StateInfo>();
  const parent = new Map<string, string>();
  const visit = (info: StateInfo): void => {
    byId.set(info.id, info);
    for (const child of info.children) {
      parent.set(child.id, info.id);
      visit(child);
    }
  };
  visit(graph.root);

  const ancestors = (id: string): string[] => {
    const chain: string[] = [];
    for (let current = parent.get(id); current !== undefined; current = parent.get(current)) chain.push(current);
    return chain;
  };

  return {
    state(id) {
      const info = byId.get(id);
      if (info === undefined) throw new Error(`machine graph: no state with id "${id}"`);
      return info;
    },
    has: (id) => byId.has(id),
    parentOf: (id) => parent.get(id),
    containerOf(edge) {
      const targets = edge.targets.length === 0 ? [edge.source] : edge.targets;
      const targetAncestors = targets.map((target) => new Set(ancestors(target)));
      for (const candidate of ancestors(edge.source)) {
        if (targetAncestors.every((set) => set.has(candidate))) return candidate;
      }
      return graph.root.id;
    },
  };
}

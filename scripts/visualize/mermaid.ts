/**
 * Writes a machine as a Mermaid `stateDiagram-v2`, the format code hosts render inline in
 * Markdown. Compound states become composite blocks; an edge is written in a block that holds both
 * its ends (Mermaid cannot draw an edge written inside a block to a state outside it), the
 * branches of one trigger together. Resting and final states get their own `classDef`.
 */
import type { AnyStateMachine } from 'xstate';
import { transitionHead } from './branch-label.js';
import { indexGraph, type GraphIndex } from './graph-index.js';
import { machineGraph } from './machine-graph.js';
import type { EdgeInfo, MachineGraph, StateInfo } from './machine-graph.types.js';
import { wrapText } from './wrap-text.js';

/** Words Mermaid's state grammar reserves; a state with such a key gets another id. */
const RESERVED = new Set(['state', 'note', 'class', 'classdef', 'style', 'default', 'direction', 'end', 'hide_empty_description', 'scale']);

/** Wrap width, in characters, of descriptions in Mermaid labels. */
const WRAP = 32;

/** The style classes, one per {@link StateKind} that differs from the default (active) look. */
const CLASS_DEFS = [
  'classDef resting fill:#fdf0e6,stroke:#b45309,stroke-width:2px,stroke-dasharray:5 3,color:#7c2d12',
  'classDef final fill:#e6f4ea,stroke:#2f855a,stroke-width:3px,color:#1c4532',
];

/** The style of the "any state" pseudo-state, written only when the machine has root-level transitions. */
const ANY_STATE_CLASS_DEF = 'classDef anyState fill:#ffffff,stroke:#718096,stroke-dasharray:3 3,color:#4a5568';

/** The label of the pseudo-state that root-level transitions start from: they apply in every state. */
export const ANY_STATE_LABEL = 'any state';

/**
 * Makes text safe for a Mermaid label. Mermaid's state grammar reads a label as `:` followed by
 * characters other than `;` and newlines, where a `:` may not be doubled or come last. So `;`
 * becomes `,` (Mermaid's `#59;` entity itself contains a `;`), `::` is split, a trailing `:` is
 * dropped, and whitespace runs become one space.
 */
export function escapeMermaidText(text: string): string {
  return text
    .replace(/\s+/g, ' ')
    .replace(/;/g, ',')
    .replace(/:(?=:)/g, ': ')
    .replace(/:\s*$/, '')
    .trim();
}

function idIsUsable(key: string): boolean {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(key) && !RESERVED.has(key.toLowerCase());
}

/** Mermaid state ids are global: a key used once keeps its name; others get their path. */
function mermaidIds(graph: MachineGraph): Map<string, string> {
  // The root gets an id too: root-level transitions are drawn from an "any state" pseudo-state.
  const keyCounts = new Map<string, number>();
  for (const state of graph.states) keyCounts.set(state.key, (keyCounts.get(state.key) ?? 0) + 1);
  const ids = new Map<string, string>();
  const used = new Set<string>();
  for (const state of graph.states) {
    let id = state.key;
    if (keyCounts.get(state.key) !== 1 || !idIsUsable(id)) {
      id = state.path.join('_').replace(/[^A-Za-z0-9_]/g, '_');
      if (!idIsUsable(id)) id = `s_${id}`;
    }
    let unique = id;
    for (let n = 2; used.has(unique); n += 1) unique = `${id}_${n}`;
    used.add(unique);
    ids.set(state.id, unique);
  }
  let anyId = 'any_state';
  for (let n = 2; used.has(anyId); n += 1) anyId = `any_state_${n}`;
  ids.set(graph.root.id, anyId);
  return ids;
}

/** `trigger · [guard]` (or `· [else]`, `· #1 [guard]`: see {@link transitionHead}), then the description wrapped with `<br/>`. */
function edgeLabel(edge: EdgeInfo): string {
  return escapeMermaidText([transitionHead(edge), ...wrapText(edge.description ?? '', WRAP)].join('<br/>'));
}

/**
 * The block each edge is written in. An edge must sit in a block holding both its ends
 * ({@link GraphIndex.containerOf}); the branches one state declares for one trigger all go in the
 * outermost block any of them needs, so they stay together, in the order the state tries them
 * (Mermaid draws an edge the same wherever it is written, as long as its ends exist).
 */
function edgesByBlock(graph: MachineGraph, index: GraphIndex): Map<string, EdgeInfo[]> {
  const depth = (id: string): number => {
    let count = 0;
    for (let current = index.parentOf(id); current !== undefined; current = index.parentOf(current)) count += 1;
    return count;
  };
  const branchKey = (edge: EdgeInfo): string => JSON.stringify([edge.source, edge.kind, edge.eventType]);
  const outermost = new Map<string, string>();
  for (const edge of graph.edges) {
    const key = branchKey(edge);
    const container = index.containerOf(edge);
    const current = outermost.get(key);
    if (current === undefined || depth(container) < depth(current)) outermost.set(key, container);
  }
  const byBlock = new Map<string, EdgeInfo[]>();
  for (const edge of graph.edges) {
    const block = outermost.get(branchKey(edge)) ?? graph.root.id;
    byBlock.set(block, [...(byBlock.get(block) ?? []), edge]);
  }
  return byBlock;
}

/**
 * Writes a {@link MachineGraph} as Mermaid `stateDiagram-v2` source.
 *
 * @param graph - The graph from {@link machineGraph}.
 */
export function graphToMermaid(graph: MachineGraph): string {
  const index = indexGraph(graph);
  const ids = mermaidIds(graph);
  const idOf = (stateId: string): string => {
    const id = ids.get(stateId);
    if (id === undefined) throw new Error(`mermaid: no id for state "${stateId}"`);
    return id;
  };

  const edgesByContainer = edgesByBlock(graph, index);

  const lines: string[] = [];
  const writeBlock = (parent: StateInfo, indent: string): void => {
    if (parent.initial !== undefined) lines.push(`${indent}[*] --> ${idOf(parent.initial)}`);
    parent.children.forEach((child, position) => {
      // Mermaid separates the regions of a parallel state with `--`.
      if (parent.type === 'parallel' && position > 0) lines.push(`${indent}--`);
      const id = idOf(child.id);
      const alias = id === child.key ? id : `"${escapeMermaidText(child.key).replace(/"/g, "'")}" as ${id}`;
      if (child.children.length > 0) {
        lines.push(`${indent}state ${alias} {`);
        writeBlock(child, `${indent}  `);
        lines.push(`${indent}}`);
      } else {
        const notes = [
          ...wrapText(child.description ?? '', WRAP),
          ...child.invokes.map((invoke) => `invoke ${invoke.src}`),
        ].map(escapeMermaidText);
        // Mermaid titles a state with its first description line, so the name comes first. A
        // state is always declared in its own block: the first mention places it, and an edge
        // written in an outer block would otherwise place it there.
        if (alias !== id) lines.push(`${indent}state ${alias}`);
        else if (notes.length > 0) lines.push(`${indent}${id} : ${escapeMermaidText(child.key)}`);
        else lines.push(`${indent}${id}`);
        for (const note of notes) lines.push(`${indent}${id} : ${note}`);
      }
    });
    for (const edge of edgesByContainer.get(parent.id) ?? []) {
      const from = idOf(edge.source);
      // Targetless (actions only): a loop. Into the root: the machine restarts in its initial state.
      const targets = edge.targets.length === 0 ? [from] : edge.targets.map((target) => idOf(target === graph.root.id ? (graph.root.initial ?? target) : target));
      for (const to of targets) lines.push(`${indent}${from} --> ${to}: ${edgeLabel(edge)}`);
    }
    for (const child of parent.children) {
      if (child.kind === 'final') lines.push(`${indent}${idOf(child.id)} --> [*]`);
    }
  };

  lines.push('%% Generated by scripts/visualize.ts from the machine definition. Do not edit.');
  lines.push('stateDiagram-v2');
  for (const def of CLASS_DEFS) lines.push(`  ${def}`);
  if (graph.edges.some((edge) => edge.source === graph.root.id)) {
    lines.push(`  ${ANY_STATE_CLASS_DEF}`);
    lines.push(`  state "${ANY_STATE_LABEL}" as ${idOf(graph.root.id)}`);
    lines.push(`  class ${idOf(graph.root.id)} anyState`);
  }
  writeBlock(graph.root, '  ');
  for (const kind of ['resting', 'final'] as const) {
    const members = graph.states.filter((state) => state.kind === kind && state.children.length === 0);
    if (members.length > 0) lines.push(`  class ${members.map((state) => idOf(state.id)).join(',')} ${kind}`);
  }
  return `${lines.join('\n')}\n`;
}

/**
 * The Mermaid `stateDiagram-v2` source of a machine: states (nested in composite blocks),
 * initial and final markers, every transition labelled `event [guard]` plus its description
 * (a fallback branch `event [else]`, guarded branches numbered when their order matters),
 * delayed transitions as `after <delay name>`, eventless ones as `always`, invoked actors'
 * results as `done: <actor>` / `error: <actor>`, and `resting` / `final` style classes.
 *
 * @param machine - Any XState v5 machine.
 */
export function machineToMermaid(machine: AnyStateMachine): string {
  return graphToMermaid(machineGraph(machine));
}

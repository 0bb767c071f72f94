/**
 * Writes a machine as Graphviz DOT. Compound states are clusters holding a small dot, their
 * initial pseudo-state, which edges to and from the compound state attach to (`lhead` / `ltail`
 * clip them at the cluster's border). Resting and final states are styled apart from active ones,
 * and each kind of trigger has its own edge colour, so the picture reads without the legend.
 */
import type { AnyStateMachine } from 'xstate';
import { BRANCH_SEPARATOR, branchLabel } from './branch-label.js';
import { indexGraph } from './graph-index.js';
import { machineGraph } from './machine-graph.js';
import type { EdgeInfo, MachineGraph, StateInfo, StateKind, TriggerKind } from './machine-graph.types.js';
import { wrapText } from './wrap-text.js';

/** The font of every label: Graphviz has built-in Helvetica metrics, so label boxes fit the text. */
export const DOT_FONT = 'Helvetica';

/** Wrap widths, in characters, for state and edge descriptions. */
const STATE_WRAP = 30;
const EDGE_WRAP = 30;

/**
 * Layout: top to bottom like the flow reads; `nodesep` / `ranksep` leave room for edge labels,
 * `splines=true` lets labelled edges route around nodes (`ortho` cannot place edge labels),
 * `newrank` ranks nodes across clusters, and `compound` allows edges to end at a cluster border.
 */
const GRAPH_ATTRIBUTES: Record<string, string> = {
  rankdir: 'TB',
  newrank: 'true',
  compound: 'true',
  splines: 'true',
  nodesep: '0.55',
  ranksep: '0.65',
  pad: '0.3',
  fontname: DOT_FONT,
  fontsize: '16',
  labelloc: 't',
  labeljust: 'l',
  bgcolor: 'white',
};

const NODE_ATTRIBUTES: Record<string, string> = {
  shape: 'box',
  style: 'rounded,filled',
  fontname: DOT_FONT,
  fontsize: '13',
  margin: '0.18,0.08',
  penwidth: '1.4',
};

const EDGE_ATTRIBUTES: Record<string, string> = {
  fontname: DOT_FONT,
  fontsize: '10',
  arrowsize: '0.75',
  penwidth: '1.1',
};

/** Fill, border colour and border style of a state of each kind. */
const STATE_STYLES: Record<StateKind, { fill: string; color: string; style: string; extra: string }> = {
  active: { fill: '#e8f1fb', color: '#2b6cb0', style: 'rounded,filled', extra: '' },
  resting: { fill: '#fdf0e6', color: '#b45309', style: 'rounded,filled,dashed', extra: '' },
  final: { fill: '#e6f4ea', color: '#2f855a', style: 'rounded,filled,bold', extra: ', peripheries=2' },
};

/** Colour and line style of an edge for each trigger kind. */
const EDGE_STYLES: Record<TriggerKind, { color: string; style: string }> = {
  event: { color: '#2d3748', style: 'solid' },
  after: { color: '#2b6cb0', style: 'dashed' },
  always: { color: '#6b46c1', style: 'dotted' },
  done: { color: '#2f855a', style: 'solid' },
  error: { color: '#c53030', style: 'solid' },
  snapshot: { color: '#718096', style: 'solid' },
  stateDone: { color: '#2f855a', style: 'solid' },
};

/** Escapes text for a Graphviz HTML-like label. */
export function escapeDotHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Quotes a DOT identifier. */
export function quoteDotId(id: string): string {
  return `"${id.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

function attributes(entries: Record<string, string>): string {
  return Object.entries(entries)
    .map(([name, value]) => `${name}=${quoteDotId(value)}`)
    .join(', ');
}

function small(lines: readonly string[], color: string): string {
  return lines.length === 0 ? '' : `<br/><font point-size="10" color="${color}">${lines.map(escapeDotHtml).join('<br/>')}</font>`;
}

function stateLabel(state: StateInfo): string {
  const description = [...(state.type === 'parallel' ? ['(parallel regions)'] : []), ...wrapText(state.description ?? '', STATE_WRAP)];
  const invokes = state.invokes.map((invoke) => `invoke ${invoke.src}`);
  return `<<b>${escapeDotHtml(state.key)}</b>${small(description, '#4a5568')}${small(invokes, '#2f855a')}>`;
}

function edgeLabel(edge: EdgeInfo): string {
  const branch = branchLabel(edge);
  const guard = branch === undefined ? '' : escapeDotHtml(`${BRANCH_SEPARATOR}${branch}`);
  const description = wrapText(edge.description ?? '', EDGE_WRAP);
  const rest = description.length === 0 ? '' : `<br/><i>${description.map(escapeDotHtml).join('<br/>')}</i>`;
  return `<<b>${escapeDotHtml(edge.trigger)}</b>${guard}${rest}>`;
}

/** How many states must share one transition before it is drawn once, from a junction. */
const MIN_JUNCTION_SOURCES = 3;

/**
 * Edges with the same key differ only by their source: the same label to the same targets. They
 * are drawn once, from a junction, when enough states share them.
 */
function mergeKey(edge: EdgeInfo): string | undefined {
  if (edge.targets.length === 0 || edge.reenter) return undefined;
  return JSON.stringify([edge.kind, edge.trigger, edge.guard, edge.guardOrder, edge.isElse, edge.description, edge.targets]);
}

/** Groups the edges for drawing, in order of first appearance; unmergeable edges stand alone. */
function mergeGroups(edges: readonly EdgeInfo[]): EdgeInfo[][] {
  const groups: EdgeInfo[][] = [];
  const byKey = new Map<string, EdgeInfo[]>();
  for (const edge of edges) {
    const key = mergeKey(edge);
    const group = key === undefined ? undefined : byKey.get(key);
    if (group !== undefined && !group.some((member) => member.source === edge.source)) {
      group.push(edge);
      continue;
    }
    const fresh = [edge];
    groups.push(fresh);
    if (key !== undefined && group === undefined) byKey.set(key, fresh);
  }
  return groups;
}

function clusterId(state: StateInfo): string {
  return quoteDotId(`cluster_${state.id}`);
}

/**
 * Writes a {@link MachineGraph} as Graphviz DOT source.
 *
 * @param graph - The graph from {@link machineGraph}.
 */
export function graphToDot(graph: MachineGraph): string {
  const index = indexGraph(graph);
  /** Compound states below the root are drawn as clusters (pseudo-nodes are not states). */
  const isCluster = (id: string): boolean => index.has(id) && id !== graph.root.id && index.state(id).children.length > 0;
  const contains = (ancestor: string, id: string): boolean => {
    for (let current = index.parentOf(id); current !== undefined; current = index.parentOf(current)) {
      if (current === ancestor) return true;
    }
    return false;
  };

  const lines: string[] = [];
  const title = graph.description === undefined ? graph.id : `${graph.id}: ${graph.description}`;
  lines.push('// Generated by scripts/visualize.ts from the machine definition. Do not edit.');
  lines.push(`digraph ${quoteDotId(graph.id)} {`);
  lines.push(`  graph [${attributes(GRAPH_ATTRIBUTES)}, label=<<b>${escapeDotHtml(title)}</b>>];`);
  lines.push(`  node [${attributes(NODE_ATTRIBUTES)}];`);
  lines.push(`  edge [${attributes(EDGE_ATTRIBUTES)}];`);

  const initialMarker = (state: StateInfo, indent: string): void => {
    if (state.initial === undefined) {
      // A parallel state has no initial child; edges to and from it still need a node inside it.
      if (state.id !== graph.root.id) lines.push(`${indent}${quoteDotId(state.id)} [shape=point, style=invis, width=0.01, label=""];`);
      return;
    }
    lines.push(`${indent}${quoteDotId(state.id)} [shape=point, width=0.14, style=filled, fillcolor="#1a202c", color="#1a202c", label=""];`);
    lines.push(`${indent}${quoteDotId(state.id)} -> ${quoteDotId(state.initial)} [color="#1a202c"];`);
  };

  const writeStates = (parent: StateInfo, indent: string): void => {
    initialMarker(parent, indent);
    for (const child of parent.children) {
      const style = STATE_STYLES[child.kind];
      if (child.children.length > 0) {
        lines.push(`${indent}subgraph ${clusterId(child)} {`);
        lines.push(
          `${indent}  graph [label=${stateLabel(child)}, style="${style.style}", fillcolor="${child.kind === 'active' ? '#f7fafc' : style.fill}", color="${style.color}", fontsize="13", margin="14"];`,
        );
        writeStates(child, `${indent}  `);
        lines.push(`${indent}}`);
      } else {
        lines.push(
          `${indent}${quoteDotId(child.id)} [label=${stateLabel(child)}, style="${style.style}", fillcolor="${style.fill}", color="${style.color}"${style.extra}];`,
        );
      }
    }
  };
  writeStates(graph.root, '  ');

  // Root-level transitions apply in every state: they start from an "any state" pseudo-state.
  const anyState = `${graph.root.id}:any state`;
  if (graph.edges.some((edge) => edge.source === graph.root.id)) {
    lines.push(
      `  ${quoteDotId(anyState)} [label=<<i>any state</i>>, shape=box, style="rounded,dashed", color="#718096", fontcolor="#4a5568", fontsize="11"];`,
    );
  }
  const endpoint = (id: string): string => (id === graph.root.id ? anyState : id);

  const edgeLine = (source: string, target: string, edge: EdgeInfo, label: boolean, arrow: boolean): string => {
    const style = EDGE_STYLES[edge.kind];
    const extra: string[] = [];
    if (label) extra.push(`label=${edgeLabel(edge)}`, `fontcolor="${style.color}"`);
    extra.push(`color="${style.color}"`);
    if (style.style !== 'solid') extra.push(`style=${style.style}`);
    if (!arrow) extra.push('arrowhead=none');
    if (isCluster(source) && !contains(source, target) && source !== target) {
      extra.push(`ltail=${clusterId(index.state(source))}`);
    }
    if (isCluster(target) && !contains(target, source) && source !== target) {
      extra.push(`lhead=${clusterId(index.state(target))}`);
    }
    return `  ${quoteDotId(source)} -> ${quoteDotId(target)} [${extra.join(', ')}];`;
  };

  let loops = 0;
  let junctions = 0;
  for (const group of mergeGroups(graph.edges)) {
    const [edge] = group;
    if (edge === undefined) continue;
    if (group.length < MIN_JUNCTION_SOURCES) {
      for (const member of group) {
        const source = endpoint(member.source);
        // Targetless: a loop on the source. Into the root: the machine restarts at its initial dot.
        const targets = member.targets.length === 0 ? [source] : member.targets;
        for (const target of targets) {
          if (target === source && isCluster(source)) {
            // A loop on a compound state would sit on its tiny initial dot, labels piled up; go
            // out through the border to a waypoint and back in, with the label on the way back.
            loops += 1;
            const waypoint = `${source}:loop:${loops}`;
            lines.push(`  ${quoteDotId(waypoint)} [shape=point, width=0.04, label="", color="${EDGE_STYLES[member.kind].color}"];`);
            lines.push(edgeLine(source, waypoint, member, false, false));
            lines.push(edgeLine(waypoint, source, member, true, true));
          } else {
            lines.push(edgeLine(source, target, member, true, true));
          }
        }
      }
      continue;
    }
    // The same transition declared by several states: draw it once, from a junction they join.
    // One junction per group: groups with the same trigger and targets differ by guard or
    // description, and must not share a node.
    junctions += 1;
    const junction = `${graph.id}:junction:${junctions}:${edge.trigger}`;
    lines.push(`  ${quoteDotId(junction)} [shape=point, width=0.06, label="", color="${EDGE_STYLES[edge.kind].color}"];`);
    for (const member of group) lines.push(edgeLine(endpoint(member.source), junction, member, false, false));
    for (const target of edge.targets) lines.push(edgeLine(junction, target, edge, true, true));
  }
  lines.push('}');
  return `${lines.join('\n')}\n`;
}

/**
 * The Graphviz DOT source of a machine: compound states as clusters with their initial dot,
 * states labelled with their name, description and invoked actors, resting states dashed amber,
 * final states double-bordered green, and every transition labelled `trigger · [guard]` with its
 * description (a fallback branch `trigger · [else]`, guarded branches numbered `#1`, `#2` when
 * their order matters, delayed ones as `after <delay name>`, eventless ones as `always`).
 *
 * @param machine - Any XState v5 machine.
 */
export function machineToDot(machine: AnyStateMachine): string {
  return graphToDot(machineGraph(machine));
}

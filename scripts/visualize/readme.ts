/**
 * Writes `visualizations/README.md`: each machine's Mermaid diagram inline (code hosts render
 * it), its Graphviz SVG, and a legend of its states and triggers taken from the machine's own
 * `description`s, `tags` and `meta`.
 */
import type { EdgeInfo, MachineGraph, StateInfo, TriggerKind } from './machine-graph.types.js';

/** What one diagram contributes to the README. */
export interface ReadmeSection {
  /** The machine, as read by `machineGraph`. */
  readonly graph: MachineGraph;
  /** Its Mermaid source (`<id>.mmd`). */
  readonly mermaid: string;
}

const TRIGGER_KINDS: Record<TriggerKind, string> = {
  event: 'event sent by the app',
  after: 'timer (named delay)',
  always: 'eventless, checked on entry',
  done: 'invoked actor finished',
  error: 'invoked actor failed',
  snapshot: 'invoked actor snapshot',
  stateDone: 'child state reached its final state',
};

/** Escapes text for a Markdown table cell. */
function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\s+/g, ' ').trim();
}

function code(text: string): string {
  return `\`${text.replace(/`/g, "'")}\``;
}

function statePath(state: StateInfo): string {
  return state.path.join('.');
}

function metaText(meta: Readonly<Record<string, unknown>> | undefined): string[] {
  if (meta === undefined) return [];
  return Object.keys(meta)
    .sort()
    .map((key) => {
      const value = meta[key];
      const shown = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
      return `${key}: ${shown}`;
    });
}

function statesTable(graph: MachineGraph): string[] {
  const initials = new Set<string>();
  for (const state of [graph.root, ...graph.states]) if (state.initial !== undefined) initials.add(state.initial);
  const rows = graph.states.map((state) => {
    const notes = [
      ...(state.description === undefined ? [] : [state.description]),
      ...state.invokes.map((invoke) => `Invokes ${code(invoke.src)}.`),
      ...state.tags.filter((tag) => tag !== 'resting').map((tag) => `Tag ${code(tag)}.`),
      ...metaText(state.meta).map((line) => `Meta ${line}.`),
    ];
    const kind = [state.kind, ...(initials.has(state.id) ? ['initial'] : []), ...(state.children.length > 0 ? ['compound'] : [])];
    return `| ${code(statePath(state))} | ${kind.join(', ')} | ${cell(notes.join(' '))} |`;
  });
  return ['| State | Kind | Description |', '| --- | --- | --- |', ...rows];
}

function triggersTable(graph: MachineGraph): string[] {
  const byTrigger = new Map<string, { kind: TriggerKind; sources: Set<string>; guards: Set<string> }>();
  const byId = new Map(graph.states.map((state) => [state.id, state] as const));
  const sourceName = (edge: EdgeInfo): string => {
    const state = byId.get(edge.source);
    return state === undefined ? '(any state)' : statePath(state);
  };
  for (const edge of graph.edges) {
    const entry = byTrigger.get(edge.trigger) ?? { kind: edge.kind, sources: new Set<string>(), guards: new Set<string>() };
    entry.sources.add(sourceName(edge));
    if (edge.guard !== undefined) entry.guards.add(edge.guard);
    byTrigger.set(edge.trigger, entry);
  }
  const rows = [...byTrigger].map(([trigger, entry]) => {
    const guards = [...entry.guards].map(code).join(', ');
    return `| ${code(trigger)} | ${TRIGGER_KINDS[entry.kind]} | ${cell([...entry.sources].map(code).join(', '))} | ${cell(guards)} |`;
  });
  return ['| Trigger | Kind | Handled in | Guards |', '| --- | --- | --- | --- |', ...rows];
}

const HOW_TO_READ = [
  '## How to read the diagrams',
  '',
  '- **States**: a blue rounded box is an *active* state (a request in flight, a timer armed, the person',
  '  entering the code); an amber dashed box is a *resting* state (tagged `resting`: the flow stopped',
  '  without a token and waits for `restart`); a green double-bordered box is a *final* state. A large',
  '  frame is a compound state; its black dot marks the child it starts in. A parallel state\'s',
  '  regions are frames side by side, all active at once. Transitions the machine handles in every',
  '  state start from a dashed *any state* box.',
  '- **Transitions** are labelled `trigger · [guard]`, then the transition\'s description in italics.',
  '  A state tries its branches for one trigger in the order its machine lists them and takes the',
  '  first whose guard holds: where it has several guarded branches they are numbered in that order',
  '  (`done: pollToken · #1 [isAuthorized]`, `· #2 [isPending]`), and `[else]` marks the branch taken when no guard',
  '  before it holds. Colours in the SVG:',
  '  dark = event sent by the app, blue dashed = `after <delay>` timer, purple dotted = `always`,',
  '  green = `done: <actor>` (the invoked actor finished), red = `error: <actor>` (it failed).',
  '  Where several lines meet in a small dot, several states share the one labelled transition.',
  '- A state\'s own lines list its description and the actors it invokes (`invoke pollToken`).',
];

/**
 * The README of `visualizations/`: an intro, how to read the pictures, then per machine its
 * description, the Mermaid diagram inline, the SVG, and tables of states and triggers.
 *
 * @param sections - One per machine, in the order to show them.
 */
export function readmeMarkdown(sections: readonly ReadmeSection[]): string {
  const lines: string[] = [
    '# State diagrams',
    '',
    'Generated by `npm run visualize` (`scripts/visualize.ts`) from the machines\' own definitions.',
    'Do not edit these files by hand: a test regenerates them and fails when they drift.',
    '',
    ...HOW_TO_READ,
  ];
  for (const { graph, mermaid } of sections) {
    lines.push(
      '',
      `## ${code(graph.id)}`,
      '',
      ...(graph.description === undefined ? [] : [graph.description, '']),
      '```mermaid',
      mermaid.trimEnd(),
      '```',
      '',
      `![${graph.id} statechart, drawn by Graphviz](./${graph.id}.svg)`,
      '',
      `Sources: [${graph.id}.mmd](./${graph.id}.mmd) (Mermaid), [${graph.id}.dot](./${graph.id}.dot) (Graphviz).`,
      '',
      `### States of ${code(graph.id)}`,
      '',
      ...statesTable(graph),
      '',
      `### Triggers of ${code(graph.id)}`,
      '',
      ...triggersTable(graph),
    );
  }
  return `${lines.join('\n')}\n`;
}

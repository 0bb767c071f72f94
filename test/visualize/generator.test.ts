/**
 * The generator reads the fixture machine's definition correctly: guards, named delays,
 * descriptions, invoked actors, always, nesting, final and resting states land on the right
 * states and edges in the graph, the Mermaid source and the DOT source.
 */
import { describe, expect, it } from 'vitest';
import { and, createMachine, not, or, stateIn } from 'xstate';
import { guardName } from '../../scripts/visualize/guard-name.js';
import { delayName, machineGraph } from '../../scripts/visualize/machine-graph.js';
import type { EdgeInfo } from '../../scripts/visualize/machine-graph.types.js';
import { escapeMermaidText, machineToMermaid } from '../../scripts/visualize/mermaid.js';
import { machineToDot } from '../../scripts/visualize/dot.js';
import { readmeMarkdown } from '../../scripts/visualize/readme.js';
import { wrapText } from '../../scripts/visualize/wrap-text.js';
import { fixtureMachine } from './fixtures/fixture.machine.js';

const graph = machineGraph(fixtureMachine);
const mermaid = machineToMermaid(fixtureMachine);
const dot = machineToDot(fixtureMachine);

function edge(source: string, target: string, trigger: string): EdgeInfo {
  const found = graph.edges.filter(
    (e) => e.source === `fixtureFlow.${source}` && e.targets.includes(`fixtureFlow.${target}`) && e.trigger === trigger,
  );
  expect(found, `${source} -> ${target} on ${trigger}`).toHaveLength(1);
  return found[0]!;
}

function dotEdgeLine(source: string, target: string): string {
  const lines = dot.split('\n').filter((line) => line.trimStart().startsWith(`"fixtureFlow.${source}" -> "fixtureFlow.${target}" [`));
  expect(lines, `DOT edge ${source} -> ${target}`).toHaveLength(1);
  return lines[0]!;
}

describe('machineGraph on the fixture', () => {
  it('keeps states in document order with their nesting, ids and initial children', () => {
    expect(graph.id).toBe('fixtureFlow');
    expect(graph.description).toBe('A fixture flow that uses every statechart feature the diagrams draw.');
    expect(graph.root.initial).toBe('fixtureFlow.idle');
    expect(graph.states.map((s) => s.path.join('.'))).toEqual([
      'idle', 'syncing', 'syncing.upload', 'syncing.upload.sending', 'syncing.upload.sent',
      'syncing.download', 'syncing.download.receiving', 'syncing.download.received',
      'working', 'working.fetching', 'working.waiting', 'checking', 'done', 'expired', 'failed', 'failed.waiting', 'cancelled', 'note',
    ]);
    expect(graph.states.find((s) => s.key === 'syncing')).toMatchObject({ type: 'parallel', initial: undefined });
    const working = graph.states.find((s) => s.key === 'working')!;
    expect(working.initial).toBe('fixtureFlow.working.fetching');
    expect(working.children.map((c) => c.key)).toEqual(['fetching', 'waiting']);
  });

  it('classifies final, resting (by tag) and active states', () => {
    const kinds = Object.fromEntries(graph.states.map((s) => [s.path.join('.'), s.kind]));
    expect(kinds).toMatchObject({ done: 'final', note: 'final', expired: 'resting', failed: 'resting', cancelled: 'resting', idle: 'active', 'working.waiting': 'active' });
  });

  it('falls back to "only restart leaves it" when no state is tagged resting', () => {
    const untagged = createMachine({
      id: 'untagged',
      initial: 'a',
      states: { a: { on: { start: 'b' } }, b: { on: { restart: 'a', reset: 'a' } }, c: { on: { restart: 'a', other: 'b' } } },
    });
    const kinds = Object.fromEntries(machineGraph(untagged).states.map((s) => [s.key, s.kind]));
    expect(kinds).toEqual({ a: 'active', b: 'resting', c: 'active' });
  });

  it('names a guarded named delay with its guard and description on the right edge', () => {
    const e = edge('working.waiting', 'expired', 'after pollDelay');
    expect(e).toMatchObject({ kind: 'after', guard: 'isExpired', description: 'Stop by our own deadline; no more polls.' });
    expect(edge('working.waiting', 'working.fetching', 'after pollDelay')).toMatchObject({ guard: undefined, description: undefined });
    expect(edge('working.waiting', 'failed', 'after 30s')).toMatchObject({ kind: 'after', description: 'Hard timeout.' });
  });

  it('labels invoked actor results by actor name, with parameterized guards by type', () => {
    expect(graph.states.find((s) => s.key === 'fetching')!.invokes).toEqual([{ id: '0.fixtureFlow.working.fetching', src: 'fetchThing' }]);
    expect(edge('working.fetching', 'working.waiting', 'done: fetchThing')).toMatchObject({ kind: 'done', guard: undefined });
    expect(edge('working.fetching', 'working.waiting', 'error: fetchThing')).toMatchObject({ kind: 'error', guard: 'isStatus' });
    expect(edge('working.fetching', 'failed', 'error: fetchThing')).toMatchObject({ kind: 'error', guard: undefined });
  });

  it('reads always transitions, higher-order guards and event descriptions', () => {
    expect(edge('checking', 'done', 'always')).toMatchObject({ kind: 'always', guard: '!hasTries' });
    expect(edge('idle', 'working', 'go')).toMatchObject({ kind: 'event', description: 'The person asked to begin.' });
  });

  it('keeps a targetless transition (actions only) as an edge without targets', () => {
    const tick = graph.edges.filter((e) => e.trigger === 'tick' && e.targets.length === 0);
    expect(tick).toEqual([expect.objectContaining({ source: 'fixtureFlow.working.waiting', description: 'Counted, no state change.' })]);
  });

  it('keeps root-level transitions with the root as source, and a state\'s own onDone', () => {
    expect(graph.edges.filter((e) => e.source === 'fixtureFlow')).toEqual([
      expect.objectContaining({ trigger: 'ping', targets: [], description: 'Answered in every state.' }),
    ]);
    expect(edge('syncing', 'idle', 'done')).toMatchObject({ kind: 'stateDone', eventType: 'xstate.done.state.fixtureFlow.syncing' });
  });
});

describe('names', () => {
  it('names guards of every form', () => {
    expect(guardName('isExpired')).toBe('isExpired');
    expect(guardName({ type: 'isStatus', params: { status: 400 } })).toBe('isStatus');
    expect(guardName(not('isA'))).toBe('!isA');
    expect(guardName(and(['isA', not('isB')]))).toBe('isA && !isB');
    expect(guardName(or(['isA', and(['isB', 'isC'])]))).toBe('isA || (isB && isC)');
    expect(guardName(not(and(['isA', 'isB'])))).toBe('!(isA && isB)');
    expect(guardName(stateIn('awaitingUser'))).toBe('in(awaitingUser)');
    expect(guardName(stateIn({ awaitingUser: 'polling' }))).toBe('in({"awaitingUser":"polling"})');
    expect(guardName(function hasRetryAfter() { return true; })).toBe('hasRetryAfter');
    expect(guardName(() => true)).toBe('inline');
  });

  it('names delays', () => {
    expect(delayName('pollDelay')).toBe('pollDelay');
    expect(delayName(30_000)).toBe('30s');
    expect(delayName(250)).toBe('250ms');
  });

  it('wraps text between words', () => {
    expect(wrapText('one two three four', 9)).toEqual(['one two', 'three', 'four']);
    expect(wrapText('  averyveryverylongword x ', 5)).toEqual(['averyveryverylongword', 'x']);
    expect(wrapText('', 10)).toEqual([]);
  });

  it('makes text safe for Mermaid labels', () => {
    expect(escapeMermaidText('a; b')).toBe('a, b');
    expect(escapeMermaidText('slow down:')).toBe('slow down');
    expect(escapeMermaidText('a::b')).toBe('a: :b');
    expect(escapeMermaidText('a\n  b')).toBe('a b');
  });
});

describe('Mermaid source of the fixture', () => {
  it('puts the guard, the named delay and the description on the right edge', () => {
    expect(mermaid).toContain('working_waiting --> expired: after pollDelay · [isExpired]<br/>Stop by our own deadline, no<br/>more polls.\n');
    expect(mermaid).toContain('checking --> done: always · [!hasTries]\n');
    expect(mermaid).toContain('fetching --> working_waiting: error: fetchThing · [isStatus]\n');
  });

  it('labels the unguarded fallback after a guarded branch [else]', () => {
    expect(mermaid).toContain('  working_waiting --> fetching: after pollDelay · [else]\n');
    expect(mermaid).toContain('  fetching --> failed: error: fetchThing · [else]\n');
    expect(mermaid).toContain('  checking --> idle: always · [else]\n');
    expect(mermaid).toContain('  idle --> working: go<br/>The person asked to begin.\n');
  });

  it('writes nested states in composite blocks with their initial marker', () => {
    expect(mermaid).toMatch(/ {2}state working \{\n {4}\[\*\] --> fetching\n/);
    expect(mermaid).toMatch(/ {2}state failed \{\n {4}\[\*\] --> failed_waiting\n {4}state "waiting" as failed_waiting\n {2}\}/);
  });

  it('gives reused and reserved keys their own ids, and marks final and resting states', () => {
    expect(mermaid).toContain('state "note" as s_note');
    expect(mermaid).toContain('  s_note --> [*]\n');
    expect(mermaid).toContain('  class expired,cancelled resting\n');
    expect(mermaid).toContain('  class sent,received,done,s_note final\n');
    expect(mermaid).toContain('classDef resting ');
  });

  it('separates the regions of a parallel state and draws root-level transitions from "any state"', () => {
    expect(mermaid).toMatch(/ {4}\}\n {4}--\n {4}state download \{/);
    expect(mermaid).toContain('  state "any state" as any_state\n');
    expect(mermaid).toContain('  any_state --> any_state: ping<br/>Answered in every state.\n');
    expect(mermaid).toContain('  syncing --> idle: done\n');
  });

  it('titles a described state with its name, then its description and actors', () => {
    expect(mermaid).toContain('  idle : idle\n  idle : Nothing happens until the person\n  idle : says go.\n');
    expect(mermaid).toContain('    fetching : fetching\n    fetching : invoke fetchThing\n');
  });
});

describe('DOT source of the fixture', () => {
  it('puts the guard, the named delay and the description on the right edge', () => {
    const line = dotEdgeLine('working.waiting', 'expired');
    expect(line).toContain('label=<<b>after pollDelay</b> · [isExpired]<br/><i>Stop by our own deadline; no<br/>more polls.</i>>');
    expect(line).toContain('style=dashed');
    expect(dotEdgeLine('checking', 'done')).toContain('label=<<b>always</b> · [!hasTries]>');
  });

  it('labels the unguarded fallback after a guarded branch [else]', () => {
    expect(dotEdgeLine('working.waiting', 'working.fetching')).toContain('label=<<b>after pollDelay</b> · [else]>');
    expect(dotEdgeLine('working.fetching', 'failed')).toContain('label=<<b>error: fetchThing</b> · [else]>');
    expect(dotEdgeLine('checking', 'idle')).toContain('label=<<b>always</b> · [else]>');
    expect(dotEdgeLine('cancelled', 'idle')).toContain('label=<<b>restart</b>>');
  });

  it('draws resting states dashed amber and final states double-bordered', () => {
    const node = (id: string) => dot.split('\n').find((line) => line.trimStart().startsWith(`"fixtureFlow.${id}" [label=`)) ?? '';
    expect(node('expired')).toContain('style="rounded,filled,dashed"');
    expect(node('expired')).toContain('fillcolor="#fdf0e6"');
    expect(node('done')).toContain('peripheries=2');
    expect(node('idle')).toContain('style="rounded,filled"');
    expect(node('idle')).not.toContain('dashed');
  });

  it('draws compound states as clusters and clips edges at their border', () => {
    expect(dot).toContain('subgraph "cluster_fixtureFlow.working" {');
    expect(dotEdgeLine('idle', 'working')).toContain('lhead="cluster_fixtureFlow.working"');
    expect(dotEdgeLine('working', 'cancelled')).toContain('ltail="cluster_fixtureFlow.working"');
  });

  it('anchors a parallel state with an invisible node and root-level transitions with "any state"', () => {
    expect(dot).toContain('"fixtureFlow.syncing" [shape=point, style=invis, width=0.01, label=""];');
    expect(dotEdgeLine('syncing', 'idle')).toContain('ltail="cluster_fixtureFlow.syncing"');
    expect(dot).toContain('"fixtureFlow:any state" -> "fixtureFlow:any state" [label=<<b>ping</b><br/><i>Answered in every state.</i>>');
  });

  it('draws a compound state\'s self-transition out through its border and back, via a waypoint', () => {
    expect(dot).toContain('"fixtureFlow.working" -> "fixtureFlow.working:loop:1" [color="#2d3748", arrowhead=none, ltail="cluster_fixtureFlow.working"];');
    expect(dot).toContain('"fixtureFlow.working:loop:1" -> "fixtureFlow.working" [label=<<b>go</b><br/><i>Start the work over.</i>>');
  });

  it('states carry their description and invoked actors', () => {
    expect(dot).toContain('<b>fetching</b><br/><font point-size="10" color="#2f855a">invoke fetchThing</font>');
  });
});

describe('README', () => {
  it('shows the Mermaid inline, the SVG, and a legend from descriptions and meta', () => {
    const readme = readmeMarkdown([{ graph, mermaid }]);
    expect(readme).toContain('```mermaid\n' + mermaid.trimEnd() + '\n```');
    expect(readme).toContain('![fixtureFlow statechart, drawn by Graphviz](./fixtureFlow.svg)');
    expect(readme).toContain('| `idle` | active, initial | Nothing happens until the person says go. Meta screen: welcome. |');
    expect(readme).toContain('| `after pollDelay` | timer (named delay) | `working.waiting` | `isExpired` |');
    expect(readme).toContain('| `always` | eventless, checked on entry | `checking` | `!hasTries` |');
  });
});

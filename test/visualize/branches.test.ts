/**
 * A state tries its branches for one trigger in order and takes the first whose guard holds. The
 * diagrams say so: the unguarded fallback after guarded branches reads `[else]`, guarded branches
 * are numbered `#1`, `#2` when there are two or more, set apart from the trigger by ` · ` so a
 * number never reads as part of an actor's name, and in Mermaid the branches of one trigger are
 * written together, in order.
 */
import { describe, expect, it } from 'vitest';
import { branchLabel, transitionHead } from '../../scripts/visualize/branch-label.js';
import { machineToDot } from '../../scripts/visualize/dot.js';
import { machineGraph } from '../../scripts/visualize/machine-graph.js';
import type { EdgeInfo } from '../../scripts/visualize/machine-graph.types.js';
import { machineToMermaid } from '../../scripts/visualize/mermaid.js';
import { parseMermaid } from './support/mermaid-parser.js';
import { branchesMachine } from './fixtures/branches.machine.js';

const graph = machineGraph(branchesMachine);
const mermaid = machineToMermaid(branchesMachine);
const dot = machineToDot(branchesMachine);

function edgesOf(source: string, trigger: string): EdgeInfo[] {
  return graph.edges.filter((edge) => edge.source === `branchFlow.${source}` && edge.trigger === trigger);
}

describe('branches in the graph', () => {
  it('numbers two or more guarded branches in order and marks the fallback', () => {
    expect(edgesOf('choosing', 'answer').map((edge) => [edge.targets, edge.guard, edge.guardOrder, edge.isElse])).toEqual([
      [[], 'isBusy', 1, false],
      [['branchFlow.t'], 'g1', 2, false],
      [['branchFlow.u'], undefined, undefined, true],
    ]);
  });

  it('gives a trigger\'s only guard no number, and its fallback [else]', () => {
    expect(edgesOf('a', 'go').map((edge) => [edge.guard, edge.guardOrder, edge.isElse])).toEqual([
      ['g1', undefined, false],
      [undefined, undefined, true],
    ]);
  });

  it('makes no fallback of an unguarded branch before the guards, or of one with no guarded sibling', () => {
    expect(edgesOf('choosing', 'first').map((edge) => [edge.guard, edge.isElse])).toEqual([[undefined, false], ['g1', false]]);
    expect(edgesOf('g', 'go').map((edge) => edge.isElse)).toEqual([false]);
  });

  it('counts only the branches of the same state node', () => {
    expect(edgesOf('outer', 'cancel')).toEqual([expect.objectContaining({ guard: 'g1', isElse: false })]);
    expect(edgesOf('outer.inner', 'cancel')).toEqual([expect.objectContaining({ guard: undefined, isElse: false })]);
  });

  it('reads branch labels', () => {
    expect(branchLabel({ guard: 'isPending', guardOrder: 2, isElse: false })).toBe('#2 [isPending]');
    expect(branchLabel({ guard: 'isExpired', guardOrder: undefined, isElse: false })).toBe('[isExpired]');
    expect(branchLabel({ guard: undefined, guardOrder: undefined, isElse: true })).toBe('[else]');
    expect(branchLabel({ guard: undefined, guardOrder: undefined, isElse: false })).toBeUndefined();
    expect(transitionHead({ trigger: 'after pollDelay', guard: undefined, guardOrder: undefined, isElse: true })).toBe('after pollDelay · [else]');
    expect(transitionHead({ trigger: 'done: pollToken', guard: 'isPending', guardOrder: 2, isElse: false })).toBe('done: pollToken · #2 [isPending]');
    expect(transitionHead({ trigger: 'start', guard: undefined, guardOrder: undefined, isElse: false })).toBe('start');
  });
});

describe('branches in Mermaid', () => {
  it('labels the fallback [else] and numbers the guarded branches', () => {
    expect(mermaid).toContain(
      '  choosing --> choosing: answer · #1 [isBusy]<br/>Ignored while busy.\n  choosing --> t: answer · #2 [g1]\n  choosing --> u: answer · [else]\n',
    );
    expect(mermaid).toContain('  a --> t: go · [g1]\n  a --> u: go · [else]\n');
    expect(mermaid).toContain('  g --> u: go\n');
    expect(mermaid).toContain('  choosing --> u: first\n  choosing --> t: first · [g1]\n');
  });

  it('writes the branches of one trigger together, in the outermost block either needs', async () => {
    expect(mermaid).toMatch(/\n {2}inner --> t: tick · \[g1\]\n {2}inner --> sibling: tick · \[else\]\n/);
    // Written at the root, the fallback still joins the states inside `outer`.
    const model = await parseMermaid(mermaid);
    const node = (id: string) => model.nodes.find((candidate) => candidate.id === id);
    expect(node('inner')?.parentId).toBe('outer');
    expect(node('sibling')?.parentId).toBe('outer');
    expect(model.edges).toContainEqual({ start: 'inner', end: 'sibling', label: 'tick · [else]' });
  });
});

describe('branches in DOT', () => {
  const line = (source: string, target: string, trigger: string): string => {
    const found = dot
      .split('\n')
      .filter((candidate) => candidate.startsWith(`  "branchFlow.${source}" -> "branchFlow.${target}" [label=<<b>${trigger}</b>`));
    expect(found, `${source} -> ${target} on ${trigger}`).toHaveLength(1);
    return found[0]!;
  };

  it('labels the fallback [else] and numbers the guarded branches', () => {
    expect(line('choosing', 'choosing', 'answer')).toContain('label=<<b>answer</b> · #1 [isBusy]<br/><i>Ignored while busy.</i>>');
    expect(line('choosing', 't', 'answer')).toContain('label=<<b>answer</b> · #2 [g1]>');
    expect(line('choosing', 'u', 'answer')).toContain('label=<<b>answer</b> · [else]>');
    expect(line('outer.inner', 'outer.sibling', 'tick')).toContain('label=<<b>tick</b> · [else]>');
    expect(line('choosing', 'u', 'first')).toContain('label=<<b>first</b>>');
  });
});

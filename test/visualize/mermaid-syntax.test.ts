/**
 * The Mermaid files parse with Mermaid's own stateDiagram grammar (mermaid 11.x, the last line
 * that runs on Node 20), and Mermaid understands them as meant: every state with its name as the
 * title, in the right composite state, and every transition with its full label.
 */
import { describe, expect, it } from 'vitest';
import type { AnyStateMachine } from 'xstate';
import { transitionHead } from '../../scripts/visualize/branch-label.js';
import { indexGraph } from '../../scripts/visualize/graph-index.js';
import { machineGraph } from '../../scripts/visualize/machine-graph.js';
import { machineToMermaid } from '../../scripts/visualize/mermaid.js';
import { machinesToDraw } from '../../scripts/visualize/machines.js';
import { parseMermaid } from './support/mermaid-parser.js';
import { branchesMachine } from './fixtures/branches.machine.js';
import { fixtureMachine } from './fixtures/fixture.machine.js';

const machines = [...machinesToDraw, fixtureMachine, branchesMachine].map((machine) => [machine.id, machine] as const);

describe('Mermaid output', () => {
  it.each(machines)('%s parses as a stateDiagram', async (_id, machine: AnyStateMachine) => {
    const model = await parseMermaid(machineToMermaid(machine));
    expect(model.diagramType).toBe('stateDiagram');
  });

  it.each(machines)('%s: Mermaid sees every state, titled by name, nested as in the machine', async (_id, machine: AnyStateMachine) => {
    const graph = machineGraph(machine);
    const index = indexGraph(graph);
    const source = machineToMermaid(machine);
    const model = await parseMermaid(source);
    const writtenLines = new Map<string, string[]>();
    for (const [, id = '', text = ''] of source.matchAll(/^\s*(\S+) : (.*)$/gm)) {
      writtenLines.set(id, [...(writtenLines.get(id) ?? []), text]);
    }
    const mermaidId = new Map<string, string | undefined>([[graph.root.id, undefined]]);
    for (const state of graph.states) {
      const parent = mermaidId.get(index.parentOf(state.id) ?? graph.root.id);
      const node = model.nodes.find((candidate) => candidate.title === state.key && candidate.parentId === parent);
      expect(node, `state "${state.path.join('.')}" is not drawn, titled by its name, inside ${parent ?? 'the root'}`).toBeDefined();
      mermaidId.set(state.id, node?.id);
      const written = writtenLines.get(node?.id ?? '') ?? [];
      const understood = node === undefined ? [] : [node.title, ...node.lines];
      expect(understood.slice(understood.length - written.length), `lines of "${state.key}" are cut`).toEqual(written);
    }
  });

  it.each(machines)('%s: every transition arrives with its whole label', async (_id, machine: AnyStateMachine) => {
    const graph = machineGraph(machine);
    const source = machineToMermaid(machine);
    const model = await parseMermaid(source);
    const written = [...source.matchAll(/^\s*\S+ --> \S+: (.*)$/gm)].map((match) => match[1]).sort();
    const understood = model.edges.map((edge) => edge.label).filter((label) => label !== '').sort();
    expect(understood).toEqual(written);
    expect(written).toHaveLength(graph.edges.reduce((sum, edge) => sum + Math.max(1, edge.targets.length), 0));
    for (const edge of graph.edges) {
      const head = transitionHead(edge);
      expect(understood.some((label) => label.startsWith(head)), `no Mermaid edge labelled "${head}"`).toBe(true);
    }
  });

  it('the parser used here does reject broken state diagrams', async () => {
    await expect(parseMermaid('stateDiagram-v2\n  state a {\n    a --> b\n')).rejects.toThrow(/Parse error/);
    await expect(parseMermaid('stateDiagram-v2\n  note --> b: x\n')).rejects.toThrow();
    await expect(parseMermaid('stateDiagram-v2\n  a : slow down:\n  a --> b\n')).rejects.toThrow();
  });
});

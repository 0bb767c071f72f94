/**
 * Every file under `visualizations/`, computed in memory: the script writes them, the drift test
 * compares them with what is committed.
 */
import type { AnyStateMachine } from 'xstate';
import { graphToDot } from './dot.js';
import { machineGraph } from './machine-graph.js';
import { graphToMermaid } from './mermaid.js';
import { readmeMarkdown, type ReadmeSection } from './readme.js';
import { renderSvg } from './render-svg.js';

/** The extensions of the per-machine files, so the script can remove files of machines that are gone. */
export const DIAGRAM_EXTENSIONS = ['.mmd', '.dot', '.svg'] as const;

/**
 * The contents of `visualizations/`, keyed by file name: for each machine `<id>.mmd` (Mermaid),
 * `<id>.dot` (Graphviz) and `<id>.svg` (the DOT drawn by Graphviz), plus one `README.md`.
 * Keys are sorted and nothing depends on time or environment, so two runs give the same bytes.
 *
 * @param machines - The machines to draw, in the order the README shows them.
 * @throws Error when two machines share an id (their files would overwrite each other).
 */
export async function visualizationFiles(machines: readonly AnyStateMachine[]): Promise<ReadonlyMap<string, string>> {
  const files = new Map<string, string>();
  const sections: ReadmeSection[] = [];
  for (const machine of machines) {
    const graph = machineGraph(machine);
    if (files.has(`${graph.id}.mmd`)) throw new Error(`visualize: two machines have the id "${graph.id}"`);
    const mermaid = graphToMermaid(graph);
    const dot = graphToDot(graph);
    files.set(`${graph.id}.mmd`, mermaid);
    files.set(`${graph.id}.dot`, dot);
    files.set(`${graph.id}.svg`, await renderSvg(dot));
    sections.push({ graph, mermaid });
  }
  files.set('README.md', readmeMarkdown(sections));
  return new Map([...files].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

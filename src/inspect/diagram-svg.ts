/**
 * The state diagram the viewer highlights, drawn from the machine's own definition with the
 * visualize module (`machineToDot` + `renderSvg`), so it can never drift from the machine.
 *
 * `renderSvg` needs Graphviz in WebAssembly (`@viz-js/viz`), which is a development dependency:
 * where it is not installed, the diagram committed under `visualizations/<id>.svg` (shipped with
 * the package and checked for drift by the tests) is used instead.
 */
import { readFile } from 'node:fs/promises';
import type { AnyStateMachine } from 'xstate';
import { machineToDot } from '../visualize/dot.js';

/** Where the committed diagrams live, from `src/inspect/` and from `dist/inspect/` alike. */
const VISUALIZATIONS = new URL('../../visualizations/', import.meta.url);

/** The `<svg …>…</svg>` element of an SVG document, without the XML prolog, doctype and comments before it. */
export function svgElement(document: string): string | undefined {
  const start = document.search(/<svg[\s>]/);
  const end = document.lastIndexOf('</svg>');
  return start === -1 || end < start ? undefined : document.slice(start, end + '</svg>'.length);
}

async function rendered(machine: AnyStateMachine): Promise<string> {
  const { renderSvg } = await import('../visualize/render-svg.js');
  return renderSvg(machineToDot(machine));
}

async function committed(machine: AnyStateMachine): Promise<string> {
  if (!/^[\w.-]+$/.test(machine.id)) throw new Error(`no committed diagram for machine id "${machine.id}"`);
  return readFile(new URL(`${machine.id}.svg`, VISUALIZATIONS), 'utf8');
}

/** Where a diagram came from. */
export type DiagramSource = 'generated' | 'committed';

/**
 * The machine's state diagram as an inline `<svg>` element: generated from the definition, or
 * the committed `visualizations/<id>.svg` when Graphviz is not installed. `undefined` when
 * neither is available (the viewer then shows state names without a picture).
 *
 * @param machine - Any XState v5 machine.
 */
export async function machineDiagramSvg(machine: AnyStateMachine): Promise<{ svg: string; source: DiagramSource } | undefined> {
  for (const [source, load] of [
    ['generated', rendered],
    ['committed', committed],
  ] as const) {
    try {
      const svg = svgElement(await load(machine));
      if (svg !== undefined) return { svg, source };
    } catch {
      // Try the next source.
    }
  }
  return undefined;
}

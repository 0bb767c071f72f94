/**
 * The state diagram the viewer highlights. The package ships the diagrams of its own machines
 * under `visualizations/<id>.svg`, generated from the definitions by `npm run visualize` and
 * checked for drift by the tests; another machine's diagram is supplied by the caller.
 */
import { readFile } from 'node:fs/promises';
import type { AnyStateMachine } from 'xstate';

/**
 * Where the shipped diagrams may live: beside the package root, seen from this file in the
 * repository (`src/inspect/`), from a shared chunk of the build (`dist/chunks/`) or from an entry
 * file of the build (`dist/`). The first folder that has the diagram wins.
 */
const VISUALIZATIONS = ['../../visualizations/', '../visualizations/'].map((path) => new URL(path, import.meta.url));

/** The `<svg …>…</svg>` element of an SVG document, without the XML prolog, doctype and comments before it. */
export function svgElement(document: string): string | undefined {
  const start = document.search(/<svg[\s>]/);
  const end = document.lastIndexOf('</svg>');
  return start === -1 || end < start ? undefined : document.slice(start, end + '</svg>'.length);
}

async function shipped(machineId: string): Promise<string | undefined> {
  if (!/^[\w.-]+$/.test(machineId) || machineId.startsWith('.')) return undefined;
  for (const folder of VISUALIZATIONS) {
    try {
      return await readFile(new URL(`${machineId}.svg`, folder), 'utf8');
    } catch {
      // not in this folder: try the next
    }
  }
  return undefined;
}

/** Where a diagram came from: the caller, or the package's own `visualizations/`. */
export type DiagramSource = 'supplied' | 'shipped';

/**
 * The machine's state diagram as an inline `<svg>` element: the one supplied, else the shipped
 * `visualizations/<id>.svg`. `undefined` when there is neither (the viewer then shows state names
 * without a picture).
 *
 * @param machine - Any XState v5 machine.
 * @param supplied - An SVG document of the machine's diagram, e.g. rendered by Graphviz.
 */
export async function machineDiagramSvg(
  machine: AnyStateMachine,
  supplied?: string,
): Promise<{ svg: string; source: DiagramSource } | undefined> {
  return diagramSvgFor(machine.id, supplied);
}

/**
 * The same as {@link machineDiagramSvg}, by the machine's id (a replayed trace names its machine
 * but carries no definition). Only an id of letters, digits, `_`, `.` and `-` can name a shipped
 * file.
 *
 * @param machineId - The machine's id, e.g. `deviceAuth`; `null` when unknown.
 * @param supplied - An SVG document of the machine's diagram.
 */
export async function diagramSvgFor(
  machineId: string | null,
  supplied?: string,
): Promise<{ svg: string; source: DiagramSource } | undefined> {
  const fromCaller = supplied === undefined ? undefined : svgElement(supplied);
  if (fromCaller !== undefined) return { svg: fromCaller, source: 'supplied' };
  const document = machineId === null ? undefined : await shipped(machineId);
  const svg = document === undefined ? undefined : svgElement(document);
  return svg === undefined ? undefined : { svg, source: 'shipped' };
}

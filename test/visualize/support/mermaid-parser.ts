/**
 * Mermaid's real parser in Node. Mermaid imports DOMPurify, which in Node (no DOM) is a bare object
 * without `sanitize` / `addHook`; Mermaid calls them while it reads labels. The stand-ins below do
 * what DOMPurify itself does where there is no DOM: return the text unchanged. The grammar, the
 * lexer and Mermaid's state database all run for real.
 */
import DOMPurify from 'dompurify';
import type { Mermaid } from 'mermaid';

interface Purifier {
  sanitize?: (dirty: unknown) => string;
  addHook?: (...args: unknown[]) => void;
  removeHook?: (...args: unknown[]) => void;
  removeHooks?: (...args: unknown[]) => void;
  removeAllHooks?: () => void;
}

let mermaidPromise: Promise<Mermaid> | undefined;

function mermaid(): Promise<Mermaid> {
  mermaidPromise ??= (async () => {
    const purifier = DOMPurify as unknown as Purifier;
    purifier.sanitize ??= (dirty) => String(dirty);
    purifier.addHook ??= () => undefined;
    purifier.removeHook ??= () => undefined;
    purifier.removeHooks ??= () => undefined;
    purifier.removeAllHooks ??= () => undefined;
    return (await import('mermaid')).default;
  })();
  return mermaidPromise;
}

/** A node of the diagram as Mermaid's state database holds it before drawing. */
export interface MermaidNode {
  readonly id: string;
  /** The title (first label line) Mermaid draws. */
  readonly title: string;
  /** The label lines under the title. */
  readonly lines: readonly string[];
  /** The id of the composite state it is drawn in, if any (parallel regions' dividers skipped). */
  readonly parentId: string | undefined;
}

/** An edge as Mermaid's state database holds it. */
export interface MermaidEdge {
  readonly start: string;
  readonly end: string;
  readonly label: string;
}

/** What Mermaid understood from a diagram source. */
export interface MermaidModel {
  readonly diagramType: string;
  readonly nodes: readonly MermaidNode[];
  readonly edges: readonly MermaidEdge[];
}

interface RawNode {
  id: string;
  label?: string;
  description?: string | string[];
  parentId?: string;
}

interface StateDbLike {
  getData(): { nodes: RawNode[]; edges: Array<{ start: string; end: string; label?: string }> };
}

/**
 * Parses Mermaid source with Mermaid's own parser and returns its state database's view of the
 * diagram; rejects with Mermaid's parse error.
 */
export async function parseMermaid(source: string): Promise<MermaidModel> {
  const api = await mermaid();
  const result = await api.parse(source);
  if (typeof result !== 'object') throw new Error('mermaid: parse gave no result');
  const diagram = await api.mermaidAPI.getDiagramFromText(source);
  const data = (diagram.db as unknown as StateDbLike).getData();
  // The regions of a parallel state sit in untitled divider groups: look through them.
  const byId = new Map(data.nodes.map((node) => [node.id, node] as const));
  const visibleParent = (parentId: string | undefined): string | undefined => {
    let current = parentId;
    while (current !== undefined && (byId.get(current)?.label ?? '') === '') current = byId.get(current)?.parentId;
    return current;
  };
  return {
    diagramType: result.diagramType,
    nodes: data.nodes.map((node) => ({
      id: node.id,
      title: node.label ?? node.id,
      lines: Array.isArray(node.description) ? node.description : [],
      parentId: visibleParent(node.parentId),
    })),
    edges: data.edges.map((edge) => ({ start: edge.start, end: edge.end, label: edge.label ?? '' })),
  };
}

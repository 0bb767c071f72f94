/**
 * Makes the SVG's text keep the widths Graphviz laid it out with, whatever font the viewer has.
 *
 * Graphviz measures every label with Helvetica's metrics and places each run of text at an exact
 * `x`. Where Helvetica and its metric twins (Arial, Liberation Sans) are missing, a browser draws
 * a wider sans-serif (DejaVu Sans on many Linux systems, some 10 % wider): a bold run then runs
 * into the next one (`done: pollToken` and ` 2. [isPending]` read `pollToken2`), descriptions
 * spill over their boxes and edge labels over the lines beside them. So each `<text>` gets the
 * width Graphviz measured for it as `textLength` (`lengthAdjust="spacingAndGlyphs"`): the browser
 * fits the run into exactly the room it was given. The widths come from Graphviz itself, from the
 * same layout rendered as JSON (its `T` drawing operations carry each run's position and width).
 *
 * Edge labels also get a white halo (`paint-order="stroke"`), so where a line passes under a label
 * the words stay readable.
 */

/** A text-drawing operation of Graphviz's JSON output (xdot `T`). */
interface TextOperation {
  readonly op: 'T';
  readonly pt: readonly [number, number];
  readonly width: number;
  readonly text: string;
}

/** The parts of Graphviz's JSON output that hold drawing operations. */
interface LayoutJson {
  readonly objects?: readonly Record<string, unknown>[];
  readonly edges?: readonly Record<string, unknown>[];
  readonly [key: string]: unknown;
}

/** Attributes of the halo drawn behind edge labels. */
export const EDGE_LABEL_HALO = 'stroke="#ffffff" stroke-width="3" stroke-linejoin="round" paint-order="stroke"';

/** Keys of a Graphviz JSON object that hold drawing operations. */
const DRAW_KEYS = ['_draw_', '_ldraw_', '_hdraw_', '_tdraw_', '_hldraw_', '_tldraw_'];

function isTextOperation(value: unknown): value is TextOperation {
  const op = value as Partial<TextOperation> | null;
  return (
    typeof op === 'object' &&
    op !== null &&
    op.op === 'T' &&
    Array.isArray(op.pt) &&
    typeof op.width === 'number' &&
    typeof op.text === 'string'
  );
}

/** Where a run of text sits, in SVG coordinates (y grows downwards: Graphviz's y negated), and what it says. */
function positionKey(x: number, y: number, text: string): string {
  return `${Math.round(x * 100)}|${Math.round(y * 100)}|${text}`;
}

/**
 * The width Graphviz measured for each run of text, keyed by its position in the SVG and its text.
 *
 * @param layout - Graphviz's `json` output for the same DOT as the SVG.
 */
export function textWidths(layout: LayoutJson): Map<string, number> {
  const widths = new Map<string, number>();
  const collect = (holder: Record<string, unknown>): void => {
    for (const key of DRAW_KEYS) {
      const operations = holder[key];
      if (!Array.isArray(operations)) continue;
      for (const operation of operations) {
        if (isTextOperation(operation)) widths.set(positionKey(operation.pt[0], -operation.pt[1], operation.text), operation.width);
      }
    }
  };
  collect(layout);
  for (const holder of [...(layout.objects ?? []), ...(layout.edges ?? [])]) collect(holder);
  return widths;
}

/** The text of an SVG `<text>` element's content, entities decoded. */
function decodeXmlText(content: string): string {
  return content.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (entity, name: string) => {
    const lower = name.toLowerCase();
    if (lower.startsWith('#x')) return String.fromCodePoint(Number.parseInt(lower.slice(2), 16));
    if (lower.startsWith('#')) return String.fromCodePoint(Number.parseInt(lower.slice(1), 10));
    return { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }[lower] ?? entity;
  });
}

/** The value of attribute `name` in an element's attribute text. */
function attribute(attributes: string, name: string): string | undefined {
  return new RegExp(`\\s${name}="([^"]*)"`).exec(attributes)?.[1];
}

/**
 * `svg` with every `<text>` Graphviz measured pinned to that width, and edge labels haloed. A run
 * the layout does not know (none, in SVG Graphviz wrote from the same DOT) is left as it is.
 *
 * @param svg - The SVG document Graphviz rendered.
 * @param layout - Graphviz's `json` output for the same DOT.
 */
export function fitTextToLayout(svg: string, layout: LayoutJson): string {
  const widths = textWidths(layout);
  let inEdge = false;
  return svg.replace(/<g id="[^"]*" class="(edge|node|cluster|graph)">|<text\b([^>]*)>([^<]*)<\/text>/g, (match, group: string | undefined, attributes: string | undefined, content: string | undefined) => {
    if (group !== undefined) {
      inEdge = group === 'edge';
      return match;
    }
    const x = Number(attribute(attributes!, 'x'));
    const y = Number(attribute(attributes!, 'y'));
    const width = widths.get(positionKey(x, y, decodeXmlText(content!)));
    const fitted = width === undefined || width <= 0 ? '' : ` textLength="${width.toFixed(2)}" lengthAdjust="spacingAndGlyphs"`;
    const halo = inEdge ? ` ${EDGE_LABEL_HALO}` : '';
    return `<text${attributes}${fitted}${halo}>${content}</text>`;
  });
}

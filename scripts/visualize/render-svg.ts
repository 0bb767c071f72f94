/**
 * Renders DOT to SVG with Graphviz compiled to WebAssembly (`@viz-js/viz`): no native Graphviz to
 * install, and the same output on every machine.
 */
import { instance, type Viz } from '@viz-js/viz';
import { fitTextToLayout } from './fit-text.js';

/** Graphviz's estimate of a non-ASCII glyph's width: cosmetic, see {@link renderSvg}. */
const HARMLESS_WARNING = /no value for width of non-ASCII character/;

/**
 * Graphviz sizes every label with Helvetica metrics and writes `font-family="Helvetica,sans-Serif"`.
 * Where Helvetica is missing, that falls back to a wider sans-serif and text spills out of its
 * box, so the SVG names the metric-compatible stand-ins (Arial, Liberation Sans) first.
 */
const GRAPHVIZ_FONT_FAMILY = 'font-family="Helvetica,sans-Serif"';
const PORTABLE_FONT_FAMILY = 'font-family="Helvetica,Arial,Liberation Sans,sans-serif"';

let vizPromise: Promise<Viz> | undefined;

/** The shared Graphviz instance, created on first use (loading the WebAssembly takes a moment). */
function viz(): Promise<Viz> {
  vizPromise ??= instance();
  return vizPromise;
}

/**
 * Lays out `dot` with Graphviz's `dot` engine and returns the SVG document. Deterministic: the
 * same DOT gives the same bytes. Every run of text is pinned to the width Graphviz measured for it
 * and edge labels get a white halo (see `fit-text.ts`), so labels read the same in any font.
 *
 * Warnings count as failures: a warning (an edge clipped at a cluster it starts in, an unknown
 * attribute, a font without metrics) means the picture is not the one the DOT asked for. The one
 * exception is Graphviz's note that it sizes a non-ASCII character (`§`, `…`) like a space: the
 * character is still drawn, its box is a hair narrower.
 *
 * @param dot - Graphviz DOT source, e.g. from `machineToDot`.
 * @throws Error with Graphviz's messages when the DOT cannot be rendered cleanly.
 */
export async function renderSvg(dot: string): Promise<string> {
  const graphviz = await viz();
  const result = graphviz.render(dot, { format: 'svg', engine: 'dot' });
  const problems = result.errors.filter((error) => !HARMLESS_WARNING.test(error.message));
  if (result.status !== 'success' || problems.length > 0) {
    const messages = problems.map((error) => `${error.level ?? 'error'}: ${error.message.trim()}`).join('\n');
    throw new Error(`Graphviz could not render the diagram:\n${messages}`);
  }
  const layout = graphviz.render(dot, { format: 'json', engine: 'dot' });
  if (layout.status !== 'success') throw new Error('Graphviz could not lay out the diagram as JSON.');
  return fitTextToLayout(result.output, JSON.parse(layout.output) as Record<string, unknown>).replaceAll(GRAPHVIZ_FONT_FAMILY, PORTABLE_FONT_FAMILY);
}

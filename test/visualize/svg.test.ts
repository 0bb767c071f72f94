/**
 * The SVG Graphviz draws names every state of the machine, and keeps each run of text to the width
 * Graphviz laid it out with (so a wider fallback font cannot glue `pollToken` to a branch number
 * or push a label over a line).
 */
import { describe, expect, it } from 'vitest';
import type { AnyStateMachine } from 'xstate';
import { machineGraph } from '../../scripts/visualize/machine-graph.js';
import { machineToDot } from '../../scripts/visualize/dot.js';
import { machinesToDraw } from '../../scripts/visualize/machines.js';
import { renderSvg } from '../../scripts/visualize/render-svg.js';
import { EDGE_LABEL_HALO, fitTextToLayout, textWidths } from '../../scripts/visualize/fit-text.js';
import { branchesMachine } from './fixtures/branches.machine.js';
import { fixtureMachine } from './fixtures/fixture.machine.js';

function svgTexts(svg: string): string[] {
  return [...svg.matchAll(/<text\b[^>]*>([^<]*)<\/text>/g)].map((match) => match[1] ?? '');
}

describe('rendered SVG', () => {
  it.each([...machinesToDraw, fixtureMachine, branchesMachine].map((machine) => [machine.id, machine] as const))(
    '%s: every state name is drawn as text',
    async (_id, machine: AnyStateMachine) => {
      const svg = await renderSvg(machineToDot(machine));
      expect(svg.startsWith('<?xml')).toBe(true);
      const texts = new Set(svgTexts(svg));
      const keys = machineGraph(machine).states.map((state) => state.key);
      expect(keys.length).toBeGreaterThan(0);
      for (const key of keys) expect(texts.has(key), `state "${key}" missing from the SVG`).toBe(true);
    },
  );

  it('names metric-compatible fonts so labels stay inside their boxes', async () => {
    const svg = await renderSvg(machineToDot(fixtureMachine));
    expect(svg).not.toContain('font-family="Helvetica,sans-Serif"');
    expect(svg).toContain('font-family="Helvetica,Arial,Liberation Sans,sans-serif"');
  });

  it.each([...machinesToDraw, branchesMachine].map((machine) => [machine.id, machine] as const))(
    '%s: every run of text keeps the width Graphviz measured, and edge labels have a halo',
    async (_id, machine: AnyStateMachine) => {
      const svg = await renderSvg(machineToDot(machine));
      const texts = [...svg.matchAll(/<text\b([^>]*)>/g)].map((match) => match[1] ?? '');
      expect(texts.length).toBeGreaterThan(10);
      for (const attributes of texts) expect(attributes, attributes).toMatch(/ textLength="\d+\.\d\d" lengthAdjust="spacingAndGlyphs"/);
      const edgeTexts = [...svg.matchAll(/<g id="edge\d+" class="edge">[\s\S]*?<\/g>/g)].flatMap((match) => [...match[0].matchAll(/<text\b[^>]*>/g)].map((text) => text[0]));
      expect(edgeTexts.length).toBeGreaterThan(0);
      for (const text of edgeTexts) expect(text).toContain(EDGE_LABEL_HALO);
      const nodeTexts = [...svg.matchAll(/<g id="node\d+" class="node">[\s\S]*?<\/g>/g)].flatMap((match) => [...match[0].matchAll(/<text\b[^>]*>/g)].map((text) => text[0]));
      for (const text of nodeTexts) expect(text).not.toContain('paint-order');
    },
  );

  it('draws a branch number as its own run, apart from the trigger', async () => {
    const svg = await renderSvg(machineToDot(branchesMachine));
    expect(svgTexts(svg)).toEqual(expect.arrayContaining(['answer', ' · #2 [g1]', ' · [else]']));
  });

  it('pins a run to the width of the layout operation at its position, decoding entities', () => {
    const layout = {
      objects: [{ _ldraw_: [{ op: 'F' }, { op: 'T', pt: [10.5, 20.25], align: 'l', width: 42.5, text: 'a & b' }] }],
      edges: [{ _ldraw_: [{ op: 'T', pt: [1, 2], align: 'l', width: 7, text: 'go' }] }],
    };
    expect(textWidths(layout)).toEqual(new Map([['1050|-2025|a & b', 42.5], ['100|-200|go', 7]]));
    const svg = [
      '<g id="node1" class="node"><text x="10.5" y="-20.25" font-size="10">a &amp; b</text><text x="3" y="-4">unknown</text></g>',
      '<g id="edge1" class="edge"><text x="1" y="-2">go</text></g>',
    ].join('\n');
    expect(fitTextToLayout(svg, layout)).toBe(
      [
        '<g id="node1" class="node"><text x="10.5" y="-20.25" font-size="10" textLength="42.50" lengthAdjust="spacingAndGlyphs">a &amp; b</text><text x="3" y="-4">unknown</text></g>',
        `<g id="edge1" class="edge"><text x="1" y="-2" textLength="7.00" lengthAdjust="spacingAndGlyphs" ${EDGE_LABEL_HALO}>go</text></g>`,
      ].join('\n'),
    );
  });

  it('fails loudly on DOT Graphviz cannot draw', async () => {
    await expect(renderSvg('digraph { a -> }')).rejects.toThrow(/Graphviz could not render/);
  });

  it('treats Graphviz warnings as failures', async () => {
    await expect(renderSvg('digraph { node [fontname="NoSuchFont"]; a -> b }')).rejects.toThrow(/metrics/);
  });
});

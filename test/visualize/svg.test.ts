/** The SVG Graphviz draws names every state of the machine. */
import { describe, expect, it } from 'vitest';
import type { AnyStateMachine } from 'xstate';
import { machineGraph } from '../../scripts/visualize/machine-graph.js';
import { machineToDot } from '../../scripts/visualize/dot.js';
import { machinesToDraw } from '../../scripts/visualize/machines.js';
import { renderSvg } from '../../scripts/visualize/render-svg.js';
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

  it('fails loudly on DOT Graphviz cannot draw', async () => {
    await expect(renderSvg('digraph { a -> }')).rejects.toThrow(/Graphviz could not render/);
  });

  it('treats Graphviz warnings as failures', async () => {
    await expect(renderSvg('digraph { node [fontname="NoSuchFont"]; a -> b }')).rejects.toThrow(/metrics/);
  });
});

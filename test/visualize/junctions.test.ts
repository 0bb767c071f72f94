/**
 * A transition shared by three or more states is drawn once, from a junction: one junction per
 * distinct transition, so states with the same trigger and target but another guard (or a
 * fallback beside an unconditional one) never share a junction and its label.
 */
import { describe, expect, it } from 'vitest';
import { machineToDot } from '../../scripts/visualize/dot.js';
import { renderSvg } from '../../scripts/visualize/render-svg.js';
import { branchesMachine } from './fixtures/branches.machine.js';

const dot = machineToDot(branchesMachine);

interface DotEdge {
  readonly from: string;
  readonly to: string;
  readonly attributes: string;
}

const edges: DotEdge[] = [...dot.matchAll(/^ {2}"([^"]+)" -> "([^"]+)" \[(.*)\];$/gm)].map(([, from = '', to = '', attributes = '']) => ({ from, to, attributes }));
const junctionIds = [...dot.matchAll(/^ {2}"([^"]+)" \[shape=point, width=0\.06,/gm)].map(([, id = '']) => id);

/** The states joining the junction whose labelled edge to `target` reads `label`. */
function junctionSources(label: string, target: string): string[] {
  const out = edges.filter((edge) => junctionIds.includes(edge.from) && edge.to === `branchFlow.${target}` && edge.attributes.includes(`label=<${label}>`));
  expect(out, `one junction edge "${label}" to ${target}`).toHaveLength(1);
  return edges.filter((edge) => edge.to === out[0]!.from).map((edge) => edge.from.replace('branchFlow.', '')).sort();
}

describe('DOT junctions', () => {
  it('declares each junction node once', () => {
    expect(junctionIds).toHaveLength(4);
    expect(new Set(junctionIds).size).toBe(junctionIds.length);
  });

  it('gives transitions that differ only by guard their own junction', () => {
    expect(junctionSources('<b>go</b> · [g1]', 't')).toEqual(['a', 'b', 'c']);
    expect(junctionSources('<b>go</b> · [g2]', 't')).toEqual(['d', 'e', 'f']);
  });

  it('keeps a fallback apart from the same unconditional transition', () => {
    expect(junctionSources('<b>go</b> · [else]', 'u')).toEqual(['a', 'b', 'c', 'd', 'e', 'f']);
    expect(junctionSources('<b>go</b>', 'u')).toEqual(['g', 'h', 'i']);
  });

  it('Graphviz draws one point per junction', async () => {
    const svg = await renderSvg(dot);
    const titles = [...svg.matchAll(/<title>([^<]*:junction:[^<]*)<\/title>/g)].map(([, title = '']) => title);
    expect(titles.filter((title) => !title.includes('&#45;&gt;')).sort()).toEqual([...junctionIds].sort());
  });
});

/**
 * The demo names the states to highlight as the committed diagram names its nodes: every id
 * `activeStateIds` gives for the machine's states is a node or cluster title of
 * visualizations/deviceAuth.svg.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { activeStateIds } from '../../examples/demo/state-ids.js';
import { deviceAuthMachine } from '../../src/machines/device-auth.machine.js';
import { PROJECT_ROOT } from '../support/run-cli.js';

describe('activeStateIds', () => {
  it('lists a leaf, nested states outermost first, and parallel regions', () => {
    expect(activeStateIds('deviceAuth', 'idle')).toEqual(['deviceAuth.idle']);
    expect(activeStateIds('deviceAuth', { awaitingUser: 'polling' })).toEqual(['deviceAuth.awaitingUser', 'deviceAuth.awaitingUser.polling']);
    expect(activeStateIds('m', { p: { a: 'x', b: { c: 'y' } } })).toEqual(['m.p', 'm.p.a', 'm.p.a.x', 'm.p.b', 'm.p.b.c', 'm.p.b.c.y']);
  });

  it('names only states the committed diagram draws', async () => {
    const svg = await readFile(join(PROJECT_ROOT, 'visualizations', 'deviceAuth.svg'), 'utf8');
    const titles = new Set([...svg.matchAll(/<title>([^<]*)<\/title>/g)].map((match) => match[1]!.replace(/^cluster_/, '')));
    // Every state of the machine, as the value XState reports for it.
    const values: Array<string | Record<string, string>> = [];
    for (const [key, node] of Object.entries(deviceAuthMachine.root.states)) {
      const children = Object.keys(node.states);
      if (children.length === 0) values.push(key);
      else for (const child of children) values.push({ [key]: child });
    }
    expect(values.length).toBeGreaterThan(8);
    for (const value of values) for (const id of activeStateIds(deviceAuthMachine.id, value)) expect(titles, id).toContain(id);
  });
});

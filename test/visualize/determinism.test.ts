/** Two runs of the generator give byte-identical files: no timestamps, no unstable order. */
import { describe, expect, it } from 'vitest';
import { visualizationFiles } from '../../scripts/visualize/files.js';
import { machinesToDraw } from '../../scripts/visualize/machines.js';
import { fixtureMachine } from './fixtures/fixture.machine.js';

describe('generator determinism', () => {
  it('writes the same files, in the same order, on every run', async () => {
    const machines = [...machinesToDraw, fixtureMachine];
    const first = await visualizationFiles(machines);
    const second = await visualizationFiles(machines);
    expect([...second.keys()]).toEqual([...first.keys()]);
    for (const [name, contents] of first) expect(second.get(name), name).toBe(contents);
  });

  it('lists files sorted by name, three per machine plus the README', async () => {
    const files = await visualizationFiles([fixtureMachine]);
    expect([...files.keys()]).toEqual(['README.md', 'fixtureFlow.dot', 'fixtureFlow.mmd', 'fixtureFlow.svg']);
  });

  it('refuses two machines with one id', async () => {
    await expect(visualizationFiles([fixtureMachine, fixtureMachine])).rejects.toThrow(/fixtureFlow/);
  });
});

/**
 * The committed diagrams under visualizations/ are exactly what the generator writes today.
 * When this fails, run `npm run visualize` and commit the result.
 */
import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DIAGRAM_EXTENSIONS, visualizationFiles } from '../../scripts/visualize/files.js';
import { machinesToDraw } from '../../scripts/visualize/machines.js';

const dir = fileURLToPath(new URL('../../visualizations/', import.meta.url));

describe('visualizations/ drift', async () => {
  const expected = await visualizationFiles(machinesToDraw);

  it.each([...expected.keys()])('%s is committed and up to date', async (name) => {
    let committed: string | undefined;
    try {
      committed = await readFile(`${dir}${name}`, 'utf8');
    } catch {
      committed = undefined;
    }
    expect(committed, `visualizations/${name} is missing: run \`npm run visualize\``).toBeDefined();
    expect(
      committed === expected.get(name),
      `visualizations/${name} differs from the machine definition: run \`npm run visualize\``,
    ).toBe(true);
  });

  it('holds no diagram of a machine that is no longer drawn', async () => {
    const stale = (await readdir(dir)).filter(
      (name) => DIAGRAM_EXTENSIONS.some((extension) => name.endsWith(extension)) && !expected.has(name),
    );
    expect(stale, 'stale diagrams: run `npm run visualize`').toEqual([]);
  });
});

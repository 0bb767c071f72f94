/**
 * `npm run visualize`: writes `visualizations/` from the machines listed in
 * `scripts/visualize/machines.ts`, and removes diagrams of machines no longer listed.
 * The drift test (`test/visualize/drift.test.ts`) fails until this has been run after a machine
 * changes.
 */
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { DIAGRAM_EXTENSIONS, visualizationFiles } from './visualize/files.js';
import { machinesToDraw } from './visualize/machines.js';

const outDir = fileURLToPath(new URL('../visualizations/', import.meta.url));

async function readOrUndefined(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch {
    return undefined;
  }
}

const files = await visualizationFiles(machinesToDraw);
await mkdir(outDir, { recursive: true });
for (const [name, contents] of files) {
  const path = `${outDir}${name}`;
  const before = await readOrUndefined(path);
  if (before === contents) {
    console.log(`unchanged ${name}`);
    continue;
  }
  await writeFile(path, contents);
  console.log(`${before === undefined ? 'created' : 'updated'}   ${name}`);
}
for (const name of (await readdir(outDir)).sort()) {
  if (!files.has(name) && DIAGRAM_EXTENSIONS.some((extension) => name.endsWith(extension))) {
    await rm(`${outDir}${name}`);
    console.log(`removed   ${name}`);
  }
}

/**
 * The layers point one way (docs/architecture.md): core → machines → services → entry points →
 * the outer rooms (CLI, mock server, viewer and inspectors). This test reads the import graph of
 * `src` and fails on an import against the direction, between sibling folders, or in a cycle; it
 * also keeps the main entry browser-safe and shipped code free of development dependencies.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { findCycles, packageName, reachableFrom, readImportGraph } from './support/import-graph.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const graph = readImportGraph(root);
const pkg = JSON.parse(readFileSync(`${root}package.json`, 'utf8')) as {
  dependencies: Record<string, string>;
  peerDependencies: Record<string, string>;
  exports: Record<string, string | { default: string }>;
};

/** The files each public entry point is built from (`./dist/x.js` ← `src/x.ts`). */
const entryFiles = Object.values(pkg.exports)
  .flatMap((target) => (typeof target === 'string' ? [] : [target.default]))
  .map((dist) => dist.replace(/^\.\/dist\//, 'src/').replace(/\.js$/, '.ts'));

/** Layers, lowest first. A file may import its own folder or a lower rank, never a sibling folder of the same rank. */
const LAYERS: readonly { folder: string; rank: number }[] = [
  { folder: 'src/core/', rank: 0 },
  { folder: 'src/machines/', rank: 1 },
  { folder: 'src/services/http/', rank: 2 },
  { folder: 'src/services/stores/', rank: 2 },
  { folder: 'src/redact/', rank: 2 },
  { folder: 'src/services/dialect/', rank: 3 },
  { folder: 'src/services/trakt/', rank: 4 },
  { folder: 'src/services/rfc8628/', rank: 4 },
  { folder: 'src/services/discovery/', rank: 4 },
  { folder: 'src/services/providers/', rank: 5 },
  // The clients take any provider's options (authorize, createSession), so they sit above the presets.
  { folder: 'src/services/clients/', rank: 6 },
  { folder: 'src/view/', rank: 5 },
  { folder: 'src/record/', rank: 5 },
  { folder: 'src/inspect/', rank: 7 },
  { folder: 'src/mock/', rank: 7 },
  { folder: 'src/cli/', rank: 9 },
];
const ENTRY_RANK = 8;

function layerOf(path: string): { folder: string; rank: number } {
  const layer = LAYERS.find(({ folder }) => path.startsWith(folder));
  if (layer) return layer;
  if (/^src\/[^/]+\.ts$/.test(path)) return { folder: path, rank: ENTRY_RANK };
  throw new Error(`${path} is in no layer: add its folder to LAYERS`);
}

function violation(from: string, to: string): string | undefined {
  const source = layerOf(from);
  const target = layerOf(to);
  if (source.folder === target.folder) return undefined;
  if (from.startsWith('src/cli/')) {
    return entryFiles.includes(to) ? undefined : 'the CLI imports only what the package exports';
  }
  if (entryFiles.includes(to) && !entryFiles.includes(from)) return 'only the CLI imports an entry point';
  if (target.rank > source.rank) return 'against the direction';
  if (target.rank === source.rank) return 'between sibling folders';
  return undefined;
}

describe('the import graph of src', () => {
  it('has every file in a layer, and the entry files the package exports', () => {
    for (const path of graph.keys()) expect(() => layerOf(path), path).not.toThrow();
    for (const entry of entryFiles) expect(graph.has(entry), entry).toBe(true);
  });

  it('points one way: no import against the direction or between sibling folders', () => {
    const wrong = [...graph.values()].flatMap(({ path, internal }) =>
      internal.flatMap((to) => {
        const why = violation(path, to);
        return why === undefined ? [] : [`${path} → ${to}: ${why}`];
      }),
    );
    expect(wrong).toEqual([]);
  });

  it('has no cycle', () => {
    expect(findCycles(graph).map((cycle) => cycle.join(' → '))).toEqual([]);
  });

  it('keeps the core free of every package and of the rest of src', () => {
    const core = [...graph.values()].filter(({ path }) => path.startsWith('src/core/'));
    expect(core.flatMap(({ path, external }) => external.map((name) => `${path} imports ${name}`))).toEqual([]);
  });

  it('lets the machines use XState and the core only', () => {
    const machines = [...graph.values()].filter(({ path }) => path.startsWith('src/machines/'));
    expect(machines.flatMap(({ external }) => external).filter((name) => name !== 'xstate')).toEqual([]);
  });

  it('reaches no node: module and no optional tool from the main entry', () => {
    const reached = [...reachableFrom(graph, 'src/index.ts')];
    const externals = reached.flatMap((path) => graph.get(path)!.external.map((name) => `${path} imports ${name}`));
    expect(externals.filter((line) => / imports (node:|@statelyai\/|qrcode)/.test(line))).toEqual([]);
    const library = ['src/core/', 'src/machines/', 'src/services/', 'src/redact/', 'src/view/', 'src/record/'];
    expect(reached.filter((path) => path !== 'src/index.ts' && !library.some((folder) => path.startsWith(folder)))).toEqual([]);
  });

  it('keeps the module authorize() loads for other providers to the device flow: no machine, no session code', () => {
    const reached = [...reachableFrom(graph, 'src/services/clients/device-flow-services-for.ts')];
    const machineCode = reached.filter((path) => path.startsWith('src/machines/') && !path.endsWith('.types.ts'));
    const sessionCode = reached.filter((path) => /\/(session|provided-machines|refresh-once|store-queue|provider-services-for)/.test(path));
    expect([...machineCode, ...sessionCode]).toEqual([]);
  });

  it('ships code that imports only runtime dependencies, peers and node: modules', () => {
    const allowed = new Set([...Object.keys(pkg.dependencies), ...Object.keys(pkg.peerDependencies ?? {})]);
    const wrong = [...graph.values()].flatMap(({ path, external }) =>
      external.filter((name) => !name.startsWith('node:') && !allowed.has(packageName(name))).map((name) => `${path} imports ${name}`),
    );
    expect(wrong).toEqual([]);
  });
});

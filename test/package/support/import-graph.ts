/**
 * The import graph of `src`, read from the sources with TypeScript's own pre-processor (static
 * imports, `export … from`, dynamic `import()`), for the layering and entry-point tests.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

/** One file of `src`, with what it imports: other files of `src` (repository-relative) and packages. */
export interface SourceFile {
  /** Repository-relative path, e.g. `src/core/errors.ts`. */
  readonly path: string;
  /** Files of `src` it imports, repository-relative. */
  readonly internal: readonly string[];
  /** Bare specifiers it imports: package names or `node:` modules. */
  readonly external: readonly string[];
}

function listTs(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) return listTs(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

/** The package a bare specifier names: `@scope/name` or `name` (a `node:` module as written). */
export function packageName(specifier: string): string {
  if (specifier.startsWith('node:')) return specifier;
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
}

/** Every `.ts` file under `src` of the repository at `root`, with its imports. */
export function readImportGraph(root: string): Map<string, SourceFile> {
  const graph = new Map<string, SourceFile>();
  for (const file of listTs(join(root, 'src'))) {
    const info = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
    const internal: string[] = [];
    const external: string[] = [];
    for (const { fileName: specifier } of info.importedFiles) {
      if (specifier.startsWith('.')) {
        internal.push(relative(root, resolve(dirname(file), specifier)).replace(/\.js$/, '.ts'));
      } else {
        external.push(specifier);
      }
    }
    const path = relative(root, file);
    graph.set(path, { path, internal, external });
  }
  return graph;
}

/** The files reachable from `start` (itself included), following internal imports. */
export function reachableFrom(graph: Map<string, SourceFile>, start: string): Set<string> {
  const seen = new Set<string>();
  const stack = [start];
  while (stack.length > 0) {
    const path = stack.pop()!;
    if (seen.has(path)) continue;
    seen.add(path);
    stack.push(...(graph.get(path)?.internal ?? []));
  }
  return seen;
}

/** Every import cycle between files, each as the list of files around it (empty when there is none). */
export function findCycles(graph: Map<string, SourceFile>): string[][] {
  const cycles: string[][] = [];
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (path: string): void => {
    state.set(path, 'open');
    stack.push(path);
    for (const next of graph.get(path)?.internal ?? []) {
      if (state.get(next) === 'open') cycles.push([...stack.slice(stack.indexOf(next)), next]);
      else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(path, 'done');
  };
  for (const path of [...graph.keys()].sort()) if (!state.has(path)) visit(path);
  return cycles;
}

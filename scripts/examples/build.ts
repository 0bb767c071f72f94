/**
 * Builds the example widgets (`examples/<name>/`): each `main.ts` / `main.tsx` is bundled with
 * esbuild into one IIFE script (so pages also work opened from disk, `file://`), next to a copy of
 * the example's `index.html` and `*.css`; CSS the module imports is emitted as `main.css`.
 *
 * Examples import the package by its public names only (`device-auth-machine`,
 * `device-auth-machine/mock/fetch`), resolved here to the working tree's sources; any other
 * `device-auth-machine/...` import fails the build, so an example cannot lean on internals.
 */
import { copyFile, mkdir, readdir, stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Plugin } from 'esbuild';
import { frameworkPlugins } from './plugins.js';

/** The repository's root. */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
/** Where the examples' sources live. */
export const EXAMPLES_DIR = join(REPO_ROOT, 'examples');
/** Folders of `examples/` that are not examples. */
const NOT_EXAMPLES = new Set(['shared', 'dist', 'node_modules']);
/** An example's entry module, in order of preference. */
const ENTRY_NAMES = ['main.ts', 'main.tsx'];

/** The public entry points examples may import, and the source files they stand for here. */
export const PUBLIC_ENTRIES: Readonly<Record<string, string>> = {
  'device-auth-machine': join(REPO_ROOT, 'src', 'index.ts'),
  'device-auth-machine/mock/fetch': join(REPO_ROOT, 'src', 'mock', 'fetch.ts'),
};

/** One built example. */
export interface BuiltExample {
  /** Its folder name under `examples/`, e.g. `vanilla`. */
  readonly name: string;
  /** Its entry module. */
  readonly entry: string;
  /** The folder holding `index.html` and `main.js`. */
  readonly dir: string;
  /** The page to open, `<dir>/index.html`. */
  readonly page: string;
}

/** Options of {@link buildExamples}. */
export interface BuildExamplesOptions {
  /** Where to write `<name>/main.js` and its page (created if missing). */
  outDir: string;
  /** Build only these examples (default: every folder of `examples/` with an entry and an `index.html`). */
  names?: readonly string[] | undefined;
}

/** Resolves the package's public names to the working tree's sources, and refuses the rest. */
const publicEntriesOnly: Plugin = {
  name: 'device-auth-machine-public-entries',
  setup(builder) {
    builder.onResolve({ filter: /^device-auth-machine(\/.*)?$/ }, (args) => {
      const path = PUBLIC_ENTRIES[args.path];
      if (path !== undefined) return { path };
      return {
        errors: [{ text: `examples import only ${Object.keys(PUBLIC_ENTRIES).join(' and ')}; "${args.path}" is not one of them` }],
      };
    });
  },
};

async function isFile(path: string): Promise<boolean> {
  return stat(path).then((info) => info.isFile(), () => false);
}

/** The examples found under `examples/`, in name order: folders with an entry module and an `index.html`. */
export async function findExamples(): Promise<Array<{ name: string; entry: string }>> {
  const found: Array<{ name: string; entry: string }> = [];
  const entries = await readdir(EXAMPLES_DIR, { withFileTypes: true });
  for (const folder of entries.filter((entry) => entry.isDirectory() && !NOT_EXAMPLES.has(entry.name)).sort((a, b) => a.name.localeCompare(b.name))) {
    const dir = join(EXAMPLES_DIR, folder.name);
    if (!(await isFile(join(dir, 'index.html')))) continue;
    for (const entryName of ENTRY_NAMES) {
      if (await isFile(join(dir, entryName))) {
        found.push({ name: folder.name, entry: join(dir, entryName) });
        break;
      }
    }
  }
  return found;
}

/**
 * Bundles one entry module into `<dir>/main.js` (and `main.css` when it imports CSS), then copies
 * the `index.html` and `*.css` beside the entry. Exported for tests; use {@link buildExamples}.
 */
export async function bundleExample(entry: string, dir: string): Promise<void> {
  await build({
    entryPoints: [entry],
    outfile: join(dir, 'main.js'),
    bundle: true,
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
    minify: false,
    sourcemap: false,
    jsx: 'automatic',
    loader: { '.svg': 'text' },
    define: { 'process.env.NODE_ENV': '"production"' },
    plugins: [publicEntriesOnly, ...frameworkPlugins],
    logLevel: 'silent',
  });
  const source = dirname(entry);
  for (const file of await readdir(source)) {
    if (file === 'index.html' || file.endsWith('.css')) await copyFile(join(source, file), join(dir, file));
  }
}

/**
 * Builds the examples into `<outDir>/<name>/` (`index.html`, `main.js`, `main.css` when the
 * example imports CSS, and the example's own `*.css`).
 *
 * @throws Error naming the example when one fails to build (esbuild's messages attached), or
 *   when a name in `names` is not an example.
 */
export async function buildExamples(options: BuildExamplesOptions): Promise<BuiltExample[]> {
  const all = await findExamples();
  const wanted = options.names === undefined ? all : options.names.map((name) => {
    const example = all.find((candidate) => candidate.name === name);
    if (example === undefined) throw new Error(`no example "${name}" in examples/ (have: ${all.map((candidate) => candidate.name).join(', ')})`);
    return example;
  });
  const built: BuiltExample[] = [];
  for (const { name, entry } of wanted) {
    const dir = join(resolve(options.outDir), name);
    await mkdir(dir, { recursive: true });
    try {
      await bundleExample(entry, dir);
    } catch (error) {
      const messages = (error as { errors?: Array<{ text: string; location?: { file: string; line: number } | null }> }).errors ?? [];
      const detail = messages.map((message) => `  ${message.location ? `${message.location.file}:${message.location.line}: ` : ''}${message.text}`).join('\n');
      throw new Error(`building example "${name}" failed${detail ? `:\n${detail}` : `: ${String(error)}`}`, { cause: error });
    }
    built.push({ name, entry, dir, page: join(dir, 'index.html') });
  }
  return built;
}

/**
 * The package's JavaScript, bundled by esbuild in two builds:
 *
 * 1. The main entry (`.`) as one self-contained file, `dist/index.js`. Node's ESM loader pays per
 *    module file (resolving, reading and compiling each), so `.` loads as one file next to XState's:
 *    shipping the ~100 files tsc emits, or a main entry spread over shared chunks, made importing
 *    `.` far slower than importing XState alone. A module the main entry loads with a dynamic
 *    `import()` (the providers other than Trakt, for `authorize`) stays a file of its own,
 *    `dist/lazy/<name>.js`, so a bundler keeps it out of what an app loads up front.
 * 2. Every other entry point of `exports`, the CLI (`bin`) and those lazy modules, with code
 *    splitting among themselves (`dist/chunks/`). What they take from the library's public surface they import
 *    from `dist/index.js` at run time: imports of `src/index.ts` (the CLI's way in) and of
 *    `src/core/errors.ts` are rewritten to it, so there is one `DeviceAuthError` class and
 *    `instanceof` holds between `.`, `./mock`, `./node` and the CLI. Other stateless helpers they
 *    share with `.` are bundled into them.
 *
 * Dependencies and `node:` modules stay imports. Declarations come from tsc
 * (`tsconfig.build.json`, declarations only).
 *
 *   tsx scripts/build/bundle.ts [--out-dir dist]
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build, type BuildOptions, type Plugin } from 'esbuild';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
/** The main entry's name in `entryPoints` (`dist/index.js`). */
const MAIN_ENTRY = 'index';
/** What the second build imports the main entry as, until each output gets its relative path. */
const MAIN_ENTRY_PLACEHOLDER = 'device-auth-machine:main-entry';

/** `src/<x>.ts` for each `./dist/<x>.js` entry of package.json's `exports`, plus the CLI (`bin`). */
export async function entryPoints(repo = REPO): Promise<Record<string, string>> {
  const pkg = JSON.parse(await readFile(join(repo, 'package.json'), 'utf8')) as {
    exports: Record<string, string | { default: string }>;
    bin: Record<string, string>;
  };
  const targets = [
    ...Object.values(pkg.exports).flatMap((target) => (typeof target === 'string' ? [] : [target.default])),
    ...Object.values(pkg.bin),
  ];
  const entries: Record<string, string> = {};
  for (const target of targets) {
    const name = target.replace(/^\.\/dist\//, '').replace(/\.js$/, '');
    entries[name] = join(repo, 'src', `${name}.ts`);
  }
  return entries;
}

/** Sources the other entries must take from the main entry rather than bundle a copy of. */
function mainEntrySources(repo: string): Set<string> {
  return new Set([join(repo, 'src', 'index.ts'), join(repo, 'src', 'core', 'errors.ts')]);
}

/** Resolves imports of `sources` (a `.js` specifier naming a `.ts` file) to the main-entry placeholder. */
function importFromMainEntry(sources: Set<string>): Plugin {
  return {
    name: 'import-from-main-entry',
    setup(builder) {
      builder.onResolve({ filter: /^\.\.?\// }, ({ path, resolveDir }) => {
        const source = resolve(resolveDir, path).replace(/\.js$/, '.ts');
        return sources.has(source) ? { path: MAIN_ENTRY_PLACEHOLDER, external: true } : undefined;
      });
    },
  };
}

/**
 * Leaves each relative dynamic `import()` as a file of its own, `./lazy/<name>.js`, and records
 * its source in `lazy` (name → source) for the second build.
 */
function keepDynamicImportsApart(lazy: Map<string, string>): Plugin {
  return {
    name: 'keep-dynamic-imports-apart',
    setup(builder) {
      builder.onResolve({ filter: /^\.\.?\//, namespace: 'file' }, ({ path, resolveDir, kind }) => {
        if (kind !== 'dynamic-import') return undefined;
        const source = resolve(resolveDir, path).replace(/\.js$/, '.ts');
        const name = `lazy/${basename(source, '.ts')}`;
        if (lazy.has(name) && lazy.get(name) !== source) throw new Error(`two lazy modules named ${name}`);
        lazy.set(name, source);
        return { path: `./${name}.js`, external: true };
      });
    },
  };
}

/** The import specifier of `dist/index.js` from the output file `file`. */
function mainEntrySpecifier(outDir: string, file: string): string {
  const path = relative(dirname(file), join(outDir, `${MAIN_ENTRY}.js`)).split(sep).join('/');
  return path.startsWith('.') ? path : `./${path}`;
}

/** Options both builds share: ESM, ES2022, not minified, no source maps, dependencies external. */
const common: BuildOptions = {
  bundle: true,
  format: 'esm',
  platform: 'neutral',
  target: 'es2022',
  packages: 'external',
  external: ['node:*'],
  legalComments: 'none',
  logLevel: 'warning',
};

/** Bundles the entry points into `outDir`: the main entry as one file, the others split among themselves. */
export async function bundlePackage(outDir: string, repo = REPO): Promise<void> {
  const { [MAIN_ENTRY]: main, ...others } = await entryPoints(repo);
  if (main === undefined) throw new Error(`package.json exports has no ./dist/${MAIN_ENTRY}.js entry`);
  const lazy = new Map<string, string>();
  await build({ ...common, entryPoints: { [MAIN_ENTRY]: main }, outdir: outDir, plugins: [keepDynamicImportsApart(lazy)] });
  const result = await build({
    ...common,
    entryPoints: { ...others, ...Object.fromEntries(lazy) },
    outdir: outDir,
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
    plugins: [importFromMainEntry(mainEntrySources(repo))],
    write: false,
  });
  for (const file of result.outputFiles) {
    const text = file.text.replaceAll(JSON.stringify(MAIN_ENTRY_PLACEHOLDER), JSON.stringify(mainEntrySpecifier(outDir, file.path)));
    await mkdir(dirname(file.path), { recursive: true });
    await writeFile(file.path, text);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const flag = process.argv.indexOf('--out-dir');
  await bundlePackage(resolve(flag > 0 ? (process.argv[flag + 1] ?? 'dist') : join(REPO, 'dist')));
}

/**
 * The package's JavaScript: every entry point of `exports` and the CLI, bundled by esbuild in one
 * build with code splitting, so each entry is one file plus the few chunks it shares with the
 * others (`dist/chunks/`). Node's ESM loader pays per module file, so shipping the ~100 files tsc
 * emits made importing `.` several times slower than importing XState; shared chunks keep one copy
 * of each module across entries, so `instanceof DeviceAuthError` holds between `.`, `./mock` and
 * the CLI. Dependencies and `node:` modules stay imports. Declarations come from tsc
 * (`tsconfig.build.json`, declarations only).
 *
 *   tsx scripts/build/bundle.ts [--out-dir dist]
 */
import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

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

/** Bundles the entry points into `outDir` (ESM, ES2022, not minified, no source maps). */
export async function bundlePackage(outDir: string, repo = REPO): Promise<void> {
  await build({
    entryPoints: await entryPoints(repo),
    outdir: outDir,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'neutral',
    target: 'es2022',
    packages: 'external',
    external: ['node:*'],
    chunkNames: 'chunks/[name]-[hash]',
    legalComments: 'none',
    logLevel: 'warning',
  });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const flag = process.argv.indexOf('--out-dir');
  await bundlePackage(resolve(flag > 0 ? (process.argv[flag + 1] ?? 'dist') : join(REPO, 'dist')));
}

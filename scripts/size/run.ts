/**
 * `npm run size`: what embedding the package costs, in figures (not a test).
 *
 * 1. Browser bundle: `export { authorize } from 'device-auth-machine'` (esbuild, minified,
 *    platform browser, ESM, code splitting as apps bundle), what loads up front gzipped (chunks
 *    behind a dynamic `import()` are reported apart), minus the same for XState alone with everything the machines
 *    use (`createActor, setup, assign, emit, fromPromise, fromCallback, sendTo, enqueueActions`).
 *    Target: at most 8 KiB gzipped beyond XState. Then the biggest inputs of the bundle
 *    (esbuild metafile) and the exact gzipped cost of each third-party package besides XState.
 * 2. Import time in Node: a fresh process per import, the import timed from inside (wall and
 *    CPU), the median of several runs, `.` against `xstate` alone. Target: at most 1.3×.
 *    Every other entry point is timed too.
 *
 * Measures the working tree: builds src as `npm run build` does (scripts/build/bundle.ts) into a
 * temp folder (the repo's dist is left alone) and resolves dependencies from the repo's node_modules.
 *
 *   tsx scripts/size/run.ts [--repeats N] [--strict]   (--strict: exit 1 when a target is missed)
 */
import { spawn } from 'node:child_process';
import { cp, mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { build, type Metafile } from 'esbuild';
import { bundlePackage } from '../build/bundle.js';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const STRICT = process.argv.includes('--strict');
const repeatsArg = process.argv.indexOf('--repeats');
const REPEATS = repeatsArg > 0 ? Number(process.argv[repeatsArg + 1]) : 11;
const BUNDLE_TARGET_BYTES = 8 * 1024;
const IMPORT_TARGET_RATIO = 1.3;
/** Everything of XState the machines and clients use: the fair baseline. */
const XSTATE_BASELINE = ['createActor', 'setup', 'assign', 'emit', 'fromPromise', 'fromCallback', 'sendTo', 'enqueueActions'];
const ENTRY_POINTS = [
  'device-auth-machine',
  'device-auth-machine/node',
  'device-auth-machine/viewer',
  'device-auth-machine/stately',
  'device-auth-machine/mock',
  'device-auth-machine/mock/fetch',
];

let missed = 0;
const verdict = (holds: boolean): string => {
  if (!holds) missed += 1;
  return holds ? 'HOLDS' : 'MISSED';
};
const kib = (bytes: number): string => `${(bytes / 1024).toFixed(2)} KiB`;

function exec(command: string, args: readonly string[], cwd: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.once('error', reject);
    child.once('close', (code) => resolvePromise({ code, stdout, stderr }));
  });
}

/** Builds the working tree's entry points into `<tmp>/pkg/dist` (as `npm run build` does) beside a copy of package.json; returns the app folder. */
async function prepare(tmp: string): Promise<string> {
  const pkg = join(tmp, 'pkg');
  await mkdir(pkg, { recursive: true });
  await cp(join(REPO, 'package.json'), join(pkg, 'package.json'));
  await cp(join(REPO, 'visualizations'), join(pkg, 'visualizations'), { recursive: true });
  await bundlePackage(join(pkg, 'dist'), REPO);
  await symlink(join(REPO, 'node_modules'), join(pkg, 'node_modules'), 'dir');
  const app = join(tmp, 'app');
  await mkdir(join(app, 'node_modules'), { recursive: true });
  await symlink(pkg, join(app, 'node_modules', 'device-auth-machine'), 'dir');
  await symlink(join(REPO, 'node_modules', 'xstate'), join(app, 'node_modules', 'xstate'), 'dir');
  await writeFile(join(app, 'package.json'), JSON.stringify({ name: 'size-app', private: true, type: 'module' }));
  return app;
}

interface Bundle {
  /** What loads up front: the entry and the chunks it imports statically. */
  readonly bytes: number;
  readonly gzip: number;
  readonly brotli: number;
  /** Chunks behind a dynamic `import()`, loaded only when that code runs (e.g. a provider other than Trakt). */
  readonly lazyBytes: number;
  readonly lazyGzip: number;
  readonly metafile: Metafile;
  /** The output paths (metafile keys) of what loads up front. */
  readonly initial: readonly string[];
}

/** The entry output and every output it imports statically, transitively (metafile keys). */
function initialOutputs(metafile: Metafile, entry: string): string[] {
  const seen = new Set<string>([entry]);
  const queue = [entry];
  for (let path = queue.pop(); path !== undefined; path = queue.pop()) {
    for (const imported of metafile.outputs[path]?.imports ?? []) {
      if (imported.kind === 'import-statement' && !imported.external && !seen.has(imported.path)) {
        seen.add(imported.path);
        queue.push(imported.path);
      }
    }
  }
  return [...seen];
}

/**
 * Bundles `source` as an app would (code splitting on, as Vite and Rollup do), and measures what
 * loads up front apart from what a dynamic `import()` loads later.
 */
async function bundle(app: string, name: string, source: string, external: readonly string[] = []): Promise<Bundle> {
  const entry = join(app, `${name}.js`);
  await writeFile(entry, source);
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    splitting: true,
    minify: true,
    platform: 'browser',
    format: 'esm',
    target: 'es2022',
    write: false,
    metafile: true,
    outdir: join(app, 'out', name),
    external: [...external],
    logLevel: 'silent',
  });
  const entryOutput = Object.keys(result.metafile.outputs).find((path) => result.metafile.outputs[path]?.entryPoint !== undefined);
  if (entryOutput === undefined) throw new Error(`esbuild made no entry output for ${name}`);
  const initial = initialOutputs(result.metafile, entryOutput);
  const initialFiles = new Set(initial.map((output) => resolve(output)));
  const isInitial = (path: string) => initialFiles.has(resolve(path));
  const code = Buffer.concat(result.outputFiles.filter((file) => isInitial(file.path)).map((file) => Buffer.from(file.contents)));
  const lazy = Buffer.concat(result.outputFiles.filter((file) => !isInitial(file.path)).map((file) => Buffer.from(file.contents)));
  return {
    bytes: code.length,
    gzip: gzipSync(code, { level: 9 }).length,
    brotli: brotliCompressSync(code, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
    lazyBytes: lazy.length,
    lazyGzip: lazy.length === 0 ? 0 : gzipSync(lazy, { level: 9 }).length,
    metafile: result.metafile,
    initial,
  };
}

/** `xstate/dist/…`, `cross-fetch/…` or the package's own `dist/…` path of a bundle input. */
function displayName(input: string, tmp: string): string {
  const path = resolve(input);
  const nodeModules = path.lastIndexOf(`${sep}node_modules${sep}`);
  if (nodeModules >= 0) return path.slice(nodeModules + '/node_modules/'.length);
  const inPkg = relative(join(tmp, 'pkg'), path);
  return inPkg.startsWith('..') ? relative(tmp, path) : inPkg;
}

function packageOf(name: string): string {
  if (name.startsWith('dist/')) return 'device-auth-machine';
  const parts = name.split('/');
  return name.startsWith('@') ? `${parts[0]}/${parts[1]}` : (parts[0] ?? name);
}

function contributors(result: Bundle, tmp: string): { name: string; bytes: number }[] {
  const inputs = new Map<string, number>();
  for (const path of result.initial) {
    for (const [input, { bytesInOutput }] of Object.entries(result.metafile.outputs[path]?.inputs ?? {})) {
      inputs.set(input, (inputs.get(input) ?? 0) + bytesInOutput);
    }
  }
  return [...inputs]
    .map(([input, bytes]) => ({ name: displayName(input, tmp), bytes }))
    .filter(({ bytes }) => bytes > 0)
    .sort((a, b) => b.bytes - a.bytes);
}

async function bundleFigures(app: string, tmp: string): Promise<void> {
  console.log('\n== 1. Browser bundle (esbuild --bundle --minify --platform=browser --format=esm, target es2022) ==');
  const lib = await bundle(app, 'authorize', `export { authorize } from 'device-auth-machine';\n`);
  const base = await bundle(app, 'xstate-baseline', `export { ${XSTATE_BASELINE.join(', ')} } from 'xstate';\n`);
  const whole = await bundle(app, 'main-entry', `export * from 'device-auth-machine';\n`);
  const row = (label: string, b: Bundle): string =>
    `  ${label.padEnd(58)} ${kib(b.bytes).padStart(11)} min  ${kib(b.gzip).padStart(10)} gzip  ${kib(b.brotli).padStart(10)} brotli`;
  console.log(row(`{ authorize } from 'device-auth-machine'`, lib));
  console.log(row(`xstate { ${XSTATE_BASELINE.slice(0, 3).join(', ')}, … } (baseline)`, base));
  console.log(row(`export * from 'device-auth-machine' (the whole main entry)`, whole));
  const beyond = lib.gzip - base.gzip;
  console.log(
    `  beyond XState: ${kib(beyond)} gzip (${beyond} B), ${kib(lib.bytes - base.bytes)} minified; target ≤ ${kib(BUNDLE_TARGET_BYTES)} gzip: ${verdict(beyond <= BUNDLE_TARGET_BYTES)}`,
  );
  console.log(`  loaded later, only when used (chunks behind a dynamic import): ${kib(lib.lazyGzip)} gzip, ${kib(lib.lazyBytes)} minified`);
  console.log(`  the whole main entry beyond XState: ${kib(whole.gzip - base.gzip)} gzip (for information)`);

  const inputs = contributors(lib, tmp);
  const total = inputs.reduce((sum, { bytes }) => sum + bytes, 0);
  const byPackage = new Map<string, number>();
  for (const { name, bytes } of inputs) byPackage.set(packageOf(name), (byPackage.get(packageOf(name)) ?? 0) + bytes);
  console.log(`\n  Minified bytes of the { authorize } bundle by package (metafile bytesInOutput, ${total} B in all):`);
  for (const [name, bytes] of [...byPackage].sort((a, b) => b[1] - a[1])) {
    console.log(`    ${name.padEnd(40)} ${String(bytes).padStart(7)} B  ${((100 * bytes) / total).toFixed(1).padStart(5)} %`);
  }
  console.log('\n  Largest inputs other than XState (minified bytes in the bundle):');
  for (const { name, bytes } of inputs.filter(({ name }) => packageOf(name) !== 'xstate').slice(0, 20)) {
    console.log(`    ${name.padEnd(58)} ${String(bytes).padStart(6)} B`);
  }
  const baseXstate = contributors(base, tmp).reduce((sum, { bytes }) => sum + bytes, 0);
  console.log(`  XState in the { authorize } bundle: ${byPackage.get('xstate') ?? 0} B minified; in the baseline: ${baseXstate} B`);
  const thirdParty = [...byPackage.keys()].filter((name) => name !== 'xstate' && name !== 'device-auth-machine');
  for (const name of thirdParty) {
    const without = await bundle(app, `authorize-without-${name.replace(/\W/g, '_')}`, `export { authorize } from 'device-auth-machine';\n`, [name]);
    console.log(`  exact cost of ${name} (the bundle with it marked external): ${lib.gzip - without.gzip} B gzip, ${lib.bytes - without.bytes} B minified`);
  }
}

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

/** One fresh Node process importing `specifier`: the import's wall and CPU time from inside, and the whole process's wall time. */
async function timeImport(app: string, specifier: string): Promise<{ wall: number; cpu: number; process: number }> {
  const script = `const c0 = process.cpuUsage(); const t0 = performance.now();
await import(${JSON.stringify(specifier)});
const t1 = performance.now(); const c = process.cpuUsage(c0);
console.log(JSON.stringify({ wall: t1 - t0, cpu: (c.user + c.system) / 1000 }));`;
  const started = performance.now();
  const result = await exec(process.execPath, ['--input-type=module', '-e', script], app);
  const processMs = performance.now() - started;
  if (result.code !== 0) throw new Error(`importing ${specifier} failed: ${result.stderr.trim().split('\n').slice(-3).join(' | ')}`);
  const { wall, cpu } = JSON.parse(result.stdout.trim()) as { wall: number; cpu: number };
  return { wall, cpu, process: processMs };
}

async function importFigures(app: string): Promise<void> {
  const load = loadavg().map((value) => value.toFixed(1)).join(' ');
  console.log(`\n== 2. Import time in Node ${process.version} (fresh process each, median of ${REPEATS}, runs interleaved) ==`);
  console.log(`  ${cpus().length} CPUs, load average ${load} at the start (wall times stretch under load; the ratios less so)`);
  const specifiers = ['xstate', ...ENTRY_POINTS];
  const samples = new Map<string, { wall: number[]; cpu: number[]; process: number[] }>(
    specifiers.map((specifier) => [specifier, { wall: [], cpu: [], process: [] }]),
  );
  const failed = new Map<string, string>();
  for (const specifier of specifiers) {
    try {
      await timeImport(app, specifier); // warm the file cache; not counted
    } catch (error) {
      failed.set(specifier, error instanceof Error ? error.message : String(error));
    }
  }
  for (let round = 0; round < REPEATS; round += 1) {
    for (const specifier of specifiers) {
      if (failed.has(specifier)) continue;
      const sample = await timeImport(app, specifier);
      const bucket = samples.get(specifier)!;
      bucket.wall.push(sample.wall);
      bucket.cpu.push(sample.cpu);
      bucket.process.push(sample.process);
    }
  }
  const base = samples.get('xstate')!;
  const baseWall = median(base.wall);
  const baseCpu = median(base.cpu);
  console.log(`  ${'import'.padEnd(34)} ${'wall ms'.padStart(9)} ${'cpu ms'.padStart(9)} ${'× xstate wall'.padStart(14)} ${'× xstate cpu'.padStart(13)} ${'process ms'.padStart(11)}`);
  for (const specifier of specifiers) {
    const error = failed.get(specifier);
    if (error !== undefined) {
      console.log(`  ${specifier.padEnd(34)} could not be imported: ${error}`);
      continue;
    }
    const bucket = samples.get(specifier)!;
    const wall = median(bucket.wall);
    const cpu = median(bucket.cpu);
    console.log(
      `  ${specifier.padEnd(34)} ${wall.toFixed(1).padStart(9)} ${cpu.toFixed(1).padStart(9)} ${(wall / baseWall).toFixed(2).padStart(13)}× ${(cpu / baseCpu).toFixed(2).padStart(12)}× ${median(bucket.process).toFixed(0).padStart(11)}`,
    );
  }
  const main = samples.get('device-auth-machine')!;
  if (failed.has('xstate') || failed.has('device-auth-machine')) {
    console.log(`  target ≤ ${IMPORT_TARGET_RATIO}× xstate for '.': ${verdict(false)} (could not measure)`);
    return;
  }
  const wallRatio = median(main.wall) / baseWall;
  const cpuRatio = median(main.cpu) / baseCpu;
  console.log(`  '.' vs xstate alone: ${wallRatio.toFixed(2)}× wall (target ≤ ${IMPORT_TARGET_RATIO}×: ${verdict(wallRatio <= IMPORT_TARGET_RATIO)}), ${cpuRatio.toFixed(2)}× CPU (target ≤ ${IMPORT_TARGET_RATIO}×: ${verdict(cpuRatio <= IMPORT_TARGET_RATIO)})`);
}

const tmp = await mkdtemp(join(tmpdir(), 'device-auth-size-'));
try {
  console.log('device-auth-machine size and import cost (working tree, built to a temp folder)');
  const app = await prepare(tmp);
  await bundleFigures(app, tmp);
  await importFigures(app);
  console.log(`\n${missed === 0 ? 'all targets hold' : `${missed} target(s) missed`}`);
} finally {
  await rm(tmp, { recursive: true, force: true });
}
process.exit(STRICT && missed > 0 ? 1 : 0);

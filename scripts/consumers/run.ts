/**
 * The consumer matrix ("Embed anywhere": proven where users run it). Packs the working tree with
 * `npm pack`, installs the tarball into throwaway projects under a temp folder and, against the
 * embedded mock server (HTTP on 127.0.0.1, interval 1 s, approved on the second poll), signs in
 * for real from each place a user runs it:
 *
 *   a. Node ESM (also `./node`'s file token store)      b. Node CommonJS (`require()` of ESM)
 *   c. TypeScript with skipLibCheck false: CommonJS + nodenext, Node ESM, a browser app (DOM,
 *      no @types/node), `./stately` with its peer; each with TypeScript 5.8 (the first to
 *      type-check require() of ESM) and the latest TypeScript
 *   d. Bun and Deno, from their npm packages            e. a browser: an esbuild bundle in headless Chromium
 *
 * plus publint and @arethetypeswrong/cli (profile esm-only) on the same tarball.
 * Prints one PASS/FAIL line per check as it finishes (the type-checks run beside the sign-ins, so
 * their lines interleave) and exits 1 on any failure. Usage:
 *
 *   tsx scripts/consumers/run.ts [--keep] [--head]
 *     --keep  leaves the temp folder for a look
 *     --head  packs the last commit (git archive HEAD) instead of the working tree
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import type { MockServer } from '../../src/mock/index.js';
import {
  browserProject,
  esmSignIn,
  nodeCjsProject,
  nodeEsmProject,
  toolProject,
  tsBrowserProject,
  tsCjsProject,
  tsEsmProject,
  tsStatelyProject,
} from './projects.js';
import {
  ensureOk,
  failureOf,
  killRunning,
  npmInstall,
  packWorkingTree,
  Report,
  resultLine,
  run,
  serveStatic,
  settleLimited,
  writeProject,
  type RunResult,
} from './support.js';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const KEEP = process.argv.includes('--keep');
/** `--head`: pack the last commit instead of the working tree (the tree may be mid-edit). */
const SOURCE = process.argv.includes('--head') ? 'head' : 'working-tree';
const PACKED = SOURCE === 'head' ? 'last commit (git archive HEAD)' : 'working tree';
/** 5.8 is the first TypeScript to type-check require() of ESM under nodenext; latest is what `npm i typescript` gives today. */
const TYPESCRIPT_VERSIONS = ['5.8.3', 'latest'] as const;
const CHROMIUM_PATH = '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
/** Deno permissions granted beyond net (the mock), read (the project) and write (its out/ folder). */
const DENO_EXTRA_PERMISSIONS: readonly string[] = [];
/** The whole run is stopped (and counted as failed) after this long. */
const WATCHDOG_MS = 15 * 60_000;
const SIGN_IN_TIMEOUT_MS = 60_000;

const report = new Report();
const cleanups: (() => Promise<unknown>)[] = [];
let root = '';

type ProjectName =
  | 'node-esm'
  | 'node-cjs'
  | 'ts-cjs'
  | 'ts-esm'
  | 'ts-browser'
  | 'ts-stately'
  | 'bun'
  | 'deno'
  | 'browser'
  | `typescript-${(typeof TYPESCRIPT_VERSIONS)[number]}`;

interface ProjectPlan {
  readonly name: ProjectName;
  readonly files: Record<string, string>;
  /** What to install from the registry (besides the tarball when `withTarball`). */
  readonly extra: readonly string[];
  readonly withTarball: boolean;
}

const dir = (name: ProjectName): string => join(root, name);

async function main(): Promise<void> {
  root = await mkdtemp(join(tmpdir(), 'device-auth-consumers-'));
  cleanups.push(() => (KEEP ? Promise.resolve(console.log(`(kept ${root})`)) : rm(root, { recursive: true, force: true })));
  const started = Date.now();
  console.log(`consumer matrix: Node ${process.version}, temp folder ${root}`);

  // 1. The tarball, exactly as npm would publish the working tree.
  let tarball: string;
  try {
    const packed = await packWorkingTree(REPO, join(root, 'repo'), join(root, 'pack'), SOURCE);
    tarball = packed.tarball;
    const size = (await stat(tarball)).size;
    report.pass(`npm pack (prepack builds) of the ${PACKED}`, `${relative(root, tarball)}, ${(size / 1024).toFixed(1)} KiB`);
  } catch (error) {
    report.fail(`npm pack (prepack builds) of the ${PACKED}`, error);
    report.fail('everything else', 'not run: there is no tarball to install');
    return;
  }

  // 2. Package lints on that tarball.
  await report.check('publint on the tarball', () => publint(tarball));
  await report.check('attw --profile esm-only on the tarball', () => attw(tarball));

  // 3. The throwaway projects, installed from the tarball and the npm registry.
  const plans: ProjectPlan[] = [
    { name: 'node-esm', files: nodeEsmProject('about:blank'), extra: [], withTarball: true },
    { name: 'node-cjs', files: nodeCjsProject('about:blank'), extra: [], withTarball: true },
    { name: 'ts-cjs', files: tsCjsProject(), extra: ['@types/node@20'], withTarball: true },
    { name: 'ts-esm', files: tsEsmProject(), extra: ['@types/node@20'], withTarball: true },
    { name: 'ts-browser', files: tsBrowserProject(), extra: [], withTarball: true },
    { name: 'ts-stately', files: tsStatelyProject(), extra: ['@statelyai/inspect@^0.7.2'], withTarball: true },
    ...TYPESCRIPT_VERSIONS.map((version): ProjectPlan => ({
      name: `typescript-${version}`,
      files: toolProject(`typescript-${version}`),
      extra: [`typescript@${version}`],
      withTarball: false,
    })),
    { name: 'bun', files: toolProject('bun'), extra: ['bun'], withTarball: true },
    { name: 'deno', files: toolProject('deno'), extra: ['deno'], withTarball: true },
    { name: 'browser', files: browserProject(), extra: ['esbuild'], withTarball: true },
  ];
  const installed = new Set<ProjectName>();
  const outcomes = await settleLimited(
    4,
    plans.map((plan) => async () => {
      await writeProject(dir(plan.name), plan.files);
      await npmInstall(dir(plan.name), [...(plan.withTarball ? [tarball] : []), ...plan.extra]);
    }),
  );
  plans.forEach((plan, index) => {
    const outcome = outcomes[index]!;
    const what = `install ${plan.name} (${[...(plan.withTarball ? ['tarball'] : []), ...plan.extra].join(' + ')})`;
    if (outcome.status === 'fulfilled') {
      installed.add(plan.name);
      report.pass(what);
    } else {
      report.fail(what, outcome.reason);
    }
  });
  const needs = (name: ProjectName): void => {
    if (!installed.has(name)) throw new Error(`not run: the ${name} project did not install (see above)`);
  };

  // 4. The mock, from the installed package's own `./mock` entry (resolved through its exports).
  let mock: MockServer;
  try {
    needs('node-esm');
    const entry = createRequire(join(dir('node-esm'), 'package.json')).resolve('device-auth-machine/mock');
    const mockModule = (await import(pathToFileURL(entry).href)) as typeof import('../../src/mock/index.js');
    mock = await mockModule.startMockServer({ interval: 1, autoApproveAfterPolls: 1, expiresIn: 120 });
    const running = mock;
    cleanups.unshift(() => running.close());
    report.pass('the mock server from device-auth-machine/mock', `${mock.url} (interval 1 s, approved on the 2nd poll)`);
  } catch (error) {
    report.fail('the mock server from device-auth-machine/mock', error);
    report.fail('every sign-in', 'not run: no mock server');
    await typeChecks(needs);
    return;
  }

  // c. TypeScript runs beside the sign-ins (tsc is CPU, a sign-in mostly waits for its polls).
  const typing = typeChecks(needs);

  // a. Node ESM.
  await report.check('node ESM: import every entry point (., ./node, ./viewer, ./mock)', async () => {
    needs('node-esm');
    await writeProject(dir('node-esm'), nodeEsmProject(mock.url));
    const result = resultLine(ensureOk('node entries.mjs', await run(process.execPath, ['entries.mjs'], { cwd: dir('node-esm') })));
    const missing = Object.entries(result).filter(([, ok]) => ok !== true);
    if (missing.length > 0) throw new Error(`wrong exports: ${missing.map(([name]) => name).join(', ')}`);
    return Object.keys(result).join(' ');
  });
  await signInCheck('node ESM', 'node-esm', mock, () => run(process.execPath, ['sign-in.mjs'], { cwd: dir('node-esm'), timeoutMs: SIGN_IN_TIMEOUT_MS }));

  // b. Node CommonJS.
  await signInCheck('node CommonJS (require of ESM)', 'node-cjs', mock, async () => {
    await writeProject(dir('node-cjs'), nodeCjsProject(mock.url));
    return run(process.execPath, ['sign-in.js'], { cwd: dir('node-cjs'), timeoutMs: SIGN_IN_TIMEOUT_MS });
  });

  // d. Bun and Deno.
  await runtimeSignIns(needs, mock);

  // e. A browser.
  await browserCheck(needs, mock);

  await typing;

  console.log(`(${((Date.now() - started) / 1000).toFixed(0)} s)`);
}

/** publint on the tarball: errors fail, warnings and suggestions are shown. */
async function publint(tarball: string): Promise<string> {
  const result = await run(join(REPO, 'node_modules', '.bin', 'publint'), ['run', tarball], { cwd: REPO });
  const text = `${result.stdout}\n${result.stderr}`.trim();
  if (result.code !== 0) throw new Error(`publint found errors:\n${text}`);
  const notes = text.split('\n').filter((line) => /^\s*\d+\.\s/.test(line));
  return notes.length === 0 ? 'no errors, warnings or suggestions' : `no errors; ${notes.length} note(s):\n      ${notes.join('\n      ')}`;
}

/** @arethetypeswrong/cli on the tarball (what `attw --pack .` checks, without packing twice). */
async function attw(tarball: string): Promise<string> {
  const result = await run(
    join(REPO, 'node_modules', '.bin', 'attw'),
    [tarball, '--profile', 'esm-only', '--format', 'ascii', '--no-color', '--no-emoji'],
    { cwd: REPO, env: { ...process.env, FORCE_COLOR: '0' } },
  );
  const text = `${result.stdout}\n${result.stderr}`.trim();
  if (result.code !== 0) throw new Error(`attw found problems:\n${text}`);
  // Each entry point's block: the quoted name, then one line per resolution mode.
  const entries = [...text.matchAll(/^"([^"]+)"\n\n((?:.+\n?)+)/gm)].map(([, name, block]) => ({ name: name!, block: block! }));
  const checked = entries.filter(({ block }) => /node16 \(from ESM\): OK/.test(block) && /bundler: OK/.test(block));
  if (entries.length === 0 || checked.length !== entries.length) throw new Error(`attw exited 0 but not every entry point is OK:\n${text}`);
  return `node16 (from ESM) and bundler OK for ${entries.map(({ name }) => name.replace(/^device-auth-machine/, '.')).join(', ')}`;
}

interface SignInResult {
  runtime?: string;
  userCode?: string;
  verificationUrl?: string;
  tokenType?: string;
  expiresAt?: number;
  accessTokenLength?: number;
  hasRefreshToken?: boolean;
  username?: string;
  /** The browser's second sign-in, to an RFC 8628 provider through a lazily loaded chunk. */
  rfc8628TokenType?: string;
  storedRoundTrip?: boolean;
  fileMode?: string;
  required?: boolean;
  signInError?: string;
  storeError?: string;
}

/** What a RESULT line must say for a real sign-in; returns a short summary. */
function checkSignIn(result: SignInResult, mock: MockServer, userAgent: string | undefined): string {
  if (result.signInError) throw new Error(`sign-in failed: ${result.signInError}`);
  const problems: string[] = [];
  if (!/^[A-Z0-9]{8}$/.test(result.userCode ?? '')) problems.push(`user code ${JSON.stringify(result.userCode)}`);
  if (result.tokenType !== 'bearer') problems.push(`token type ${JSON.stringify(result.tokenType)}`);
  if (!(typeof result.expiresAt === 'number' && result.expiresAt > Date.now())) problems.push(`expiresAt ${String(result.expiresAt)}`);
  if (!(typeof result.accessTokenLength === 'number' && result.accessTokenLength > 0)) problems.push('no access token');
  if (result.hasRefreshToken !== true) problems.push('no refresh token');
  if (result.username !== 'mock-user') problems.push(`/users/settings said ${JSON.stringify(result.username)}`);
  if (userAgent !== undefined) {
    // The server side agrees: this consumer's token poll was answered 200.
    const issued = mock.log.some(
      (entry) => entry.path === '/oauth/device/token' && entry.status === 200 && entry.headers['user-agent'] === userAgent,
    );
    if (!issued) problems.push(`the mock issued no token to ${userAgent}`);
  }
  if (problems.length > 0) throw new Error(`bad sign-in: ${problems.join('; ')}`);
  return `code ${result.userCode}, ${result.tokenType} token valid until ${new Date(result.expiresAt!).toISOString()}, account ${result.username}`;
}

/** The file store part of a RESULT line. */
function checkStore(result: SignInResult): string {
  if (result.storeError) throw new Error(`createFileTokenStore failed: ${result.storeError}`);
  if (result.storedRoundTrip !== true) throw new Error('the stored token did not read back equal');
  if (result.fileMode !== '600') throw new Error(`token file mode ${String(result.fileMode)}, expected 600`);
  return 'token written and read back, mode 0600';
}

/** A sign-in run (one child process) reported as a sign-in line and a file-store line. */
async function signInCheck(label: string, project: ProjectName, mock: MockServer, start: () => Promise<RunResult>): Promise<void> {
  let result: SignInResult | undefined;
  let stderrNote = '';
  await report.check(`${label}: authorize() signs in against the mock and the token works`, async () => {
    if (!existsSync(join(dir(project), 'node_modules', 'device-auth-machine'))) throw new Error(`not run: the ${project} project did not install`);
    const outcome = await start();
    result = resultLine(outcome) as SignInResult;
    if (outcome.code !== 0) throw new Error(`exit ${outcome.code}: ${failureOf(outcome)}`);
    if (result.required === false) throw new Error('an entry point did not export its functions through require()');
    const warnings = outcome.stderr.split('\n').filter((line) => /Warning/.test(line));
    if (warnings.length > 0) stderrNote = ` (stderr: ${warnings.map((line) => line.trim()).join(' | ')})`;
    return `${checkSignIn(result, mock, `device-auth-consumer/${result.runtime ?? project}`)}${stderrNote}`;
  });
  await report.check(`${label}: device-auth-machine/node createFileTokenStore`, () => {
    if (result === undefined) throw new Error('not run: the sign-in did not report');
    if (result.signInError) throw new Error('not run: the sign-in failed');
    return checkStore(result);
  });
}

/** c. Every TypeScript project with every TypeScript version, plus loading ./stately with its peer. */
async function typeChecks(needs: (name: ProjectName) => void): Promise<void> {
  const projects: { name: ProjectName; what: string }[] = [
    { name: 'ts-cjs', what: 'CommonJS, module nodenext, no DOM: ., ./node, ./viewer, ./mock' },
    { name: 'ts-esm', what: 'Node ESM, module nodenext, no DOM: ., ./node, ./viewer, ./mock, xstate' },
    { name: 'ts-browser', what: 'browser, lib DOM, no @types/node, moduleResolution bundler: .' },
    { name: 'ts-stately', what: 'ESM, lib DOM, ./stately with @statelyai/inspect' },
  ];
  for (const version of TYPESCRIPT_VERSIONS) {
    const tool: ProjectName = `typescript-${version}`;
    let label = `TypeScript ${version}`;
    try {
      needs(tool);
      const pkg = JSON.parse(await readFile(join(dir(tool), 'node_modules', 'typescript', 'package.json'), 'utf8')) as { version: string };
      label = `TypeScript ${pkg.version}`;
    } catch {
      // reported by each check below
    }
    for (const project of projects) {
      await report.check(`types (${label}, skipLibCheck false): ${project.what}`, async () => {
        needs(tool);
        needs(project.name);
        const tsc = join(dir(tool), 'node_modules', '.bin', 'tsc');
        const result = await run(tsc, ['-p', dir(project.name), '--pretty', 'false'], { cwd: dir(project.name), timeoutMs: 180_000 });
        if (result.code === 0 && !result.timedOut) return undefined;
        const lines = `${result.stdout}\n${result.stderr}`.split('\n').filter((line) => line.trim() !== '');
        const errors = lines.filter((line) => /error TS\d+/.test(line)).length;
        throw new Error(`${errors} error(s), tsc ${failureOf(result, 0)}:\n${lines.join('\n')}`);
      });
    }
  }
  await report.check('node ESM: device-auth-machine/stately loads with @statelyai/inspect installed', async () => {
    needs('ts-stately');
    const result = resultLine(ensureOk('node load.mjs', await run(process.execPath, ['load.mjs'], { cwd: dir('ts-stately') })));
    if (result.createRedactedWebSocketInspector !== 'function') throw new Error(`got ${JSON.stringify(result)}`);
    return undefined;
  });
}

/** d. Bun and Deno, each from its npm package: version, then the ESM sign-in. */
async function runtimeSignIns(needs: (name: ProjectName) => void, mock: MockServer): Promise<void> {
  const port = new URL(mock.url).port;
  const runtimes: { name: 'bun' | 'deno'; label: string; command: (cwd: string) => [string, string[], NodeJS.ProcessEnv] }[] = [
    {
      name: 'bun',
      label: 'Bun',
      command: (cwd) => [join(cwd, 'node_modules', '.bin', 'bun'), ['sign-in.mjs'], { ...process.env, NO_COLOR: '1' }],
    },
    {
      name: 'deno',
      label: 'Deno',
      // Only what a sign-in and a token file need: the mock's address and the project folder.
      // A new need (env, sys, run) is a finding to document or remove, so it fails here first.
      command: (cwd) => [
        join(cwd, 'node_modules', '.bin', 'deno'),
        ['run', `--allow-net=127.0.0.1:${port}`, `--allow-read=${cwd}`, `--allow-write=${join(cwd, 'out')}`, ...DENO_EXTRA_PERMISSIONS, 'sign-in.mjs'],
        { ...process.env, NO_COLOR: '1', DENO_NO_UPDATE_CHECK: '1', DENO_DIR: join(root, 'deno-dir') },
      ],
    },
  ];
  for (const runtime of runtimes) {
    const cwd = dir(runtime.name);
    let version = '';
    const ready = await report.check(`${runtime.label}: installed from npm and runs`, async () => {
      needs(runtime.name);
      const [command, , env] = runtime.command(cwd);
      const result = ensureOk(`${runtime.name} --version`, await run(command, ['--version'], { cwd, env, timeoutMs: 60_000 }));
      const line = result.stdout.trim().split('\n')[0] ?? '';
      version = /\d+\.\d+\.\d+\S*/.exec(line)?.[0] ?? line;
      return line;
    });
    if (!ready) {
      report.fail(`${runtime.label}: sign-in against the mock`, `not run: ${runtime.name} is not usable (see above)`);
      continue;
    }
    await mkdir(join(cwd, 'out'), { recursive: true });
    await writeProject(cwd, esmSignIn(runtime.name, mock.url));
    await signInCheck(`${runtime.label} ${version}`, runtime.name, mock, () => {
      const [command, args, env] = runtime.command(cwd);
      return run(command, args, { cwd, env, timeoutMs: SIGN_IN_TIMEOUT_MS });
    });
  }
}

/** e. The esbuild browser bundle: no Node built-ins, no @viz-js, and a real sign-in in headless Chromium. */
async function browserCheck(needs: (name: ProjectName) => void, mock: MockServer): Promise<void> {
  const cwd = dir('browser');
  const bundle = join(cwd, 'public', 'app.js');
  const built = await report.check('browser: esbuild --bundle --splitting --platform=browser --format=esm of { authorize }', async () => {
    needs('browser');
    ensureOk(
      'esbuild',
      await run(
        join(cwd, 'node_modules', '.bin', 'esbuild'),
        ['src/app.js', '--bundle', '--splitting', '--platform=browser', '--format=esm', `--outdir=${join(cwd, 'public')}`, '--metafile=meta.json', '--log-level=warning'],
        { cwd },
      ),
    );
    const meta = JSON.parse(await readFile(join(cwd, 'meta.json'), 'utf8')) as { inputs: Record<string, unknown> };
    const packages = new Set(
      Object.keys(meta.inputs).map((input) => /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input)?.[1] ?? '(app)'),
    );
    return `${((await stat(bundle)).size / 1024).toFixed(1)} KiB unminified, packages: ${[...packages].sort().join(', ')}`;
  });
  await report.check('browser: the bundle has no node: import and no @viz-js reference', async () => {
    if (!built) throw new Error('not run: no bundle');
    const outputs = (await readdir(join(cwd, 'public'))).filter((file) => file.endsWith('.js'));
    const text = (await Promise.all(outputs.map((file) => readFile(join(cwd, 'public', file), 'utf8')))).join('\n');
    const meta = await readFile(join(cwd, 'meta.json'), 'utf8');
    const found: string[] = [];
    const nodeImport = /(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*|\bimport\s+)["'`]node:[^"'`]*["'`]/g;
    for (const match of text.matchAll(nodeImport)) found.push(match[0]);
    if (/["'`]node:/.test(meta)) found.push('a node: path in the metafile');
    if (text.includes('@viz-js')) found.push('"@viz-js" in the bundle');
    if (meta.includes('@viz-js')) found.push('an @viz-js input in the metafile');
    if (found.length > 0) throw new Error(found.join('; '));
    return undefined;
  });
  await report.check('browser: headless Chromium signs in from a 127.0.0.1 page (CORS) and gets a working token', async () => {
    if (!built) throw new Error('not run: no bundle');
    if (!existsSync(CHROMIUM_PATH)) {
      throw new Error(`no Chromium at ${CHROMIUM_PATH} (apt-get update && apt-get install -y --no-install-recommends chromium)`);
    }
    const site = await serveStatic(join(cwd, 'public'));
    const profile = join(root, 'chromium-profile');
    const browser = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM_PATH,
      args: CHROMIUM_ARGS,
      headless: true,
    });
    try {
      const page = await browser.newPage();
      const problems: string[] = [];
      page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
      page.on('console', (message) => {
        if (message.type() === 'error') problems.push(`console: ${message.text()}`);
      });
      let lazyChunkLoaded = false;
      page.on('request', (request) => {
        if (/\/device-flow-services-for-[^/]*\.js$/.test(request.url())) lazyChunkLoaded = true;
      });
      page.on('requestfailed', (request) => problems.push(`request failed: ${request.method()} ${request.url()} ${request.failure()?.errorText ?? ''}`));
      await page.goto(`${site.url}/?mock=${encodeURIComponent(mock.url)}`);
      const output = await page.waitForSelector('#result[data-status]', { timeout: SIGN_IN_TIMEOUT_MS });
      const status = await output.getAttribute('data-status');
      const text = (await output.textContent()) ?? '';
      if (status !== 'ok') throw new Error(`the page reported ${status}: ${text}${problems.length > 0 ? `\n${problems.join('\n')}` : ''}`);
      const result = JSON.parse(text) as SignInResult;
      if (!lazyChunkLoaded) throw new Error('authorize with RFC 8628 endpoints loaded no lazy chunk');
      if (typeof result.rfc8628TokenType !== 'string' || result.rfc8628TokenType === '') throw new Error('no RFC 8628 token');
      const userAgent = mock.log.find((entry) => entry.path === '/oauth/device/code' && entry.headers.origin === site.url)?.headers['user-agent'];
      return `${checkSignIn(result, mock, undefined)}; then RFC 8628 through a lazy chunk (${result.rfc8628TokenType} token); requests came from origin ${site.url} with User-Agent "${userAgent ?? '?'}"`;
    } finally {
      await browser.close();
      await site.close();
    }
  });
}

let cleaning: Promise<void> | undefined;

/** Kills what still runs, closes the servers and removes the temp folder; once, however often called. */
function cleanUp(): Promise<void> {
  cleaning ??= (async () => {
    killRunning();
    for (const cleanup of cleanups.splice(0)) {
      await cleanup().catch((error: unknown) => console.log(`(cleanup: ${error instanceof Error ? error.message : String(error)})`));
    }
  })();
  return cleaning;
}

/** Prints the closing line and exits; the first caller wins (the main path, a signal or the watchdog). */
function finish(code: number): void {
  console.log(`consumers: ${report.passed} passed, ${report.failed} failed${code === 130 ? ' (interrupted)' : ''}`);
  process.exit(code);
}

const watchdog = setTimeout(() => {
  report.fail('the whole run', `did not finish within ${WATCHDOG_MS / 60_000} minutes`);
  void cleanUp().finally(() => finish(1));
}, WATCHDOG_MS);
let interrupted = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    interrupted = true;
    console.log(`(${signal}: cleaning up; checks cut short by it fail)`);
    void cleanUp().finally(() => finish(130));
  });
}

try {
  await main();
} catch (error) {
  report.fail('the consumer matrix itself', error instanceof Error ? (error.stack ?? error.message) : error);
} finally {
  clearTimeout(watchdog);
  await cleanUp();
}
finish(interrupted ? 130 : report.failed > 0 ? 1 : 0);

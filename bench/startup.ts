/**
 * Benchmark 4, startup: CPU and wall time to import each entry point of this package from the
 * built dist/ (as users get it, through the package's own `exports`), XState alone and each peer,
 * each in a fresh plain `node` process, interleaved and repeated; and the whole `device-auth --help`
 * (dist/cli/main.js) beside an empty `node -e ''`.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { REPO_ROOT } from './lib/node-child.js';
import type { BenchOptions } from './lib/options.js';
import { median } from './lib/stats.js';

/** What is imported, in table order. */
export const STARTUP_IMPORTS = [
  { label: 'device-auth-machine (.)', specifier: 'device-auth-machine' },
  { label: 'device-auth-machine/node', specifier: 'device-auth-machine/node' },
  { label: 'device-auth-machine/viewer', specifier: 'device-auth-machine/viewer' },
  { label: 'device-auth-machine/stately', specifier: 'device-auth-machine/stately' },
  { label: 'device-auth-machine/mock', specifier: 'device-auth-machine/mock' },
  { label: 'device-auth-machine/mock/fetch', specifier: 'device-auth-machine/mock/fetch' },
  { label: 'xstate alone', specifier: 'xstate' },
  { label: '@octokit/auth-oauth-device', specifier: '@octokit/auth-oauth-device' },
  { label: 'openid-client', specifier: 'openid-client' },
] as const;

/** One row: medians over the runs. */
export interface StartupRow {
  readonly label: string;
  readonly cpuMs: number;
  readonly wallMs: number;
  readonly runs: number;
  /** CPU ÷ importing XState alone, median of ratios paired per round. */
  readonly vsXstate: number | null;
}

/** Benchmark 4's results. */
export interface StartupResult {
  readonly imports: readonly StartupRow[];
  /** `node dist/cli/main.js --help`, whole process. */
  readonly cliHelp: { readonly cpuMs: number; readonly wallMs: number };
  /** `node -e ''`, whole process: what any Node program costs before its first line. */
  readonly emptyNode: { readonly cpuMs: number; readonly wallMs: number };
  readonly source: 'dist';
}

const PROBE = fileURLToPath(new URL('./startup/import-probe.mjs', import.meta.url));
const EXIT_CPU = fileURLToPath(new URL('./startup/exit-cpu.mjs', import.meta.url));

function runProcess(args: readonly string[]): Promise<{ stdout: string; stderr: string; wallMs: number }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, args, { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      const wallMs = performance.now() - started;
      if (code !== 0) reject(new Error(`node ${args.join(' ')} exited ${code}: ${stderr.slice(-500)}`));
      else resolve({ stdout, stderr, wallMs });
    });
  });
}

async function wholeProcess(args: readonly string[]): Promise<{ cpuMs: number; wallMs: number }> {
  const { stderr, wallMs } = await runProcess(['--import', EXIT_CPU, ...args]);
  const cpu = /BENCH_CPU (\d+)/.exec(stderr)?.[1];
  if (cpu === undefined) throw new Error(`node ${args.join(' ')}: no CPU reading`);
  return { cpuMs: Number(cpu) / 1000, wallMs };
}

/** Runs benchmark 4 (dist/ must be built). */
export async function runStartup(options: BenchOptions, log: (line: string) => void): Promise<StartupResult> {
  const samples = new Map<string, Array<{ cpuMs: number; wallMs: number }>>();
  const cli: Array<{ cpuMs: number; wallMs: number }> = [];
  const empty: Array<{ cpuMs: number; wallMs: number }> = [];
  for (let round = 0; round < options.startupRuns; round++) {
    for (const entry of STARTUP_IMPORTS) {
      const { stdout } = await runProcess([PROBE, entry.specifier]);
      const reading = JSON.parse(stdout.trim().split('\n').at(-1)!) as { cpuMicros: number; wallMs: number };
      samples.set(entry.label, [...(samples.get(entry.label) ?? []), { cpuMs: reading.cpuMicros / 1000, wallMs: reading.wallMs }]);
    }
    cli.push(await wholeProcess(['dist/cli/main.js', '--help']));
    empty.push(await wholeProcess(['-e', '']));
    log(`  startup round ${round + 1}/${options.startupRuns}`);
  }
  const xstate = samples.get('xstate alone')!;
  const imports = STARTUP_IMPORTS.map((entry): StartupRow => {
    const mine = samples.get(entry.label)!;
    return {
      label: entry.label,
      cpuMs: median(mine.map((s) => s.cpuMs)),
      wallMs: median(mine.map((s) => s.wallMs)),
      runs: mine.length,
      vsXstate: median(mine.map((s, round) => s.cpuMs / xstate[round]!.cpuMs)),
    };
  });
  const medians = (list: Array<{ cpuMs: number; wallMs: number }>) => ({ cpuMs: median(list.map((s) => s.cpuMs)), wallMs: median(list.map((s) => s.wallMs)) });
  return { imports, cliHelp: medians(cli), emptyNode: medians(empty), source: 'dist' };
}

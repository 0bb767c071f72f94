/**
 * Helpers of the consumer matrix (scripts/consumers/run.ts): child processes with a time limit,
 * the packed tarball, throwaway projects, a static file server and the PASS/FAIL report.
 */
import { spawn } from 'node:child_process';
import { cp, mkdir, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { readFile } from 'node:fs/promises';

export interface RunResult {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly timedOut: boolean;
}

export interface RunOptions {
  readonly cwd: string;
  readonly env?: NodeJS.ProcessEnv;
  /** Killed (SIGKILL, with its process group) after this many milliseconds. */
  readonly timeoutMs?: number;
}

/** Process groups of the commands still running, for {@link killRunning}. */
const running = new Set<number>();

/** Kills every command still running (with what it started); for an interrupted run. */
export function killRunning(): void {
  for (const pid of running) {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  running.clear();
}

/** Runs a command without a shell; never rejects for a non-zero exit (read `code`). */
export function run(command: string, args: readonly string[], options: RunOptions): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true, // its own process group, so a timeout kills what it started too
    });
    const pid = child.pid;
    if (pid !== undefined) running.add(pid);
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
      } catch {
        child.kill('SIGKILL');
      }
    }, options.timeoutMs ?? 120_000);
    child.once('error', (error) => {
      clearTimeout(timer);
      if (pid !== undefined) running.delete(pid);
      reject(error);
    });
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      if (pid !== undefined) running.delete(pid);
      resolve({ code, signal, stdout, stderr, timedOut });
    });
  });
}

/** A one-line reason from a failed command: the exit status and the last meaningful output lines. */
export function failureOf(result: RunResult, lines = 6): string {
  const status = result.timedOut ? 'timed out' : result.signal ? `killed by ${result.signal}` : `exit ${result.code}`;
  const text = `${result.stderr}\n${result.stdout}`
    .split('\n')
    .map((line) => line.trimEnd())
    .filter((line) => line.trim() !== '' && !/^npm (notice|warn)/.test(line));
  return `${status}${text.length > 0 ? `: ${text.slice(-lines).join(' | ')}` : ''}`;
}

/** Throws with {@link failureOf} unless the command exited 0. */
export function ensureOk(what: string, result: RunResult): RunResult {
  if (result.code !== 0 || result.timedOut) throw new Error(`${what} failed (${failureOf(result)})`);
  return result;
}

/** The first line printed as `RESULT {json}` by a consumer script, parsed. */
export function resultLine(result: RunResult): Record<string, unknown> {
  const line = result.stdout.split('\n').find((text) => text.startsWith('RESULT '));
  if (line === undefined) throw new Error(`no RESULT line (${failureOf(result)})`);
  return JSON.parse(line.slice('RESULT '.length)) as Record<string, unknown>;
}

/** Top-level entries of the repository not copied to the packing folder. */
const NOT_COPIED = new Set(['node_modules', 'dist', '.git', 'test-results', 'coverage']);

/**
 * Packs the working tree as npm would publish it, without touching the repository: copies it (the
 * current, possibly uncommitted files; or the last commit with `source: 'head'`) to `workDir`,
 * links the repository's node_modules, and runs `npm pack` there (`prepack` builds into that
 * copy's dist). Returns the tarball's path.
 */
export async function packWorkingTree(
  repo: string,
  workDir: string,
  outDir: string,
  source: 'working-tree' | 'head' = 'working-tree',
): Promise<{ tarball: string; log: RunResult }> {
  await mkdir(workDir, { recursive: true });
  await mkdir(outDir, { recursive: true });
  if (source === 'head') {
    const archive = join(outDir, 'head.tar');
    ensureOk('git archive HEAD', await run('git', ['archive', '--format=tar', `--output=${archive}`, 'HEAD'], { cwd: repo }));
    ensureOk('tar -x', await run('tar', ['-xf', archive, '-C', workDir], { cwd: repo }));
    await rm(archive);
  } else {
    for (const entry of await readdir(repo)) {
      if (NOT_COPIED.has(entry) || entry.endsWith('.tgz')) continue;
      await cp(join(repo, entry), join(workDir, entry), { recursive: true });
    }
  }
  await symlink(join(repo, 'node_modules'), join(workDir, 'node_modules'), 'dir');
  const log = ensureOk('npm pack', await run('npm', ['pack', '--pack-destination', outDir], { cwd: workDir, timeoutMs: 300_000 }));
  const tarballs = (await readdir(outDir)).filter((name) => name.endsWith('.tgz'));
  if (tarballs.length !== 1) throw new Error(`npm pack left ${tarballs.length} tarballs in ${outDir}`);
  return { tarball: join(outDir, tarballs[0]!), log };
}

/** Writes a project's files (paths relative to `dir`). */
export async function writeProject(dir: string, files: Readonly<Record<string, string>>): Promise<void> {
  for (const [name, content] of Object.entries(files)) {
    const path = join(dir, name);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, content);
  }
}

/** `npm install` into a throwaway project, quietly and without touching any lockfile. */
export async function npmInstall(dir: string, specs: readonly string[], timeoutMs = 300_000): Promise<RunResult> {
  return ensureOk(
    `npm install ${specs.join(' ')}`,
    await run('npm', ['install', '--no-audit', '--no-fund', '--no-package-lock', '--loglevel=error', ...specs], { cwd: dir, timeoutMs }),
  );
}

/** Runs tasks with at most `limit` in flight; results in input order, each settled. */
export async function settleLimited<T>(limit: number, tasks: readonly (() => Promise<T>)[]): Promise<PromiseSettledResult<T>[]> {
  const results: PromiseSettledResult<T>[] = new Array<PromiseSettledResult<T>>(tasks.length);
  let next = 0;
  async function worker(): Promise<void> {
    while (next < tasks.length) {
      const index = next++;
      try {
        results[index] = { status: 'fulfilled', value: await tasks[index]!() };
      } catch (reason) {
        results[index] = { status: 'rejected', reason };
      }
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker));
  return results;
}

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
};

/** Serves the files of `dir` (no sub-folders) on 127.0.0.1 at a free port. */
export async function serveStatic(dir: string): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((request, response) => {
    const name = (request.url ?? '/').split('?')[0]!.replace(/^\/+/, '') || 'index.html';
    if (name.includes('/') || name.includes('..')) {
      response.writeHead(404).end();
      return;
    }
    readFile(join(dir, name)).then(
      (body) => {
        const type = CONTENT_TYPES[name.slice(name.lastIndexOf('.'))] ?? 'application/octet-stream';
        response.writeHead(200, { 'Content-Type': type, 'Cache-Control': 'no-store' }).end(body);
      },
      () => response.writeHead(404).end(),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** One line per check, as it finishes; {@link Report.failed} counts the failures. */
export class Report {
  passed = 0;
  failed = 0;

  pass(what: string, detail?: string): void {
    this.passed += 1;
    console.log(`PASS  ${what}${detail ? ` — ${detail}` : ''}`);
  }

  fail(what: string, reason: unknown): void {
    this.failed += 1;
    const text = reason instanceof Error ? reason.message : String(reason);
    console.log(`FAIL  ${what} — ${text.replace(/\n+/g, '\n      ')}`);
  }

  /** Runs `body`; PASS with the detail it returns, FAIL with what it throws. */
  async check(what: string, body: () => Promise<string | undefined> | string | undefined): Promise<boolean> {
    try {
      this.pass(what, await body());
      return true;
    } catch (error) {
      this.fail(what, error);
      return false;
    }
  }
}

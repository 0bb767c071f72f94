/**
 * Runs the real `device-auth` command line as a child process (through tsx, from the sources)
 * and lets tests wait for lines of output instead of sleeping.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const MAIN = fileURLToPath(new URL('../../src/cli/main.ts', import.meta.url));

export interface CliRun {
  child: ChildProcess;
  /** Resolves with the first stdout line matching `predicate` (rejects if the process exits first). */
  waitForLine(predicate: (line: string) => boolean): Promise<string>;
  /** Resolves when the process exits. */
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>;
}

/** Environment without the caller's Trakt settings, so tests never pick up real credentials. */
export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const key of ['TRAKT_CLIENT_ID', 'TRAKT_CLIENT_SECRET', 'TRAKT_BASE_URL', 'NO_COLOR', 'FORCE_COLOR']) delete env[key];
  return { ...env, ...extra };
}

/** Spawns `device-auth <args>`. */
export function runCli(args: string[], env: NodeJS.ProcessEnv = cleanEnv()): CliRun {
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN, ...args], { cwd: PROJECT_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  return watch(child);
}

/** Wraps any child process with line waiting and an exit promise. */
export function watch(child: ChildProcess): CliRun {
  let stdout = '';
  let stderr = '';
  const waiters: Array<{ predicate: (line: string) => boolean; resolve: (line: string) => void; seen: number }> = [];
  const check = () => {
    const lines = stdout.split('\n').slice(0, -1);
    for (const waiter of [...waiters]) {
      const line = lines.find(waiter.predicate);
      if (line !== undefined) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(line);
      }
    }
  };
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
    check();
  });
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })),
  );
  return {
    child,
    exit,
    waitForLine: (predicate) =>
      new Promise((resolve, reject) => {
        waiters.push({ predicate, resolve, seen: 0 });
        check();
        void exit.then(({ code }) => reject(new Error(`process exited (${code}) before the line appeared.\nstdout:\n${stdout}\nstderr:\n${stderr}`)));
      }),
  };
}

/** Resolves with the first match of `pattern` in the child's stderr (rejects if the process exits first). */
export function waitForStderr(run: CliRun, pattern: RegExp): Promise<RegExpMatchArray> {
  return new Promise((resolve, reject) => {
    let seen = '';
    const check = (chunk: string) => {
      seen += chunk;
      const match = pattern.exec(seen);
      if (match) {
        run.child.stderr!.off('data', check);
        resolve(match);
      }
    };
    run.child.stderr!.on('data', check);
    void run.exit.then(({ code, stderr }) => reject(new Error(`exited (${code}) before stderr matched ${pattern}:\n${stderr}`)));
  });
}

/** Parses JSON-lines output. */
export function jsonLines(stdout: string): Array<Record<string, unknown> & { type: string }> {
  return stdout
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as Record<string, unknown> & { type: string });
}

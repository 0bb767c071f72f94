/** Spawns a bench script in a fresh Node process (`node --expose-gc --import tsx`) and reads its one JSON line. */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The repository root (bench/lib/../..). */
export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Options of {@link runNodeScript}. */
export interface NodeScriptOptions {
  /** Extra Node flags before the script (e.g. `--max-old-space-size=8192`). */
  readonly nodeFlags?: readonly string[];
  /** Load the script through tsx (default true). */
  readonly tsx?: boolean;
  /** Kill the child after this many ms (default 120 000). */
  readonly timeoutMs?: number;
}

/**
 * Runs `node [--expose-gc --import tsx] <script> <args>` from the repository root and resolves with
 * the last line of its stdout parsed as JSON. Rejects with the child's stderr when it fails.
 */
export function runNodeScript<T>(script: string, args: readonly string[], options: NodeScriptOptions = {}): Promise<T> {
  const flags = ['--expose-gc', ...(options.tsx === false ? [] : ['--import', 'tsx']), ...(options.nodeFlags ?? [])];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...flags, script, ...args], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 120_000);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const last = stdout.trim().split('\n').at(-1) ?? '';
      if (code !== 0) {
        reject(new Error(`${script} ${args.join(' ')} exited ${code ?? signal}: ${stderr.trim().slice(-2000)}`));
        return;
      }
      try {
        resolve(JSON.parse(last) as T);
      } catch {
        reject(new Error(`${script} printed no JSON line: ${stdout.slice(-500)} ${stderr.slice(-1000)}`));
      }
    });
  });
}

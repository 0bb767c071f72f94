/** Starts test/stores/fixtures/store-process.ts as a real child process, killed after the test. */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach } from 'vitest';
import { PROJECT_ROOT, watch, type CliRun } from '../support/run-cli.js';

const SCRIPT = fileURLToPath(new URL('./fixtures/store-process.ts', import.meta.url));
const running: CliRun[] = [];

afterEach(async () => {
  for (const run of running.splice(0)) {
    run.child.kill('SIGKILL');
    await run.exit;
  }
});

/** A child process using a file store on `tokenFile` in `mode` (see the fixture's comment). */
export function startStoreProcess(tokenFile: string, mode: 'hold' | 'crash-mid-write'): CliRun {
  const child = spawn(process.execPath, ['--import', 'tsx', SCRIPT, tokenFile, mode], { cwd: PROJECT_ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
  const run = watch(child);
  running.push(run);
  return run;
}

/** Kills `run` with SIGKILL (no clean-up runs in it) and resolves once it is gone. */
export async function crash(run: CliRun): Promise<void> {
  run.child.kill('SIGKILL');
  const { signal } = await run.exit;
  if (signal !== 'SIGKILL') throw new Error(`expected the process to be killed, it ended with ${String(signal)}`);
}

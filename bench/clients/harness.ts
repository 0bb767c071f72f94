/**
 * Runs one client module on the job given as JSON in argv[2] and prints one JSON line:
 * `sign-ins` (CPU, RSS and token times of N concurrent sign-ins against the mock process) or
 * `waiting` (heap per sign-in left waiting for the person on the in-memory mock).
 */
import { cpuMicros, idleCpuRate } from '../lib/cpu.js';
import { sleep, wallNow } from '../lib/clock.js';
import { collectGarbage, settledHeapUsed } from '../lib/gc.js';
import type { BenchClient, ClientJob, SignIn, SignInJob, SignInResult, Target, WaitingJob, WaitingResult } from './client-types.js';
import { createWaitingMock, issueCodesDirectly } from './waiting-mock.js';

/**
 * Starts `count` sign-ins spread evenly over `rampMs` (people do not all press "sign in" in the same
 * millisecond, and 500 connects at once overflow a listen backlog on a loaded machine) and waits
 * for all of them.
 */
async function runAll(signIn: SignIn, count: number, rampMs: number) {
  const tokens: Array<readonly [string, number]> = [];
  let failures = 0;
  let firstFailure: string | null = null;
  await Promise.all(
    Array.from({ length: count }, async (_, index) => {
      if (rampMs > 0) await sleep((index * rampMs) / count);
      let userCode = '';
      try {
        await signIn((code) => (userCode = code));
        tokens.push([userCode, wallNow()]);
      } catch (error) {
        failures += 1;
        const cause = error instanceof Error && error.cause instanceof Error ? ` (cause: ${error.cause.message})` : '';
        firstFailure ??= error instanceof Error ? `${error.name}: ${error.message}${cause}` : String(error);
      }
    }),
  );
  return { tokens, failures, firstFailure };
}

async function signIns(client: BenchClient, job: SignInJob): Promise<SignInResult> {
  // The runtime's own idle cost, read before any sign-in: work the warm-up leaves behind (sockets
  // closing, sweeping) is the client's and stays in the measured figure.
  collectGarbage();
  const idleRate = await idleCpuRate();
  const warm = await client.setUp({ ...job.warmTarget, fetch: globalThis.fetch });
  const warmed = await runAll(warm, job.warmUpSignIns, 0);
  if (warmed.failures > 0) throw new Error(`warm-up failed: ${warmed.firstFailure}`);
  collectGarbage();

  const signIn = await client.setUp({ ...job.target, fetch: globalThis.fetch });
  const cpuStart = cpuMicros();
  const started = performance.now();
  const run = await runAll(signIn, job.signIns, job.rampMs);
  const wallMs = performance.now() - started;
  const cpu = cpuMicros() - cpuStart;
  return {
    kind: 'sign-ins',
    signIns: job.signIns,
    failures: run.failures,
    firstFailure: run.firstFailure,
    cpuMicros: cpu,
    idleMicros: idleRate * wallMs,
    wallMs,
    maxRssKib: process.resourceUsage().maxRSS,
    tokens: run.tokens,
  };
}

async function waiting(client: BenchClient, job: WaitingJob): Promise<WaitingResult> {
  // The mock's own records, measured alone on a fresh mock, then dropped.
  let mockBytes: number;
  {
    const mock = createWaitingMock(job.mode);
    const before = settledHeapUsed();
    await issueCodesDirectly(mock, job.mode, job.signIns);
    mockBytes = settledHeapUsed() - before;
    mock.close();
  }
  const mock = createWaitingMock(job.mode);
  const target: Target = { mode: job.mode, url: mock.url, clientId: mock.clientId, clientSecret: mock.clientSecret, fetch: mock.fetch as typeof fetch };
  const signIn = await client.setUp(target);
  const before = settledHeapUsed();
  const started = performance.now();
  let waitingNow = 0;
  let allWaiting!: () => void;
  const everyoneWaits = new Promise<void>((resolve) => (allWaiting = resolve));
  const flows = Array.from({ length: job.signIns }, () =>
    signIn(() => {
      waitingNow += 1;
      if (waitingNow === job.signIns) allWaiting();
    }).catch(() => undefined),
  );
  await everyoneWaits;
  const setUpMs = performance.now() - started;
  // Let the last answers' promises settle (the code is known before the request's own bookkeeping ends).
  await new Promise((resolve) => setTimeout(resolve, 50));
  const totalBytes = settledHeapUsed() - before;
  const rssKib = Math.round(process.memoryUsage().rss / 1024);
  void flows;
  return { kind: 'waiting', signIns: job.signIns, mockBytes, totalBytes, bytesPerSignIn: (totalBytes - mockBytes) / job.signIns, rssKib, setUpMs };
}

/** Runs `client` on the job in `process.argv[2]`, prints the result as one JSON line and exits. */
export async function runClient(client: BenchClient): Promise<void> {
  const job = JSON.parse(process.argv[2] ?? '') as ClientJob;
  const result = job.kind === 'sign-ins' ? await signIns(client, job) : await waiting(client, job);
  process.stdout.write(`${JSON.stringify(result)}\n`);
  process.exit(0);
}

/**
 * Benchmark 1, side by side: every client in its own process against the mock in another,
 * interleaved within each repeat (the order rotates per repeat), on RFC 8628 mode and Trakt mode.
 * The sign-ins of a run start spread over one interval.
 * CPU ratios are paired within a repeat (the same minute of a noisy machine).
 */
import { CLIENTS, clientScript, type ClientEntry } from './clients/registry.js';
import type { SignInJob, SignInResult } from './clients/client-types.js';
import { runNodeScript } from './lib/node-child.js';
import type { BenchOptions } from './lib/options.js';
import { percentile, spread, type Spread } from './lib/stats.js';
import type { MockHost } from './mock/mock-host.js';
import type { MockMode, ServerAddress, ServerStats } from './mock/protocol.js';

/** The server every client meets: interval 1 s, approval at the 4th poll. */
export const SIDE_BY_SIDE_SERVER = { interval: 1, autoApproveAfterPolls: 3 } as const;

/** One client's run in one repeat. */
export interface SideBySideRun {
  readonly client: string;
  readonly mode: MockMode;
  readonly repeat: number;
  readonly failures: number;
  readonly cpuPerSignInMicros: number;
  readonly maxRssKib: number;
  readonly requestsPerSignIn: number;
  readonly earlyPolls: number;
  readonly mockEarlyPolls: number | null;
  readonly minGapMs: number | null;
  readonly latencyP50Ms: number;
  readonly latencyP95Ms: number;
  readonly wallMs: number;
}

/** One client in one mode over every repeat. */
export interface SideBySideRow {
  readonly client: string;
  readonly label: string;
  readonly role: ClientEntry['role'];
  readonly mode: MockMode;
  readonly cpuPerSignInMicros: Spread;
  readonly maxRssKib: Spread;
  readonly requestsPerSignIn: number;
  readonly earlyPolls: number;
  readonly mockEarlyPolls: number | null;
  readonly minGapMs: number | null;
  /** Approval (the poll the mock approved on arrived) → the client held the token, every sign-in of every repeat. */
  readonly latencyP50Ms: number;
  readonly latencyP95Ms: number;
  readonly failures: number;
  /** CPU per sign-in ÷ the bare loop's in the same mode and repeat. */
  readonly vsBareLoop: Spread | null;
  /** CPU per sign-in ÷ the cheaper peer's in the same repeat (RFC 8628 mode only; a peer is compared with itself too). */
  readonly vsBestPeer: Spread | null;
}

/** Benchmark 1's results. */
export interface SideBySideResult {
  readonly signIns: number;
  readonly repeats: number;
  readonly modes: readonly MockMode[];
  readonly skipped: readonly string[];
  readonly rows: readonly SideBySideRow[];
  readonly runs: readonly SideBySideRun[];
}

function latencies(result: SignInResult, stats: ServerStats): number[] {
  const values: number[] = [];
  for (const [userCode, tokenAt] of result.tokens) {
    const approvedAt = stats.approvedAt[userCode];
    if (approvedAt !== undefined) values.push(tokenAt - approvedAt);
  }
  return values;
}

async function runOnce(host: MockHost, client: ClientEntry, server: ServerAddress, warm: ServerAddress, options: BenchOptions, repeat: number) {
  await host.reset(server.id);
  const job: SignInJob = { kind: 'sign-ins', target: server, warmTarget: warm, signIns: options.signIns, warmUpSignIns: options.warmUpSignIns, rampMs: SIDE_BY_SIDE_SERVER.interval * 1000 };
  const result = await runNodeScript<SignInResult>(clientScript(client.id), [JSON.stringify(job)], { timeoutMs: 180_000 });
  const stats = await host.stats(server.id);
  const lat = latencies(result, stats);
  const run: SideBySideRun = {
    client: client.id,
    mode: server.mode,
    repeat,
    failures: result.failures,
    cpuPerSignInMicros: Math.max(0, result.cpuMicros - result.idleMicros) / result.signIns,
    maxRssKib: result.maxRssKib,
    requestsPerSignIn: stats.requests / result.signIns,
    earlyPolls: stats.earlyPolls,
    mockEarlyPolls: stats.mockEarlyPolls,
    minGapMs: stats.minGapMs,
    latencyP50Ms: percentile(lat, 50),
    latencyP95Ms: percentile(lat, 95),
    wallMs: result.wallMs,
  };
  if (result.failures > 0) process.stderr.write(`  ${client.id} (${server.mode}): ${result.failures} sign-ins failed: ${result.firstFailure}\n`);
  return { run, lat };
}

function pairedRatios(of: readonly SideBySideRun[], against: (repeat: number) => number | undefined): Spread | null {
  const values = of.flatMap((run) => {
    const base = against(run.repeat);
    return base === undefined || base <= 0 ? [] : [run.cpuPerSignInMicros / base];
  });
  return values.length === 0 ? null : spread(values);
}

/** Runs benchmark 1. `log` gets one line per finished run. */
export async function runSideBySide(host: MockHost, options: BenchOptions, log: (line: string) => void): Promise<SideBySideResult> {
  const servers = new Map<MockMode, { main: ServerAddress; warm: ServerAddress }>();
  const skipped: string[] = [];
  for (const mode of ['rfc8628', 'trakt'] as const) {
    try {
      servers.set(mode, {
        main: await host.start({ mode, ...SIDE_BY_SIDE_SERVER }),
        warm: await host.start({ mode, interval: 0.01, autoApproveAfterPolls: 3 }),
      });
    } catch (error) {
      skipped.push(`${mode} mode: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  const schedule = CLIENTS.flatMap((client) => client.modes.filter((mode) => servers.has(mode)).map((mode) => ({ client, mode })));
  const runs: SideBySideRun[] = [];
  const allLatencies = new Map<string, number[]>();
  for (let repeat = 0; repeat < options.repeats; repeat++) {
    for (let step = 0; step < schedule.length; step++) {
      const { client, mode } = schedule[(step + repeat) % schedule.length]!;
      const { main, warm } = servers.get(mode)!;
      const { run, lat } = await runOnce(host, client, main, warm, options, repeat);
      runs.push(run);
      const key = `${client.id}/${mode}`;
      allLatencies.set(key, [...(allLatencies.get(key) ?? []), ...lat]);
      log(`  repeat ${repeat + 1}/${options.repeats} ${client.id.padEnd(18)} ${mode.padEnd(8)} ${(run.cpuPerSignInMicros / 1000).toFixed(2)} ms CPU/sign-in, wall ${(run.wallMs / 1000).toFixed(1)} s`);
    }
  }
  const cpuOf = (client: string, mode: MockMode, repeat: number) =>
    runs.find((run) => run.client === client && run.mode === mode && run.repeat === repeat)?.cpuPerSignInMicros;
  const bestPeer = (repeat: number) => {
    const peers = CLIENTS.filter((client) => client.role === 'peer').flatMap((client) => cpuOf(client.id, 'rfc8628', repeat) ?? []);
    return peers.length === 0 ? undefined : Math.min(...peers);
  };
  const rows: SideBySideRow[] = schedule.map(({ client, mode }) => {
    const mine = runs.filter((run) => run.client === client.id && run.mode === mode);
    const lat = allLatencies.get(`${client.id}/${mode}`) ?? [];
    const gaps = mine.flatMap((run) => (run.minGapMs === null ? [] : [run.minGapMs]));
    const mockEarly = mine.flatMap((run) => (run.mockEarlyPolls === null ? [] : [run.mockEarlyPolls]));
    return {
      client: client.id,
      label: client.label,
      role: client.role,
      mode,
      cpuPerSignInMicros: spread(mine.map((run) => run.cpuPerSignInMicros)),
      maxRssKib: spread(mine.map((run) => run.maxRssKib)),
      requestsPerSignIn: mine.reduce((sum, run) => sum + run.requestsPerSignIn, 0) / mine.length,
      earlyPolls: mine.reduce((sum, run) => sum + run.earlyPolls, 0),
      mockEarlyPolls: mockEarly.length === 0 ? null : mockEarly.reduce((a, b) => a + b, 0),
      minGapMs: gaps.length === 0 ? null : Math.min(...gaps),
      latencyP50Ms: percentile(lat, 50),
      latencyP95Ms: percentile(lat, 95),
      failures: mine.reduce((sum, run) => sum + run.failures, 0),
      vsBareLoop: client.role === 'floor' ? null : pairedRatios(mine, (repeat) => cpuOf('bare-loop', mode, repeat)),
      vsBestPeer: mode === 'rfc8628' ? pairedRatios(mine, bestPeer) : null,
    };
  });
  return { signIns: options.signIns, repeats: options.repeats, modes: [...servers.keys()], skipped, rows, runs };
}

/** The printed tables of each benchmark, built from the results (the same tables go to docs/performance.md). */
import type { EngineResult } from '../engine/engine-process.js';
import { bytesText, fixed, ratioText, type Table } from '../lib/format.js';
import type { SideBySideResult } from '../side-by-side.js';
import type { StartupResult } from '../startup.js';
import type { WaitingMemoryResult } from '../waiting-memory.js';

/** Benchmark 1: one table per mode. */
export function sideBySideTables(result: SideBySideResult): Table[] {
  return result.modes.map((mode) => ({
    title: `1. Side by side, ${mode === 'rfc8628' ? 'RFC 8628' : 'Trakt'} mode (${result.signIns} concurrent sign-ins, ${result.repeats} interleaved repeats)`,
    header: ['client', 'CPU/sign-in ms (min–max)', '× bare loop (min–max)', '× best peer (min–max)', 'peak RSS MiB', 'requests/sign-in', 'early polls', 'min gap ms', 'approval→token p50 / p95 ms', 'failed'],
    rows: result.rows
      .filter((row) => row.mode === mode)
      .map((row) => [
        row.label,
        `${fixed(row.cpuPerSignInMicros.median / 1000, 2)} (${fixed(row.cpuPerSignInMicros.min / 1000, 2)}–${fixed(row.cpuPerSignInMicros.max / 1000, 2)})`,
        row.role === 'floor' ? '1.00×' : ratioText(row.vsBareLoop),
        ratioText(row.vsBestPeer),
        fixed(row.maxRssKib.median / 1024, 0),
        fixed(row.requestsPerSignIn, 2),
        row.mockEarlyPolls === null ? String(row.earlyPolls) : `${row.earlyPolls} (mock: ${row.mockEarlyPolls})`,
        fixed(row.minGapMs, 0),
        `${fixed(row.latencyP50Ms, 1)} / ${fixed(row.latencyP95Ms, 1)}`,
        String(row.failures),
      ]),
    notes: [
      'The sign-ins of a run start spread evenly over one interval (1 s). CPU: process.cpuUsage of the client process over the measured window, minus its idle rate over the same wall time, ÷ sign-ins; ratios paired within each repeat, median (min–max over repeats).',
      'Early polls: arrivals less than one interval after the code was issued or the previous poll of the same code, timed at arrival in the mock process, summed over repeats; "mock:" is the mock\'s own counter.',
      'Approval→token: from the arrival of the poll the mock approved to the moment the client held the token (both clocks performance.timeOrigin + now()).',
      ...result.skipped.map((line) => `Skipped: ${line}`),
    ],
  }));
}

/** Benchmark 2. */
export function waitingTable(result: WaitingMemoryResult): Table {
  const large = 'error' in result.large ? undefined : result.large;
  return {
    title: `2. Waiting memory (heap per sign-in waiting for the person, ${result.rows[0]?.signIns ?? '–'} at once, ${result.rows[0]?.mode ?? ''} mode, in-memory mock)`,
    header: ['client', 'heap per waiting sign-in', 'heap with all waiting (mock records excluded)', 'RSS'],
    rows: result.rows.map((row) => [row.label, bytesText(row.bytesPerSignIn), bytesText(row.totalBytes - row.mockBytes), `${fixed(row.rssKib / 1024, 0)} MiB`]),
    notes: [
      'Every client gets the in-memory mock\'s fetch (createMockFetch, src/mock/fetch.ts): this library through `fetch`, octokit through `request.defaults({ request: { fetch } })`, openid-client through `customFetch`, the bare loop directly. Interval 600 s, so nobody polls.',
      'Heap: gc ×3 then heapUsed, before the sign-ins start and once every code has been shown; the mock\'s own records for as many codes are measured on a fresh mock in the same process and subtracted.',
      large === undefined
        ? `Large run: failed (${'error' in result.large ? result.large.error : ''})`
        : `Large run, ${large.signIns.toLocaleString('en')} sign-ins waiting at once (this library, createActor): ${bytesText(large.totalBytes - large.mockBytes)} of heap for the sign-ins (${bytesText(large.bytesPerSignIn)} each) plus ${bytesText(large.mockBytes)} for the mock's records; RSS ${fixed(large.rssKib / 1024, 0)} MiB; all waiting after ${fixed(large.setUpMs / 1000, 1)} s.`,
      ...result.skipped.map((line) => `Skipped: ${line}`),
    ],
  };
}

/** Benchmark 3. */
export function engineTable(result: EngineResult): Table {
  return {
    title: '3. Engine cost without the network (this library\'s statechart, services answering from memory)',
    header: ['setting', 'CPU per poll cycle µs', 'notes'],
    rows: [
      [
        `${result.actors} concurrent actors, real timers`,
        fixed(result.realTimers.cpuPerPollMicros, 1),
        `interval ${result.intervalMs} ms, ${result.pollsPerFlow} polls each; flows ended ${fixed(result.realTimers.latePollMs, 1)} ms late per poll`,
      ],
      [
        'one actor at a time, SimulatedClock (the old bench figure)',
        fixed(result.simulatedClock.cpuPerPollMicros, 1),
        `${result.simulatedClock.flows} flows; wall ${fixed(result.simulatedClock.wallPerPollMicros, 1)} µs per poll`,
      ],
    ],
    notes: ['CPU from process.cpuUsage (idle rate subtracted on real timers). The services mirror the HTTP services towards the machine (pollStarted reported, answer after a macrotask).'],
  };
}

/** Benchmark 4. */
export function startupTable(result: StartupResult): Table {
  return {
    title: '4. Startup (import from dist/ in a fresh `node`, median)',
    header: ['import', 'CPU ms', 'wall ms', '× xstate alone (CPU)'],
    rows: [
      ...result.imports.map((row) => [row.label, fixed(row.cpuMs, 1), fixed(row.wallMs, 1), row.label === 'xstate alone' ? '1.00×' : `${fixed(row.vsXstate, 2)}×`]),
      ['`device-auth --help` (whole process)', fixed(result.cliHelp.cpuMs, 1), fixed(result.cliHelp.wallMs, 1), ''],
      ["`node -e ''` (whole process, for scale)", fixed(result.emptyNode.cpuMs, 1), fixed(result.emptyNode.wallMs, 1), ''],
    ],
    notes: [`${result.imports[0]?.runs ?? 0} fresh processes per row, interleaved. Import rows time the import alone (Node's own start-up excluded); ratios paired per round.`],
  };
}

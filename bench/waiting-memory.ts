/**
 * Benchmark 2, waiting memory: heap per sign-in while many sign-ins wait for the person, each
 * client in a fresh process on the in-memory mock (`createMockFetch`, no sockets; every client
 * here takes a custom fetch), with the mock's own records measured apart and subtracted. Then one
 * large run of this library's actor path.
 */
import { CLIENTS, clientScript } from './clients/registry.js';
import type { WaitingJob, WaitingResult } from './clients/client-types.js';
import { runNodeScript } from './lib/node-child.js';
import type { BenchOptions } from './lib/options.js';
import type { MockMode } from './mock/protocol.js';

/** One client's heap reading. */
export interface WaitingRow extends WaitingResult {
  readonly client: string;
  readonly label: string;
  readonly mode: MockMode;
}

/** Benchmark 2's results. */
export interface WaitingMemoryResult {
  readonly rows: readonly WaitingRow[];
  /** The large run (this library's actor path), or why it did not run. */
  readonly large: WaitingRow | { readonly error: string };
  readonly skipped: readonly string[];
}

async function measure(client: (typeof CLIENTS)[number], mode: MockMode, signIns: number, nodeFlags: string[] = []): Promise<WaitingRow> {
  const job: WaitingJob = { kind: 'waiting', mode, signIns };
  const result = await runNodeScript<WaitingResult>(clientScript(client.id), [JSON.stringify(job)], { nodeFlags, timeoutMs: signIns >= 100_000 ? 1_200_000 : 300_000 });
  return { ...result, client: client.id, label: client.label, mode };
}

/** Runs benchmark 2 in `modes` (RFC 8628 first when the mock speaks it). */
export async function runWaitingMemory(options: BenchOptions, modes: readonly MockMode[], log: (line: string) => void): Promise<WaitingMemoryResult> {
  const rows: WaitingRow[] = [];
  const skipped: string[] = [];
  const mode = modes.includes('rfc8628') ? 'rfc8628' : 'trakt';
  for (const client of CLIENTS) {
    if (!client.modes.includes(mode)) {
      skipped.push(`${client.id}: speaks no ${mode}`);
      continue;
    }
    try {
      const row = await measure(client, mode, options.waitingSignIns);
      rows.push(row);
      log(`  ${client.id.padEnd(18)} ${(row.bytesPerSignIn / 1024).toFixed(2)} KiB per waiting sign-in`);
    } catch (error) {
      skipped.push(`${client.id}: ${error instanceof Error ? error.message.slice(0, 300) : String(error)}`);
    }
  }
  const actor = CLIENTS.find((client) => client.id === 'library-actor')!;
  let large: WaitingMemoryResult['large'];
  try {
    large = await measure(actor, mode, options.largeWaitingSignIns, ['--max-old-space-size=8192']);
    log(`  ${options.largeWaitingSignIns} waiting (library-actor): ${(large.totalBytes / 1024 / 1024).toFixed(0)} MiB heap, RSS ${(large.rssKib / 1024).toFixed(0)} MiB`);
  } catch (error) {
    large = { error: error instanceof Error ? error.message.slice(0, 500) : String(error) };
  }
  return { rows, large, skipped };
}

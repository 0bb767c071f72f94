/** The targets of issue 12, checked against one run's results. */
import type { SideBySideResult } from '../side-by-side.js';
import type { StartupResult } from '../startup.js';
import type { WaitingMemoryResult } from '../waiting-memory.js';
import { SIDE_BY_SIDE_SERVER } from '../side-by-side.js';

/** One target and whether this run met it. `null`: not measurable in this run. */
export interface TargetCheck {
  readonly target: string;
  readonly holds: boolean | null;
  readonly measured: string;
}

const MINIMUM_REQUESTS = 1 + SIDE_BY_SIDE_SERVER.autoApproveAfterPolls + 1;

/** Checks every target of issue 12. */
export function checkTargets(side: SideBySideResult, waiting: WaitingMemoryResult, startup: StartupResult): TargetCheck[] {
  const row = (client: string, mode = 'rfc8628') => side.rows.find((r) => r.client === client && r.mode === mode);
  const checks: TargetCheck[] = [];
  for (const client of ['library-authorize', 'library-actor']) {
    const mine = row(client);
    const ratio = mine?.vsBestPeer?.median;
    checks.push({
      target: `CPU per sign-in at or below the best peer (${client === 'library-actor' ? 'createActor' : 'authorize()'} path, RFC 8628 mode)`,
      holds: ratio === undefined ? null : ratio <= 1,
      measured: ratio === undefined ? 'no peer measured' : `${ratio.toFixed(2)}× the best peer (paired median)`,
    });
    const bare = mine?.vsBareLoop?.median;
    checks.push({
      target: `…then close to the bare loop (aim 1.1×), ${client === 'library-actor' ? 'createActor' : 'authorize()'} path`,
      holds: bare === undefined ? null : bare <= 1.1,
      measured: bare === undefined ? '–' : `${bare.toFixed(2)}× the bare loop`,
    });
  }
  const heap = (client: string) => waiting.rows.find((r) => r.client === client)?.bytesPerSignIn;
  const peers = ['octokit', 'openid-client'].flatMap((client) => heap(client) ?? []);
  const bestPeerHeap = peers.length === 0 ? undefined : Math.min(...peers);
  for (const client of ['library-actor', 'library-authorize']) {
    const mine = heap(client);
    checks.push({
      target: `Heap per waiting sign-in at or below the best peer (${client === 'library-actor' ? 'createActor' : 'authorize()'})`,
      holds: mine === undefined || bestPeerHeap === undefined ? null : mine <= bestPeerHeap,
      measured: mine === undefined ? '–' : `${(mine / 1024).toFixed(1)} KiB vs ${bestPeerHeap === undefined ? '–' : (bestPeerHeap / 1024).toFixed(1)} KiB`,
    });
  }
  const [actorHeap, authorizeHeap] = [heap('library-actor'), heap('library-authorize')];
  checks.push({
    target: 'authorize() no costlier than the actor path (heap per waiting sign-in)',
    holds: actorHeap === undefined || authorizeHeap === undefined ? null : authorizeHeap <= actorHeap * 1.05,
    measured: actorHeap === undefined || authorizeHeap === undefined ? '–' : `${(authorizeHeap / 1024).toFixed(1)} KiB vs ${(actorHeap / 1024).toFixed(1)} KiB (5 % tolerance)`,
  });
  const main = startup.imports.find((r) => r.label.startsWith('device-auth-machine (.)'));
  checks.push({
    target: 'Importing the main entry within 1.3× of importing XState alone (CPU)',
    holds: main?.vsXstate === null || main === undefined ? null : main.vsXstate <= 1.3,
    measured: main === undefined ? '–' : `${main.vsXstate?.toFixed(2)}× (${main.cpuMs.toFixed(1)} ms)`,
  });
  for (const mode of side.modes) {
    for (const client of ['library-authorize', 'library-actor']) {
      const mine = row(client, mode);
      if (mine === undefined) continue;
      const name = `${client === 'library-actor' ? 'createActor' : 'authorize()'}, ${mode}`;
      const early = mine.mockEarlyPolls ?? mine.earlyPolls;
      checks.push({ target: `0 polls arriving early at the server (${name})`, holds: early === 0 && mine.earlyPolls === 0, measured: `${mine.earlyPolls} early (min gap ${mine.minGapMs?.toFixed(0) ?? '–'} ms)${mine.mockEarlyPolls === null ? '' : `, mock counter ${mine.mockEarlyPolls}`}` });
      checks.push({ target: `The minimum number of requests, ${MINIMUM_REQUESTS} per sign-in (${name})`, holds: Math.abs(mine.requestsPerSignIn - MINIMUM_REQUESTS) < 1e-9, measured: mine.requestsPerSignIn.toFixed(3) });
      const limit = SIDE_BY_SIDE_SERVER.interval * 1000 + 100;
      checks.push({ target: `Approval to token within one interval + 100 ms, p95 (${name})`, holds: mine.latencyP95Ms <= limit, measured: `p95 ${mine.latencyP95Ms.toFixed(1)} ms (limit ${limit} ms)` });
    }
  }
  const large = 'error' in waiting.large ? undefined : waiting.large;
  checks.push({
    target: '100 000 sign-ins waiting at once in one process, memory reported',
    holds: large === undefined ? false : large.signIns >= 100_000,
    measured: large === undefined ? `failed: ${'error' in waiting.large ? waiting.large.error.slice(0, 120) : ''}` : `${large.signIns.toLocaleString('en')} waiting: ${((large.totalBytes - large.mockBytes) / 1024 / 1024).toFixed(0)} MiB heap for the sign-ins, RSS ${(large.rssKib / 1024).toFixed(0)} MiB`,
  });
  return checks;
}

/**
 * Two real processes refresh the same token file at the same moment, against the embedded mock
 * server (single-use rotating refresh tokens, and a frozen clock so every pair has the same
 * whole-second `created_at`). Without a lock both spent the stored refresh token: one got the
 * new pair, the other `invalid_grant`, ended its session and deleted the new pair.
 *
 * The processes are synchronised with lines, not sleeps (see fixtures/refresh-worker.ts): both
 * load the pair and wait for `go`; each holds its refresh request until `release`, which the test
 * sends only once both have either reached that request or are waiting for the other's lock. So
 * the refreshes truly overlap, every run.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { startMockServer, type MockServer } from '../../src/mock/index.js';
import { authorize } from '../../src/services/clients/authorize.js';
import { createFileTokenStore } from '../../src/services/stores/file-token-store.js';
import { PROJECT_ROOT, watch, type CliRun } from '../support/run-cli.js';

const WORKER = fileURLToPath(new URL('./fixtures/refresh-worker.ts', import.meta.url));
const USER_AGENT = 'refresh-race-test/1.0';

interface Outcome {
  event: string;
  via: string | null;
  state: string;
  accessToken: string | null;
  refreshToken: string | null;
}

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function startWorker(tokenFile: string, server: MockServer): CliRun {
  const child = spawn(process.execPath, ['--import', 'tsx', WORKER, tokenFile, server.url], {
    cwd: PROJECT_ROOT,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  cleanups.push(() => child.kill('SIGKILL'));
  return watch(child);
}

function tell(worker: CliRun, line: string): void {
  worker.child.stdin!.write(`${line}\n`);
}

describe('two processes refresh one token file at the same moment', () => {
  it('exactly one refresh reaches the server; the other process adopts its pair; both stay signed in; the file holds it', async () => {
    const frozen = Date.now();
    const server = await startMockServer({ now: () => frozen, interval: 0.001, autoApproveAfterPolls: 0 });
    cleanups.push(() => server.close());
    const dir = await mkdtemp(join(tmpdir(), 'device-auth-race-'));
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    const tokenFile = join(dir, 'token.json');
    const first = await authorize({ clientId: server.clientId, clientSecret: server.clientSecret, baseUrl: server.url, userAgent: USER_AGENT });
    await createFileTokenStore({ path: tokenFile }).set(first);

    const workers = [startWorker(tokenFile, server), startWorker(tokenFile, server)];
    await Promise.all(workers.map((w) => w.waitForLine((l) => l === 'ready')));
    for (const worker of workers) tell(worker, 'go');
    const reached = await Promise.all(workers.map((w) => w.waitForLine((l) => l === 'sending' || l === 'waiting')));
    for (const worker of workers) tell(worker, 'release');
    const outcomes = await Promise.all(workers.map(async (w) => JSON.parse(await w.waitForLine((l) => l.startsWith('{'))) as Outcome));
    const exits = await Promise.all(workers.map((w) => w.exit));

    expect(exits.map((e) => e.code), exits.map((e) => e.stderr).join('\n')).toEqual([0, 0]);
    expect(outcomes.map((o) => [o.event, o.state]).sort()).toEqual([
      ['refreshed', 'signedIn'],
      ['refreshed', 'signedIn'],
    ]);
    expect(server.log.filter((e) => e.path === '/oauth/token').map((e) => e.status)).toEqual([200]);
    expect(reached.sort()).toEqual(['sending', 'waiting']); // the second waited for the first's lock
    expect(outcomes.map((o) => o.via).sort()).toEqual(['server', 'store']);
    const [a, b] = outcomes as [Outcome, Outcome];
    expect(b.accessToken).toBe(a.accessToken);
    expect(b.refreshToken).toBe(a.refreshToken);
    expect(a.refreshToken).not.toBe(first.refreshToken);
    const stored = await createFileTokenStore({ path: tokenFile }).get();
    expect([stored?.accessToken, stored?.refreshToken]).toEqual([a.accessToken, a.refreshToken]);
    expect(stored?.createdAt).toBe(first.createdAt); // the same second: created_at cannot tell them apart
    expect(await readdir(dir)).toEqual(['token.json']); // no lock or temporary file left behind
  }, 60_000);
});

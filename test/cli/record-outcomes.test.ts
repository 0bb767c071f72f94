/**
 * `device-auth login --record FILE` against the embedded server, once for every way a sign-in
 * ends: authorized, denied, expired, alreadyUsed, invalidCode, failed and cancelled. Each run
 * leaves a trace (mode 0600) that reads back with `parseTrace`, ends in that state, holds the HTTP
 * exchanges, and contains none of the secrets the server handed out (every device code, access
 * and refresh token it made, captured as it made them) nor the client secret. Waits are on the
 * server's events and the command's output, never on time.
 */
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EXIT } from '../../src/cli/exit-codes.js';
import { LIBRARY_VERSION } from '../../src/core/version.js';
import { startMockServer, type MockServer, type MockServerOptions } from '../../src/mock/index.js';
import { parseTrace } from '../../src/record/parse-trace.js';
import { momentAfter } from '../../src/record/trace-moments.js';
import type { DeviceAuthTrace, TraceHttpStep } from '../../src/record/trace.types.js';
import { distinctiveSecret } from '../inspect/support/flows.js';
import { expectNoSecrets } from '../inspect/support/secrets.js';
import { handedOut, type HandedOut } from '../record/support/handed-out.js';
import { runCli, type CliRun } from '../support/run-cli.js';

const TRAKT_HEADERS = { 'Content-Type': 'application/json', 'trakt-api-key': 'mock-client-id', 'trakt-api-version': '2', 'User-Agent': 'record-test/1.0' };

interface Scene {
  server: MockServer;
  secrets: HandedOut;
  clientSecret: string;
}

/** What a case does besides running the login: act on the server or the process as it runs. */
type Act = (scene: Scene, run: CliRun) => Promise<void>;

const cases: Array<{ outcome: string; options: MockServerOptions; exit: number; act?: Act; wrongSecret?: boolean }> = [
  { outcome: 'authorized', options: { autoApproveAfterPolls: 1 }, exit: EXIT.ok },
  { outcome: 'denied', options: { autoDenyAfterPolls: 1 }, exit: EXIT.denied },
  { outcome: 'expired', options: { expiresIn: 1.5 }, exit: EXIT.expired },
  {
    outcome: 'alreadyUsed',
    options: {},
    exit: EXIT.alreadyUsed,
    // Someone else approves the code and takes its token before the device's first poll.
    act: async ({ server, secrets, clientSecret }) => {
      const { userCode } = await server.waitFor('code');
      server.approve(userCode);
      const deviceCode = Object.entries(secrets.secrets()).find(([label]) => label.startsWith('device_code'))![1];
      const taken = await fetch(`${server.url}/oauth/device/token`, {
        method: 'POST',
        headers: TRAKT_HEADERS,
        body: JSON.stringify({ code: deviceCode, client_id: server.clientId, client_secret: clientSecret }),
      });
      expect(taken.status).toBe(200);
    },
  },
  {
    outcome: 'invalidCode',
    options: { maxDeviceCodes: 1 },
    exit: EXIT.invalidCode,
    // A second code pushes the device's out of the server's memory (it keeps one).
    act: async ({ server }) => {
      await server.waitFor('code');
      const second = await fetch(`${server.url}/oauth/device/code`, { method: 'POST', headers: TRAKT_HEADERS, body: JSON.stringify({ client_id: server.clientId }) });
      expect(second.status).toBe(200);
    },
  },
  { outcome: 'failed', options: {}, exit: EXIT.failed, wrongSecret: true },
  {
    outcome: 'cancelled',
    options: {},
    exit: EXIT.interrupted,
    act: async (_scene, run) => {
      await run.waitForLine((line) => line.includes('"type":"codes"'));
      run.child.kill('SIGINT');
    },
  },
];

describe('login --record FILE: a trace for every ending, with no secret in it', () => {
  let dir: string;
  let server: MockServer | undefined;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'device-auth-record-'));
  });
  afterEach(async () => {
    await server?.close();
    server = undefined;
    await rm(dir, { recursive: true, force: true });
  });

  it.each(cases)('$outcome', async ({ outcome, options, exit, act, wrongSecret }) => {
    const secrets = handedOut();
    const clientSecret = distinctiveSecret('client-secret');
    server = await startMockServer({ interval: 0.5, ...options, clientSecret, generate: secrets.generate });
    const givenSecret = wrongSecret ? distinctiveSecret('wrong-secret') : clientSecret;
    const traceFile = join(dir, 'trace.json');
    const run = runCli(['login', '--json', '--record', traceFile, '--base-url', server.url, '--client-id', server.clientId, '--client-secret', givenSecret, '--token-file', join(dir, 'token.json')]);
    await act?.({ server, secrets, clientSecret }, run);
    const { code, stderr } = await run.exit;
    expect(code, stderr).toBe(exit);
    expect(stderr).toContain(`Trace written to ${traceFile}`);

    expect((await stat(traceFile)).mode & 0o777).toBe(0o600);
    const text = await readFile(traceFile, 'utf8');
    const trace: DeviceAuthTrace = parseTrace(text);
    expect(trace).toMatchObject({ format: 'device-auth-trace', version: 1, packageVersion: LIBRARY_VERSION, machineId: 'deviceAuth' });
    expect(momentAfter(trace, trace.steps.at(-1)!.seq)?.value).toBe(outcome);
    const http = trace.steps.filter((step): step is TraceHttpStep => step.type === 'http');
    expect(http[0]).toMatchObject({ method: 'POST', origin: server.url, path: '/oauth/device/code', status: 200 });
    if (outcome !== 'cancelled') expect(http.at(-1)).toMatchObject({ path: '/oauth/device/token' });

    expect(secrets.count('device_code')).toBeGreaterThanOrEqual(1);
    if (outcome === 'authorized' || outcome === 'alreadyUsed') expect(secrets.count('access_token')).toBe(1);
    expectNoSecrets(traceFile, text, { ...secrets.secrets(), 'client secret': clientSecret, 'client secret given': givenSecret });
  }, 30_000);
});

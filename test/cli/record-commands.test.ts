/**
 * `--record FILE` on the other commands that run a machine: refresh and logout record the
 * session (from where it stood when created) with its exchange, and hold neither the old pair nor
 * the new one; demo records its whole sign-in; a path that cannot be written is a usage error
 * before anything is sent. Against the embedded server, waiting on the command's exit.
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EXIT } from '../../src/cli/exit-codes.js';
import { startMockServer, type MockServer } from '../../src/mock/index.js';
import { parseTrace } from '../../src/record/parse-trace.js';
import { momentAfter, traceMoments } from '../../src/record/trace-moments.js';
import type { TraceHttpStep } from '../../src/record/trace.types.js';
import { distinctiveSecret } from '../inspect/support/flows.js';
import { expectNoSecrets } from '../inspect/support/secrets.js';
import { handedOut, type HandedOut } from '../record/support/handed-out.js';
import { cleanEnv, runCli } from '../support/run-cli.js';

describe('--record on refresh, logout and demo', () => {
  let dir: string;
  let server: MockServer;
  let secrets: HandedOut;
  let clientSecret: string;
  let env: NodeJS.ProcessEnv;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'device-auth-record-'));
    secrets = handedOut();
    clientSecret = distinctiveSecret('client-secret');
    server = await startMockServer({ clientSecret, generate: secrets.generate });
    env = cleanEnv({ TRAKT_CLIENT_ID: server.clientId, TRAKT_CLIENT_SECRET: clientSecret, TRAKT_BASE_URL: server.url });
    await writeFile(join(dir, 'token.json'), JSON.stringify(server.issueToken()), { mode: 0o600 });
  });
  afterEach(async () => {
    await server.close();
    await rm(dir, { recursive: true, force: true });
  });

  const http = (text: string) => parseTrace(text).steps.filter((step): step is TraceHttpStep => step.type === 'http').map((step) => [step.method, step.path, step.status]);

  it('refresh records the session and its refresh, and no token of either pair', async () => {
    const traceFile = join(dir, 'refresh.json');
    const { code, stderr } = await runCli(['refresh', '--json', '--record', traceFile, '--token-file', join(dir, 'token.json')], env).exit;
    expect(code, stderr).toBe(EXIT.ok);
    const text = await readFile(traceFile, 'utf8');
    const trace = parseTrace(text);
    expect(trace.machineId).toBe('session');
    const states = traceMoments(trace).map((moment) => moment.stateIds.at(-1));
    expect(states[0]).toBe('session.loading');
    expect(states).toContain('session.refreshing.requesting');
    expect(http(text)).toEqual([['POST', '/oauth/token', 200]]);
    expect(secrets.count('access_token')).toBe(2);
    expectNoSecrets(traceFile, text, { ...secrets.secrets(), 'client secret': clientSecret });
  }, 30_000);

  it('logout records the sign-out and its revoke, and no token', async () => {
    const traceFile = join(dir, 'logout.json');
    const { code, stderr } = await runCli(['logout', '--record=' + traceFile, '--token-file', join(dir, 'token.json')], env).exit;
    expect(code, stderr).toBe(EXIT.ok);
    const text = await readFile(traceFile, 'utf8');
    const trace = parseTrace(text);
    expect(momentAfter(trace, trace.steps.at(-1)!.seq)?.value).toBe('signedOut');
    expect(http(text)).toEqual([['POST', '/oauth/revoke', 200]]);
    expectNoSecrets(traceFile, text, { ...secrets.secrets(), 'client secret': clientSecret });
  }, 30_000);

  it('demo records its sign-in; no long hex code or token is left in the trace', async () => {
    const traceFile = join(dir, 'demo.json');
    const { code, stderr } = await runCli(['demo', '--json', '--record', traceFile]).exit;
    expect(code, stderr).toBe(EXIT.ok);
    const text = await readFile(traceFile, 'utf8');
    const trace = parseTrace(text);
    expect(momentAfter(trace, trace.steps.at(-1)!.seq)?.value).toBe('authorized');
    // The demo's server runs in the child: its codes and tokens are 64 hex characters.
    expect(text).not.toMatch(/[0-9a-f]{40,}/);
    expect(text).not.toContain('mock-client-secret');
  }, 30_000);

  it('a --record path that cannot be written is a usage error, before anything is sent', async () => {
    await mkdir(join(dir, 'a-folder'));
    for (const target of [join(dir, 'missing', 'trace.json'), join(dir, 'a-folder'), `${dir}/`]) {
      const { code, stderr } = await runCli(['refresh', '--record', target, '--token-file', join(dir, 'token.json')], env).exit;
      expect(code, target).toBe(EXIT.usage);
      expect(stderr).toMatch(/--record/);
    }
    const login = await runCli(['login', '--record', join(dir, 'missing', 't.json'), '--token-file', join(dir, 'new-token.json')], env).exit;
    expect(login.code).toBe(EXIT.usage);
    expect(login.stderr).toContain(`the folder ${join(dir, 'missing')} does not exist`);
    expect((await runCli(['logout', '--record'], env).exit).stderr).toContain('--record needs a file name');
    expect(server.log).toEqual([]);
  }, 30_000);
});

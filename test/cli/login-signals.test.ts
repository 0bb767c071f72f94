import { access } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXIT } from '../../src/cli/exit-codes.js';
import { main } from '../../src/cli/main.js';
import type { MockServer } from '../../src/mock/index.js';
import { memoryIo } from '../support/memory-io.js';
import { useMockServerAndTempDir } from '../support/mock-scene.js';
import { jsonLines, runCli } from '../support/run-cli.js';

describe('SIGTERM and SIGHUP end a login like Ctrl-C', () => {
  let server: MockServer;
  let dir: string;
  // Every poll is held for a minute: the CLI is always mid-request.
  useMockServerAndTempDir({ interval: 0.05, faultRate: 1, faults: ['slow'], slowMs: 60_000 }, (s, d) => ((server = s), (dir = d)));

  const login = (json: boolean) =>
    runCli([
      'login',
      ...(json ? ['--json'] : []),
      '--base-url', server.url,
      '--client-id', 'mock-client-id',
      '--client-secret', 'mock-client-secret',
      '--token-file', join(dir, 'token.json'),
    ]);

  it.each([
    ['SIGTERM', EXIT.terminated],
    ['SIGHUP', EXIT.hangup],
  ] as const)('%s once the code is shown: cancels the request, writes nothing, says so, exits %i', async (signal, exit) => {
    const run = login(false);
    const faults: string[] = [];
    server.on('fault', (fault) => faults.push(fault.kind));
    await run.waitForLine((line) => line.includes('enter the code'));
    await server.waitFor('fault', (fault) => fault.kind === 'slow');
    run.child.kill(signal);
    const { code, signal: killedBy, stderr } = await run.exit;
    expect({ code, killedBy }).toEqual({ code: exit, killedBy: null });
    expect(stderr).toBe(`Cancelled by ${signal}. Nothing was saved.\n`);
    await expect(access(join(dir, 'token.json'))).rejects.toThrow();
    expect(faults).toEqual(['slow']);
  });

  it('--json: the cancelled line on stdout and the reason on stderr', async () => {
    const run = login(true);
    await run.waitForLine((line) => line.includes('"type":"codes"'));
    await server.waitFor('fault', (fault) => fault.kind === 'slow');
    run.child.kill('SIGTERM');
    const { code, stdout, stderr } = await run.exit;
    expect(code).toBe(EXIT.terminated);
    expect(jsonLines(stdout).map((line) => line.type)).toEqual(['codes', 'poll', 'cancelled']);
    expect(stderr).toBe('Cancelled by SIGTERM. Nothing was saved.\n');
  });
});

describe('the help names the signal exit codes', () => {
  it.each([['--help'], ['login', '--help']])('device-auth %s', async (...args) => {
    const { io, stdout } = memoryIo({});
    expect(await main(args, io)).toBe(EXIT.ok);
    expect(stdout()).toContain('129 hung up (SIGHUP)');
    expect(stdout()).toContain('130 interrupted (Ctrl-C)');
    expect(stdout()).toMatch(/143\s+terminated \(SIGTERM\)/);
  });
});

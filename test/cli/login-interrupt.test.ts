import { access } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { MockServer } from '../../src/mock/index.js';
import { EXIT } from '../../src/cli/exit-codes.js';
import { useMockServerAndTempDir } from '../support/mock-scene.js';
import { jsonLines, runCli } from '../support/run-cli.js';

describe('Ctrl-C during a request', () => {
  let server: MockServer;
  let dir: string;
  // Every poll is held for a minute: the CLI is always mid-request.
  useMockServerAndTempDir({ interval: 0.05, faultRate: 1, faults: ['slow'], slowMs: 60_000 }, (s, d) => ((server = s), (dir = d)));

  it('cancels the flow, aborts the request, writes nothing and exits 130', async () => {
    const tokenFile = join(dir, 'token.json');
    const run = runCli(['login', '--json', '--base-url', server.url, '--client-id', 'mock-client-id', '--client-secret', 'mock-client-secret', '--token-file', tokenFile]);
    const faults: string[] = [];
    server.on('fault', (fault) => faults.push(fault.kind));
    await run.waitForLine((line) => line.includes('"type":"poll"'));
    await server.waitFor('fault', (fault) => fault.kind === 'slow');
    run.child.kill('SIGINT');
    const { code, stdout } = await run.exit;
    expect(code).toBe(EXIT.interrupted);
    expect(jsonLines(stdout).map((l) => l.type)).toEqual(['codes', 'poll', 'cancelled']);
    await expect(access(tokenFile)).rejects.toThrow();
    // One poll was sent and held; none after the interrupt.
    expect(faults).toEqual(['slow']);
  });
});

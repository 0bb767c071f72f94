import { describe, expect, it } from 'vitest';
import { authorize } from '../../src/services/clients/authorize.js';
import { runCli } from '../support/run-cli.js';

describe('device-auth mock', () => {
  it('serves the flow with the given scenario until Ctrl-C', async () => {
    const run = runCli(['mock', '--port', '0', '--interval', '0.05', '--auto-approve-after', '1']);
    const line = await run.waitForLine((l) => l.includes('listening on'));
    const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(line)![1]!;
    const polls: string[] = [];
    const token = await authorize({
      clientId: 'mock-client-id',
      clientSecret: 'mock-client-secret',
      baseUrl: url,
      onEvent: (event) => polls.push(event.type),
    });
    expect(token.expiresIn).toBe(604800);
    expect(polls).toEqual(['codes', 'poll', 'pending', 'poll', 'authorized']);
    run.child.kill('SIGINT');
    expect((await run.exit).code).toBe(0);
  });
});

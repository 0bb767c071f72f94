import { describe, expect, it } from 'vitest';
import { authorize } from '../../src/services/clients/authorize.js';
import { runCli } from '../support/run-cli.js';

describe('device-auth mock --dialect rfc8628', () => {
  it('serves the standard endpoints and discovery, says how to sign in, and lists the requests', async () => {
    const run = runCli(['mock', '--port', '0', '--dialect', 'rfc8628', '--interval', '0.05', '--auto-approve-after', '1']);
    const line = await run.waitForLine((l) => l.includes('listening on'));
    const url = /^RFC 8628 server listening on (http:\/\/127\.0\.0\.1:\d+)$/.exec(line)![1]!;
    await run.waitForLine((l) => l.includes('sign in:'));
    const events: string[] = [];
    const token = await authorize({ issuer: url, clientId: 'mock-client-id', onEvent: (event) => events.push(event.type) });
    expect(token).toMatchObject({ tokenType: 'Bearer', expiresIn: 604800 });
    expect(events).toEqual(['codes', 'poll', 'pending', 'poll', 'authorized']);
    await run.waitForLine((l) => / POST \/token → 200$/.test(l));
    run.child.kill('SIGINT');
    const { code, stdout } = await run.exit;
    expect(code).toBe(0);
    expect(stdout).toContain(`  issuer:    ${url} (metadata at /.well-known/oauth-authorization-server;`);
    expect(stdout).toContain(`  sign in:   device-auth login --provider rfc8628 --issuer ${url} --client-id mock-client-id\n`);
    const requests = stdout.split('\n').filter((l) => l.includes(' → ')).map((l) => l.slice(l.indexOf(' ') + 1));
    expect(requests).toEqual([
      'GET /.well-known/oauth-authorization-server → 200',
      'POST /device_authorization → 200',
      'POST /token → 400',
      'POST /token → 200',
    ]);
    expect(stdout).not.toContain(token.accessToken);
  });

  it('refuses an unknown dialect as a usage error, naming the choices', async () => {
    const { code, stderr } = await runCli(['mock', '--dialect', 'oauth1']).exit;
    expect(code).toBe(2);
    expect(stderr).toContain('--dialect must be trakt or rfc8628 (got "oauth1").');
  });

  it('lists --dialect in its help', async () => {
    const { code, stdout } = await runCli(['mock', '--help']).exit;
    expect(code).toBe(0);
    expect(stdout).toMatch(/--dialect NAME +trakt \(default\) or rfc8628/);
  });
});

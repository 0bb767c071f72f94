import { afterEach, describe, expect, it } from 'vitest';
import { EXIT } from '../../src/cli/exit-codes.js';
import { main } from '../../src/cli/main.js';
import { json, startLoopbackServer } from '../support/loopback-server.js';
import { memoryIo } from '../support/memory-io.js';

const SECRET = 'client-secret-0123456789';

describe('human-readable output goes through redaction too', () => {
  let close: (() => Promise<void>) | undefined;
  afterEach(() => close?.());

  it('a server message echoing the client secret or a token is scrubbed before it is printed', async () => {
    const server = await startLoopbackServer(() =>
      json(503, { error: 'server_error', error_description: `bad access_token=abcdefgh12345 for ${SECRET}` }),
    );
    close = server.close;
    const { io, stdout, stderr } = memoryIo({ TRAKT_BASE_URL: server.url });
    const code = await main(['login', '--client-id', 'id', '--client-secret', SECRET, '--token-file', '/tmp/unused-token.json'], io);
    expect(code).toBe(EXIT.failed);
    expect(stderr()).toContain('Sign-in failed');
    expect(stderr()).toContain('[redacted]');
    for (const secret of [SECRET, 'abcdefgh12345']) expect(stdout() + stderr()).not.toContain(secret);
  });
});

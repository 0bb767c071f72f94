import { afterEach, describe, expect, it } from 'vitest';
import { DeviceAuthError } from '../../src/index.js';
import { EXIT } from '../../src/cli/exit-codes.js';
import { main } from '../../src/cli/main.js';
import type { MockServer } from '../../src/mock/index.js';
import { json, startLoopbackServer } from '../support/loopback-server.js';
import { memoryIo } from '../support/memory-io.js';
import { useMockServerAndTempDir } from '../support/mock-scene.js';
import { jsonLines } from '../support/run-cli.js';

const DEVICE_CODE = 'device-code-4f9a2c71e0';
const credentials = ['--client-id', 'id', '--client-secret', 'client-secret-0123456789', '--token-file', '/tmp/device-auth-unused-token.json'];

describe('the device code, learned when it arrives, never reaches the output', () => {
  let close: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await close?.();
    close = undefined;
  });

  /** A Trakt-like server whose poll error echoes the device code in plain words (no `device_code=` shape to spot). */
  async function echoingServer() {
    const server = await startLoopbackServer((request) =>
      request.path === '/oauth/device/code'
        ? json(200, { device_code: DEVICE_CODE, user_code: 'ECHO2345', verification_url: 'https://trakt.tv/activate', expires_in: 5, interval: 0.01 })
        : json(422, { error: 'invalid_request', error_description: `no such code ${DEVICE_CODE} here` }),
    );
    close = server.close;
    return server;
  }

  it.each([
    ['plain', []],
    ['--json', ['--json']],
  ])('%s: an error_description echoing the device code is printed with the code redacted', async (_mode, flags) => {
    const server = await echoingServer();
    const { io, stdout, stderr } = memoryIo({ TRAKT_BASE_URL: server.url });
    expect(await main(['login', ...flags, ...credentials], io)).toBe(EXIT.failed);
    // The server really echoed it, and the CLI printed the message.
    expect(server.requests.some((request) => request.path === '/oauth/device/token' && request.body.includes(DEVICE_CODE))).toBe(true);
    expect(stdout() + stderr()).toContain('no such code [redacted] here');
    expect(stdout() + stderr()).not.toContain(DEVICE_CODE);
  });
});

describe('the tokens, learned when they arrive, never reach the output', () => {
  let server: MockServer;
  useMockServerAndTempDir({ interval: 0.05, autoApproveAfterPolls: 0 }, (s) => (server = s));

  it.each([
    ['plain', []],
    ['--json', ['--json']],
  ])('%s: a save error quoting the access and refresh tokens is printed with them redacted', async (_mode, flags) => {
    let tokens: string[] = [];
    const { io, stdout, stderr } = memoryIo(
      { TRAKT_CLIENT_ID: 'mock-client-id', TRAKT_CLIENT_SECRET: 'mock-client-secret', TRAKT_BASE_URL: server.url },
      {
        openTokenStore: () => ({
          get: () => Promise.resolve(undefined),
          delete: () => Promise.resolve(),
          set: (token) => {
            tokens = [token.accessToken, token.refreshToken ?? ''];
            return Promise.reject(new DeviceAuthError('STORE', `disk full while writing ${token.accessToken} and ${token.refreshToken}`));
          },
        }),
      },
    );
    expect(await main(['login', ...flags, '--token-file', '/tmp/device-auth-unused-token.json'], io)).toBe(EXIT.failed);
    expect(tokens[0]).toMatch(/.{20}/);
    const output = stdout() + stderr();
    expect(output).toContain('disk full while writing [redacted] and [redacted]');
    for (const token of tokens) expect(output).not.toContain(token);
    if (flags.length > 0) expect(jsonLines(stdout()).at(-1)).toMatchObject({ type: 'failed', error: { code: 'STORE' } });
  });
});

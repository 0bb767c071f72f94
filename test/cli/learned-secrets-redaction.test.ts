import { afterEach, describe, expect, it } from 'vitest';
import { DeviceAuthError } from '../../src/index.js';
import { loginConfig, runLogin } from '../../src/cli/commands/login.js';
import { EXIT } from '../../src/cli/exit-codes.js';
import { main } from '../../src/cli/main.js';
import type { MockServer } from '../../src/mock/index.js';
import { json, startLoopbackServer } from '../support/loopback-server.js';
import { memoryIo } from '../support/memory-io.js';
import { useMockServerAndTempDir } from '../support/mock-scene.js';
import { jsonLines } from '../support/run-cli.js';
import { scriptedServices } from '../support/scripted-services.js';

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

describe('the device code is learned from the flow, whatever the services say', () => {
  it.each([
    ['plain', []],
    ['--json', ['--json']],
    ['the terminal', ['--tty']],
  ])('%s: a retry message and a failure quoting the device code print it redacted', async (_mode, flags) => {
    const services = scriptedServices({
      codes: { deviceCode: DEVICE_CODE, interval: 0.01, expiresIn: 5 },
      polls: [
        { type: 'transient', error: new DeviceAuthError('NETWORK', `lost ${DEVICE_CODE} on the way.`) },
        { type: 'fatal', error: new DeviceAuthError('HTTP_STATUS', `no such code ${DEVICE_CODE} here`) },
      ],
    });
    const captured = memoryIo({});
    let screen = '';
    if (flags.includes('--tty')) captured.io.stdout = { isTTY: true, columns: 100, write: (text: string) => (screen += text) };
    const config = loginConfig(['--no-qr', ...flags.filter((flag) => flag !== '--tty'), ...credentials], captured.io.env);
    if (config === 'help') throw new Error('unexpected help');
    expect(await runLogin({ ...config, services }, captured.io)).toBe(EXIT.failed);
    const output = screen + captured.stdout() + captured.stderr();
    expect(output).toContain('no such code [redacted] here');
    expect(output).not.toContain(DEVICE_CODE);
    expect(services.requests.filter((request) => request.kind === 'poll')).toHaveLength(2);
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

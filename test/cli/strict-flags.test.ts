import { describe, expect, it } from 'vitest';
import { EXIT } from '../../src/cli/exit-codes.js';
import { main } from '../../src/cli/main.js';
import { number } from '../../src/cli/parse.js';
import { UsageError } from '../../src/cli/usage-error.js';
import type { MockServer } from '../../src/mock/index.js';
import { memoryIo } from '../support/memory-io.js';
import { useMockServerAndTempDir } from '../support/mock-scene.js';

describe('numeric flags are digits only, with the range in the error', () => {
  it.each(['1e3', '0x10', ' 8080', '8080 ', '+80', '-1', '1.', '.5', '', '1_000', 'Infinity', '٣'])('--port "%s" is a usage error', (value) => {
    expect(() => number('port', value, { max: 65_535, integer: true })).toThrow(UsageError);
    expect(() => number('port', value, { max: 65_535, integer: true })).toThrow(/--port must be a whole number \(digits only\) between 0 and 65535/);
  });

  it.each(['1e-1', '0x1', ' 0.5', '0.5 ', '1,5'])('--interval "%s" is a usage error', (value) => {
    expect(() => number('interval', value, { min: 0.001 })).toThrow(/--interval must be a number \(digits, optionally with a decimal point\) of at least 0\.001/);
  });

  it('plain digits and decimals in range are read', () => {
    expect(number('port', '8080', { max: 65_535, integer: true })).toBe(8080);
    expect(number('port', '0', { max: 65_535, integer: true })).toBe(0);
    expect(number('interval', '0.05', { min: 0.001 })).toBe(0.05);
    expect(number('fault-rate', '1', { max: 1 })).toBe(1);
    expect(number('port', undefined)).toBeUndefined();
    expect(() => number('port', '65536', { max: 65_535, integer: true })).toThrow(/between 0 and 65535 \(got "65536"\)/);
    expect(() => number('port', '1.5', { max: 65_535, integer: true })).toThrow(/whole number/);
  });

  it('login --inspect-port 1e3 is a usage error (exit 2), not port 1000', async () => {
    const { io, stderr } = memoryIo({});
    const code = await main(['login', '--client-id', 'a', '--client-secret', 'b', '--base-url', 'http://127.0.0.1:9', '--inspect-port', '1e3'], io);
    expect(code).toBe(EXIT.usage);
    expect(stderr()).toContain('--inspect-port must be a whole number (digits only) between 0 and 65535 (got "1e3")');
  });
});

describe('--user-agent and --client-id go into HTTP headers', () => {
  let server: MockServer;
  useMockServerAndTempDir({ interval: 0.05, autoApproveAfterPolls: 0 }, (s) => (server = s));

  it.each([
    ['a CR/LF', ['--user-agent', 'my-app/1.0\r\nX-Injected: 1'], /--user-agent .*control character/],
    ['an escape', ['--user-agent', 'my-app/1.0\u001b[2J'], /--user-agent .*control character/],
    ['a character no header can carry', ['--user-agent', 'my-app/1.0 →'], /--user-agent .*U\+2192/],
    ['a line break in the client id', ['--client-id', 'mock-client-id\n'], /client id .*control character/],
  ])('%s is a usage error (exit 2), nothing is sent', async (_what, flags, message) => {
    const { io, stderr } = memoryIo({ TRAKT_CLIENT_ID: 'mock-client-id', TRAKT_CLIENT_SECRET: 'mock-client-secret', TRAKT_BASE_URL: server.url });
    expect(await main(['login', '--token-file', '/tmp/device-auth-unused-token.json', ...flags], io)).toBe(EXIT.usage);
    expect(stderr()).toMatch(message);
    expect(server.log).toHaveLength(0);
  });
});

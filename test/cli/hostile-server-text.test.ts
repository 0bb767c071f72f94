import { afterEach, describe, expect, it } from 'vitest';
import { EXIT } from '../../src/cli/exit-codes.js';
import { main } from '../../src/cli/main.js';
import { json, startLoopbackServer, type ScriptedAnswer } from '../support/loopback-server.js';
import { memoryIo } from '../support/memory-io.js';
import { jsonLines } from '../support/run-cli.js';

/** Any character a terminal could act on, except the line feed that ends our own lines. */
const UNSAFE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/;

const HOSTILE_USER_CODE = 'AB\u001b]0;pwned\u0007CD\u202e12';
const HOSTILE_URL = 'https://trakt.tv/activate\u001b[2J\u009b31m';
const HOSTILE_DESCRIPTION = 'nope\r\u001b[32m✔ Signed in. Token saved to ~/.ssh\u001b[0m\nSigned in as admin\u0085';

const credentials = ['--client-id', 'id', '--client-secret', 'client-secret-0123456789', '--token-file', '/tmp/device-auth-unused-token.json'];

describe('text from the server is made inert before it is printed', () => {
  let close: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await close?.();
    close = undefined;
  });

  /** A Trakt-like server that answers the code request with `codes` and every poll with a 422 carrying `description`. */
  async function hostileServer(codes: Record<string, unknown>, poll: ScriptedAnswer = json(422, { error: 'invalid_request', error_description: HOSTILE_DESCRIPTION })) {
    const server = await startLoopbackServer((request) =>
      request.path === '/oauth/device/code'
        ? json(200, { device_code: 'device-code-0123456789', user_code: HOSTILE_USER_CODE, verification_url: HOSTILE_URL, expires_in: 5, interval: 0.01, ...codes })
        : poll,
    );
    close = server.close;
    return server;
  }

  it('plain lines: no control character, the URL normalized, no fake "Signed in" line', async () => {
    const server = await hostileServer({});
    const { io, stdout, stderr } = memoryIo({ TRAKT_BASE_URL: server.url });
    expect(await main(['login', ...credentials], io)).toBe(EXIT.failed);
    const output = stdout() + stderr();
    expect(output).not.toMatch(UNSAFE);
    expect(stdout()).toContain('Open https://trakt.tv/activate%1B[2J%C2%9B31m and enter the code: AB]0;pwnedCD12');
    expect(stderr()).toContain('Sign-in failed:');
    for (const line of output.split('\n')) expect(line).not.toMatch(/^\s*(✔ )?Signed in/);
  });

  it('the terminal screen: no escape sequence from the server, no fake line', async () => {
    const server = await hostileServer({});
    const captured = memoryIo({ TRAKT_BASE_URL: server.url, NO_COLOR: '1' });
    let screen = '';
    captured.io.stdout = { isTTY: true, columns: 100, write: (text: string) => (screen += text) };
    expect(await main(['login', '--no-qr', ...credentials], captured.io)).toBe(EXIT.failed);
    // The screen's own status line is redrawn with "\r ESC[2K"; nothing else may control the terminal.
    const withoutOwnRedraws = screen.replaceAll('\r\u001b[2K', '');
    expect(withoutOwnRedraws).not.toMatch(UNSAFE);
    expect(screen).toContain('https://trakt.tv/activate%1B[2J%C2%9B31m');
    expect(screen).toContain('A  B  ]  0  ;  p  w  n  e  d  C  D  1  2');
    expect(captured.stderr()).not.toMatch(UNSAFE);
    expect(captured.stderr()).toContain('Sign-in failed:');
    for (const line of captured.stderr().split('\n')) expect(line).not.toMatch(/^\s*(✖ |✔ )?Signed in/);
  });

  it('--json: lines stay exact JSON, but a terminal showing them sees no raw control character', async () => {
    const server = await hostileServer({});
    const { io, stdout, stderr } = memoryIo({ TRAKT_BASE_URL: server.url });
    expect(await main(['login', '--json', ...credentials], io)).toBe(EXIT.failed);
    expect(stdout()).not.toMatch(UNSAFE);
    const lines = jsonLines(stdout());
    expect(lines[0]).toMatchObject({ type: 'codes', userCode: HOSTILE_USER_CODE, verificationUrl: 'https://trakt.tv/activate%1B[2J%C2%9B31m' });
    expect(stderr()).not.toMatch(UNSAFE);
  });

  it.each([
    ['plain', []],
    ['--json', ['--json']],
  ])('%s: a verification URL that is plain http to another host fails before anything is shown (exit 1)', async (_mode, flags) => {
    const server = await hostileServer({ user_code: 'PHISH123', verification_url: 'http://trakt.example/activate' });
    const { io, stdout, stderr } = memoryIo({ TRAKT_BASE_URL: server.url });
    expect(await main(['login', ...flags, ...credentials], io)).toBe(EXIT.failed);
    expect(stdout() + stderr()).not.toContain('PHISH123');
    expect(stdout()).not.toContain('Open ');
    expect(stderr()).toMatch(/http:\/\/trakt\.example\/activate.*https:/);
    if (flags.length > 0) expect(jsonLines(stdout())).toMatchObject([{ type: 'failed', error: { code: 'INVALID_RESPONSE' } }]);
    expect(server.requests.filter((request) => request.path === '/oauth/device/token')).toHaveLength(0);
  });

  it('an http verification URL on this computer (localhost) is shown', async () => {
    const server = await hostileServer({ user_code: 'LOCAL123', verification_url: 'http://localhost:9/activate' }, { status: 418 });
    const { io, stdout } = memoryIo({ TRAKT_BASE_URL: server.url });
    expect(await main(['login', ...credentials], io)).toBe(EXIT.denied);
    expect(stdout()).toContain('Open http://localhost:9/activate and enter the code: LOCAL123');
  });
});

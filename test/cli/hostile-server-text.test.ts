import { afterEach, describe, expect, it } from 'vitest';
import { DeviceAuthError, type DeviceAuthServices, type DeviceCodes } from '../../src/index.js';
import { loginConfig, runLogin } from '../../src/cli/commands/login.js';
import { EXIT } from '../../src/cli/exit-codes.js';
import { main } from '../../src/cli/main.js';
import { json, startLoopbackServer } from '../support/loopback-server.js';
import { memoryIo } from '../support/memory-io.js';
import { jsonLines } from '../support/run-cli.js';
import { scriptedServices } from '../support/scripted-services.js';

/** Any character a terminal could act on, except the line feed that ends our own lines. */
const UNSAFE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/;

const HOSTILE_USER_CODE = 'AB\u001b]0;pwned\u0007CD\u202e12';
const HOSTILE_URL = 'https://trakt.tv/activate\u001b[2J\u009b31m';
const HOSTILE_DESCRIPTION = 'nope\r\u001b[32m✔ Signed in. Token saved to ~/.ssh\u001b[0m\nSigned in as admin\u0085';

const credentials = ['--client-id', 'id', '--client-secret', 'client-secret-0123456789', '--token-file', '/tmp/device-auth-unused-token.json'];

/**
 * A login in process with `services` in place of Trakt's, so the CLI's own defences are tested
 * even where the library already refuses or cleans such answers.
 */
async function loginWith(services: DeviceAuthServices, flags: string[] = [], extra: { tty?: boolean } = {}) {
  const captured = memoryIo({ NO_COLOR: '1' });
  let screen = '';
  if (extra.tty) captured.io.stdout = { isTTY: true, columns: 100, write: (text: string) => (screen += text) };
  const config = loginConfig(['--no-qr', ...flags, ...credentials], captured.io.env);
  if (config === 'help') throw new Error('unexpected help');
  const code = await runLogin({ ...config, services }, captured.io);
  return { code, stdout: extra.tty ? () => screen : captured.stdout, stderr: captured.stderr };
}

/** Services whose codes carry `codes` and whose first poll fails with `message`. */
const hostileServices = (codes: Partial<DeviceCodes> = {}, message = `Trakt token response: unexpected HTTP 422 (invalid_request: ${HOSTILE_DESCRIPTION}).`) =>
  scriptedServices({
    codes: { userCode: HOSTILE_USER_CODE, verificationUrl: HOSTILE_URL, verificationUrlComplete: `${HOSTILE_URL}/x`, interval: 0.01, expiresIn: 5, ...codes },
    polls: [{ type: 'fatal', error: new DeviceAuthError('HTTP_STATUS', message) }],
  });

describe('text from the server is made inert before it is printed', () => {
  it('plain lines: no control character, the URL normalized, no fake "Signed in" line', async () => {
    const { code, stdout, stderr } = await loginWith(hostileServices());
    expect(code).toBe(EXIT.failed);
    const output = stdout() + stderr();
    expect(output).not.toMatch(UNSAFE);
    expect(stdout()).toContain('Open https://trakt.tv/activate%1B[2J%C2%9B31m and enter the code: AB]0;pwnedCD12');
    expect(stdout()).toContain('Or open https://trakt.tv/activate%1B[2J%C2%9B31m/x (the code is filled in).');
    expect(stderr()).toContain('Sign-in failed:');
    for (const line of output.split('\n')) expect(line).not.toMatch(/^\s*(✔ )?Signed in/);
  });

  it('the terminal screen: no escape sequence from the server, no fake line', async () => {
    const { code, stdout: screen, stderr } = await loginWith(hostileServices(), [], { tty: true });
    expect(code).toBe(EXIT.failed);
    // The screen's own status line is redrawn with "\r ESC[2K"; nothing else may control the terminal.
    expect(screen().replaceAll('\r\u001b[2K', '')).not.toMatch(UNSAFE);
    expect(screen()).toContain('https://trakt.tv/activate%1B[2J%C2%9B31m');
    expect(screen()).toContain('A  B  ]  0  ;  p  w  n  e  d  C  D  1  2');
    expect(stderr()).not.toMatch(UNSAFE);
    expect(stderr()).toContain('Sign-in failed:');
    for (const line of stderr().split('\n')) expect(line).not.toMatch(/^\s*(✖ |✔ )?Signed in/);
  });

  it('--json: lines stay exact JSON, but a terminal showing them sees no raw control character', async () => {
    const { code, stdout, stderr } = await loginWith(hostileServices(), ['--json']);
    expect(code).toBe(EXIT.failed);
    expect(stdout()).not.toMatch(UNSAFE);
    const lines = jsonLines(stdout());
    expect(lines[0]).toMatchObject({ type: 'codes', userCode: HOSTILE_USER_CODE, verificationUrl: 'https://trakt.tv/activate%1B[2J%C2%9B31m' });
    expect(String((lines.at(-1)!.error as { message: string }).message)).toContain(HOSTILE_DESCRIPTION);
    expect(stderr()).not.toMatch(UNSAFE);
    expect(stderr()).toContain('Sign-in failed:');
  });

  it.each([
    ['plain', [], 'http://trakt.example/activate', undefined],
    ['--json', ['--json'], 'http://trakt.example/activate', undefined],
    ['plain (pre-filled URL)', [], 'https://trakt.tv/activate', 'http://trakt.example/activate/PHISH123'],
  ])('%s: a verification URL that is plain http to another host fails before anything is shown (exit 1)', async (_mode, flags, url, complete) => {
    const services = hostileServices({ userCode: 'PHISH123', verificationUrl: url, ...(complete ? { verificationUrlComplete: complete } : {}) });
    const { code, stdout, stderr } = await loginWith(services, flags);
    expect(code).toBe(EXIT.failed);
    expect(stdout() + stderr()).not.toContain('PHISH123');
    expect(stdout()).not.toContain('Open ');
    expect(stderr()).toMatch(/send you to http:\/\/trakt\.example, which is not safe to open: only https:/);
    if (flags.length > 0) expect(jsonLines(stdout())).toMatchObject([{ type: 'failed', error: { code: 'INVALID_RESPONSE' } }]);
    expect(services.requests.filter((request) => request.kind === 'poll')).toHaveLength(0);
  });

  it('http verification URLs on this computer (localhost, 127.0.0.0/8, ::1) are shown', async () => {
    for (const url of ['http://localhost:9/activate', 'http://127.0.0.2/activate', 'http://[::1]:9/activate']) {
      const { code, stdout } = await loginWith(hostileServices({ userCode: 'LOCAL123', verificationUrl: url, verificationUrlComplete: `${url}/LOCAL123` }));
      expect(code).toBe(EXIT.failed);
      expect(stdout()).toContain(`Open ${url} and enter the code: LOCAL123`);
    }
  });
});

describe('against a real HTTP server', () => {
  let close: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await close?.();
    close = undefined;
  });

  it('an answer with control characters and a plain-http verification URL never reaches the screen', async () => {
    const server = await startLoopbackServer((request) =>
      request.path === '/oauth/device/code'
        ? json(200, { device_code: 'device-code-0123456789', user_code: HOSTILE_USER_CODE, verification_url: 'http://trakt.example/activate', expires_in: 5, interval: 0.01 })
        : json(422, { error: 'invalid_request', error_description: HOSTILE_DESCRIPTION }),
    );
    close = server.close;
    const { io, stdout, stderr } = memoryIo({ TRAKT_BASE_URL: server.url });
    expect(await main(['login', ...credentials], io)).toBe(EXIT.failed);
    expect(stdout() + stderr()).not.toMatch(UNSAFE);
    expect(stdout()).not.toContain('Open ');
    expect(server.requests.filter((request) => request.path === '/oauth/device/token')).toHaveLength(0);
  });
});

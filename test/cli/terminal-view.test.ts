import { describe, expect, it } from 'vitest';
import { makeToken } from '../../src/core/token.js';
import { createTerminalView } from '../../src/cli/views/terminal-view.js';
import { codeBox } from '../../src/cli/views/code-box.js';
import { colorEnabled } from '../../src/cli/io.js';
import { formatCountdown, formatSeconds } from '../../src/cli/views/login-view.js';

function tty() {
  let text = '';
  return { stream: { isTTY: true, columns: 100, write: (chunk: string) => (text += chunk) }, text: () => text };
}

const codes = {
  type: 'codes' as const,
  userCode: '5055CC52',
  verificationUrl: 'https://trakt.tv/activate',
  verificationUrlComplete: 'https://trakt.tv/activate/5055CC52',
  expiresAt: 600_000,
  interval: 5,
};

describe('the terminal screen', () => {
  it('boxes the code large, shows the URL, a QR code and a countdown with the poll status', async () => {
    const out = tty();
    const view = createTerminalView({ stdout: out.stream, stderr: out.stream, color: true, qr: true, now: () => 18_000, tickMs: 60_000 });
    view.event(codes);
    await view.ready();
    view.event({ type: 'poll', attempt: 3 });
    view.event({ type: 'slowDown', interval: 10, nextPollAt: 0 });
    await view.ready();
    view.dispose();
    const screen = out.text();
    expect(screen).toContain('5  0  5  5  C  C  5  2');
    expect(screen).toContain('https://trakt.tv/activate');
    expect(screen).toMatch(/[▀▄█]{7}/);
    expect(screen).toContain('code expires in 9:42');
    expect(screen).toContain('checked 3×');
    expect(screen).toContain('Slowed down to every 10 s');
    expect(screen).toContain('\u001b[1m');
  });

  it('NO_COLOR: no escape codes except the status line rewrite; --no-qr: no QR code', async () => {
    const out = tty();
    const view = createTerminalView({ stdout: out.stream, stderr: out.stream, color: false, qr: false, now: () => 0, tickMs: 60_000 });
    view.event(codes);
    view.event({ type: 'retry', attempt: 1, delayMs: 20_000, reason: 'NETWORK', message: 'down' });
    view.finish({ state: 'authorized', token: makeToken({ accessToken: 'a', tokenType: 'bearer', scope: 'public', createdAt: 1, expiresIn: 2 }), tokenFile: '/tmp/t.json' });
    await view.ready();
    const screen = out.text().replaceAll('\r\u001b[2K', '');
    expect(screen).not.toContain('\u001b[');
    expect(screen).not.toMatch(/[▀▄]/);
    expect(screen).toContain('Connection trouble, retrying in 20 s');
    expect(screen).toContain('Signed in. Token saved to /tmp/t.json');
  });

  it('reports endings on stderr', async () => {
    const out = tty();
    const err = tty();
    const view = createTerminalView({ stdout: out.stream, stderr: err.stream, color: false, qr: false, tickMs: 60_000 });
    view.event(codes);
    view.finish({ state: 'expired' });
    await view.ready();
    expect(err.text()).toContain('The code expired before it was approved');
  });

  it('colour only on a terminal and without NO_COLOR (https://no-color.org)', () => {
    expect(colorEnabled({ isTTY: true, write: () => true }, {})).toBe(true);
    expect(colorEnabled({ isTTY: true, write: () => true }, { NO_COLOR: '1' })).toBe(false);
    expect(colorEnabled({ isTTY: true, write: () => true }, { NO_COLOR: '' })).toBe(true);
    expect(colorEnabled({ isTTY: false, write: () => true }, {})).toBe(false);
  });

  it('formats', () => {
    expect(codeBox('AB', 0)).toEqual(['┏━━━━━━━━━━┓', '┃          ┃', '┃   A  B   ┃', '┃          ┃', '┗━━━━━━━━━━┛']);
    expect(formatCountdown(61_001)).toBe('1:02');
    expect(formatCountdown(-5)).toBe('0:00');
    expect(formatSeconds(0.05)).toBe('50 ms');
    expect(formatSeconds(12.5)).toBe('12.5 s');
  });
});

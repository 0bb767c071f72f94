import { describe, expect, it } from 'vitest';
import { safeJsonLine, safeLines, safeText, safeUrl } from '../../src/cli/views/safe-text.js';
import { isShowableVerificationUrl } from '../../src/cli/verification-url.js';

/** Every character a terminal could act on: C0 (tab, line breaks included), DEL, C1, bidi controls. */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/;

describe('safeText: server text made inert before a terminal sees it', () => {
  it.each([
    ['an escape sequence (recolour, clear screen)', 'AB\u001b[2J\u001b[31mCD', 'AB[2J[31mCD'],
    ['an OSC sequence (window title, hyperlink) ended by BEL', 'x\u001b]0;pwned\u0007y', 'x]0;pwnedy'],
    ['a carriage return that would overwrite the line', 'fine\r✔ Signed in', 'fine ✔ Signed in'],
    ['a line break that would fake a new line', 'oops\nSigned in.', 'oops Signed in.'],
    ['C1 controls (8-bit CSI; NEL, a line break, becomes a space) and DEL', 'a\u009b31mb\u0085c\u007fd', 'a31mb cd'],
    ['bidi overrides and isolates', 'abc\u202edcba\u2066x\u2069', 'abcdcbax'],
  ])('removes %s', (_what, input, expected) => {
    const result = safeText(input);
    expect(result).toBe(expected);
    expect(result).not.toMatch(UNSAFE);
  });

  it('keeps ordinary text, accents, emoji and box drawing as they are', () => {
    const text = 'Café 🎬 ┃ 5055CC52 — “quoted” (ok)';
    expect(safeText(text)).toBe(text);
  });

  it('safeLines keeps the line breaks a message is built with and nothing else', () => {
    expect(safeLines('Signed in as \u001b[1mme\r\n  Scope: public')).toBe('Signed in as [1mme \n  Scope: public');
  });
});

describe('safeUrl: URLs printed in their parsed, normalized form', () => {
  it('normalizes case, default port and dot segments', () => {
    expect(safeUrl('HTTPS://Trakt.TV:443/x/../activate')).toBe('https://trakt.tv/activate');
  });

  it('percent-encodes what the parser encodes, and never prints a control character', () => {
    const url = safeUrl('https://trakt.tv/activate/\u001b]8;;https://evil.example\u0007\u202e');
    expect(url).toBe('https://trakt.tv/activate/%1B]8;;https://evil.example%07%E2%80%AE');
    expect(url).not.toMatch(UNSAFE);
  });

  it('text that is not a URL is still made safe', () => {
    expect(safeUrl('not a url\u001b[2J')).toBe('not a url[2J');
  });
});

describe('safeJsonLine: JSON that is exact for programs and inert for terminals', () => {
  it('escapes C1, DEL, bidi and line separators that JSON.stringify leaves raw, and round-trips', () => {
    const value = { message: 'a\u009b31m\u007f\u202e\u2028z', code: 'X\u001b' };
    const line = safeJsonLine(value);
    expect(line).not.toMatch(UNSAFE);
    expect(JSON.parse(line)).toEqual(value);
  });
});

describe('which verification URLs may be shown', () => {
  it.each([
    'https://trakt.tv/activate',
    'https://example.com:8443/device?x=1',
    'http://127.0.0.1:8080/activate',
    'http://127.1.2.3/activate',
    'http://localhost:3000/activate',
    'http://LOCALHOST/activate',
    'http://[::1]:9000/activate',
  ])('shows %s', (url) => expect(isShowableVerificationUrl(url)).toBe(true));

  it.each([
    'http://trakt.tv/activate',
    'http://127.0.0.1.evil.example/activate',
    'http://localhost.evil.example/activate',
    'http://10.0.0.1/activate',
    'http://[::2]/activate',
    'ftp://trakt.tv/activate',
    'javascript:alert(1)',
    'file:///etc/passwd',
    'not a url',
  ])('refuses %s', (url) => expect(isShowableVerificationUrl(url)).toBe(false));
});

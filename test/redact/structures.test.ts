/** Secrets are found at any depth, in every container, and the copy is plain JSON-safe data. */
import { describe, expect, it } from 'vitest';
import { FUNCTION, REDACTED, redact } from '../../src/redact/redact.js';

class TokenRecord {
  accessToken = 'AT-secret';
  scope = 'public';
  get derived(): string {
    return 'not an own property';
  }
  method(): string {
    return 'x';
  }
}

describe('redaction inside structures', () => {
  it('inside arrays of objects', () => {
    expect(redact([{ access_token: 'a' }, [{ refreshToken: 'b', ok: 1 }]])).toEqual([{ access_token: REDACTED }, [{ refreshToken: REDACTED, ok: 1 }]]);
  });

  it('inside Maps (keys compared like property names) and Sets', () => {
    const map = new Map<unknown, unknown>([
      ['device_code', 'DC'],
      ['nested', new Map([['clientSecret', 'CS'], ['fine', 'yes']])],
      [42, 'number key'],
    ]);
    expect(redact({ map, set: new Set([{ password: 'p' }, 'plain']) })).toEqual({
      map: { device_code: REDACTED, nested: { clientSecret: REDACTED, fine: 'yes' }, 42: 'number key' },
      set: [{ password: REDACTED }, 'plain'],
    });
  });

  it('class instances become their own enumerable properties; methods and getters are not copied', () => {
    expect(redact(new TokenRecord())).toEqual({ accessToken: REDACTED, scope: 'public' });
  });

  it('functions: dropped from objects, marked in arrays and at the top', () => {
    expect(redact({ keep: 1, run: () => 1 })).toEqual({ keep: 1 });
    expect(redact([1, () => 1])).toEqual([1, FUNCTION]);
    expect(redact(() => 1)).toBe(FUNCTION);
  });

  it('dates, bigints, symbols, binary data, URLs and special numbers', () => {
    expect(
      redact({
        at: new Date(Date.UTC(2024, 0, 2, 3, 4, 5)),
        bad: new Date(Number.NaN),
        big: 12345678901234567890n,
        sym: Symbol('s'),
        bytes: new Uint8Array([1, 2, 3]),
        url: new URL('https://api.trakt.tv/oauth/token?refresh_token=RT123&x=1'),
        params: new URLSearchParams({ client_id: 'id', code: 'DC1', client_secret: 'CS1' }),
        n: Number.NaN,
        u: undefined,
        nil: null,
      }),
    ).toEqual({
      at: '2024-01-02T03:04:05.000Z',
      bad: 'Invalid Date',
      big: '12345678901234567890n',
      sym: 'Symbol(s)',
      bytes: '[binary 3 bytes]',
      url: `https://api.trakt.tv/oauth/token?refresh_token=${REDACTED}&x=1`,
      params: `client_id=id&code=${REDACTED}&client_secret=${REDACTED}`,
      n: Number.NaN,
      u: undefined,
      nil: null,
    });
  });

  it('a __proto__ key stays data and cannot change the copy\'s prototype', () => {
    const input = JSON.parse('{"__proto__": {"polluted": true}, "access_token": "x"}') as object;
    const copy = redact(input) as Record<string, unknown>;
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(copy.access_token).toBe(REDACTED);
  });

  it('property getters that throw do not stop the copy', () => {
    const tricky = Object.defineProperty({ ok: 1 }, 'boom', {
      enumerable: true,
      get() {
        throw new Error('no');
      },
    });
    expect(redact(tricky)).toEqual({ ok: 1, boom: '[unreadable]' });
  });
});

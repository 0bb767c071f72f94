/** Redaction copies: the value passed in is exactly as it was afterwards. */
import { describe, expect, it } from 'vitest';
import { redact } from '../../src/redact/redact.js';

function sample() {
  const error = new Error('with DC-1', { cause: { device_code: 'DC-1' } });
  const value = {
    accessToken: 'AT',
    body: { code: 'DC-1', client_id: 'id', client_secret: 'CS' },
    list: [{ password: 'p' }, 'DC-1 text'],
    map: new Map([['refresh_token', 'RT']]),
    set: new Set(['DC-1']),
    when: new Date(0),
    error,
    self: undefined as unknown,
  };
  value.self = value;
  return value;
}

describe('immutability', () => {
  it('does not change the input', () => {
    const input = sample();
    redact(input, { secrets: ['DC-1'] });
    expect(input).toEqual(sample());
    expect(input.accessToken).toBe('AT');
    expect(input.body.code).toBe('DC-1');
    expect(input.map.get('refresh_token')).toBe('RT');
    expect([...input.set]).toEqual(['DC-1']);
    expect(input.error.message).toBe('with DC-1');
    expect((input.error.cause as { device_code: string }).device_code).toBe('DC-1');
    expect(input.self).toBe(input);
  });

  it('returns new objects, never the input', () => {
    const input = { a: { b: [1] } };
    const copy = redact(input) as { a: { b: number[] } };
    expect(copy).toEqual(input);
    expect(copy).not.toBe(input);
    expect(copy.a).not.toBe(input.a);
    expect(copy.a.b).not.toBe(input.a.b);
  });
});

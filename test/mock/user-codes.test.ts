import { describe, expect, it } from 'vitest';
import { createDeviceCode, createUserCode, normalizeUserCode, USER_CODE_ALPHABET } from '../../src/mock/codes.js';

describe('codes', () => {
  it('draws user codes from an alphabet without vowels or look-alikes', () => {
    expect(USER_CODE_ALPHABET).not.toMatch(/[AEIOU01L8]/);
    expect(new Set(USER_CODE_ALPHABET).size).toBe(USER_CODE_ALPHABET.length);
    const seen = new Set<string>();
    for (let i = 0; i < 2000; i += 1) {
      const code = createUserCode();
      expect(code).toHaveLength(8);
      for (const char of code) seen.add(char);
    }
    expect([...seen].sort().join('')).toBe([...USER_CODE_ALPHABET].sort().join(''));
  });

  it('makes 256-bit device codes', () => {
    const codes = new Set(Array.from({ length: 100 }, createDeviceCode));
    expect(codes.size).toBe(100);
    for (const code of codes) expect(code).toMatch(/^[0-9a-f]{64}$/);
  });

  it('normalizes what a person types', () => {
    expect(normalizeUserCode(' bcdf-ghjk ')).toBe('BCDFGHJK');
    expect(normalizeUserCode('BCDF GHJK')).toBe('BCDFGHJK');
  });
});

import { describe, expect, it } from 'vitest';
import { matchRoute } from '../../src/mock/routes.js';
import { trimTrailingSlashes } from '../../src/mock/trim-slashes.js';

/** The worst case for a backtracking `/\/+$/`: a long run of slashes that does not end the string. */
const SLASHES = '/'.repeat(100_000);

describe('request paths are parsed in linear time', () => {
  it('trims trailing slashes only', () => {
    expect(trimTrailingSlashes('/activate//')).toBe('/activate');
    expect(trimTrailingSlashes('//oauth/token')).toBe('//oauth/token');
    expect(trimTrailingSlashes('///')).toBe('');
    expect(trimTrailingSlashes('')).toBe('');
  });

  it('routes a path of 100 000 slashes followed by a letter quickly (a /\\/+$/ takes seconds)', () => {
    const started = performance.now();
    expect(matchRoute('GET', `${SLASHES}x`)).toEqual({ kind: 'not-found' });
    expect(matchRoute('GET', `${SLASHES}activate`)).toEqual({ kind: 'not-found' });
    expect(matchRoute('GET', `/activate${SLASHES}`)).toMatchObject({ kind: 'found', params: {} });
    // Linear work here is a few milliseconds; the quadratic regex needed about 8 s on one core.
    expect(performance.now() - started).toBeLessThan(1_000);
  });
});

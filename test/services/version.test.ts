import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_USER_AGENT, LIBRARY_VERSION } from '../../src/core/version.js';

describe('version', () => {
  it('matches package.json, and the default User-Agent names it', () => {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string; name: string };
    expect(LIBRARY_VERSION).toBe(pkg.version);
    expect(DEFAULT_USER_AGENT).toBe(`${pkg.name}/${pkg.version}`);
  });
});

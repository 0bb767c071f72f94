import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultTokenPath } from '../../src/services/stores/file-token-store.js';

describe('defaultTokenPath', () => {
  it('uses $XDG_CONFIG_HOME when it is set to an absolute path', () => {
    expect(defaultTokenPath({ XDG_CONFIG_HOME: '/xdg/config' }, '/home/ann')).toBe(path.join('/xdg/config', 'device-auth', 'token.json'));
  });

  it('falls back to ~/.config when XDG_CONFIG_HOME is unset, empty or relative', () => {
    const expected = path.join('/home/ann', '.config', 'device-auth', 'token.json');
    expect(defaultTokenPath({}, '/home/ann')).toBe(expected);
    expect(defaultTokenPath({ XDG_CONFIG_HOME: '' }, '/home/ann')).toBe(expected);
    expect(defaultTokenPath({ XDG_CONFIG_HOME: 'relative/config' }, '/home/ann')).toBe(expected);
  });

  it('defaults to process.env and the real home directory', () => {
    const xdg = process.env.XDG_CONFIG_HOME;
    const base = xdg !== undefined && path.isAbsolute(xdg) ? xdg : path.join(os.homedir(), '.config');
    expect(defaultTokenPath()).toBe(path.join(base, 'device-auth', 'token.json'));
  });
});

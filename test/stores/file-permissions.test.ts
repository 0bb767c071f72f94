import { chmod, mkdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createFileTokenStore } from '../../src/services/stores/file-token-store.js';
import { sampleToken, useTempDir } from './fixtures.js';

const tmp = useTempDir();

const modeOf = async (p: string): Promise<number> => (await stat(p)).mode & 0o777;

describe.skipIf(process.platform === 'win32')('file token store: permissions', () => {
  it('creates the token file with mode 0600', async () => {
    await createFileTokenStore({ path: tmp.file }).set(sampleToken());
    expect(await modeOf(tmp.file)).toBe(0o600);
  });

  it('creates every missing directory with mode 0700', async () => {
    const file = path.join(tmp.dir, 'config', 'device-auth', 'token.json');
    await createFileTokenStore({ path: file }).set(sampleToken());
    expect(await modeOf(path.join(tmp.dir, 'config'))).toBe(0o700);
    expect(await modeOf(path.join(tmp.dir, 'config', 'device-auth'))).toBe(0o700);
    expect(await modeOf(file)).toBe(0o600);
  });

  it('leaves an existing directory as it is', async () => {
    const existing = path.join(tmp.dir, 'shared');
    await mkdir(existing);
    await chmod(existing, 0o755);
    await createFileTokenStore({ path: path.join(existing, 'token.json') }).set(sampleToken());
    expect(await modeOf(existing)).toBe(0o755);
  });

  it('tightens a world-readable token file to 0600 when it replaces it', async () => {
    await writeFile(tmp.file, '{}');
    await chmod(tmp.file, 0o644);
    await createFileTokenStore({ path: tmp.file, onWarning: () => undefined }).set(sampleToken());
    expect(await modeOf(tmp.file)).toBe(0o600);
  });
});

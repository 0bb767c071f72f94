/**
 * The React example's bundle (buildExamples with scripts/examples/plugins.ts) is React's
 * production build: `process.env.NODE_ENV` is "production" in it, so React's development build
 * (warnings, double checks, several times slower) is left out.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildExamples } from '../../scripts/examples/build.js';

describe('the React example bundle', () => {
  const dirs: string[] = [];
  afterAll(async () => {
    await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
  });

  it('holds React’s production build and no development one', async () => {
    const outDir = await mkdtemp(join(tmpdir(), 'device-auth-react-build-'));
    dirs.push(outDir);
    const [built] = await buildExamples({ outDir, names: ['react'] });
    const bundle = await readFile(join(built!.dir, 'main.js'), 'utf8');
    expect(bundle).toContain('node_modules/react-dom/cjs/react-dom-client.production.js');
    expect(bundle).toContain('node_modules/react/cjs/react-jsx-runtime.production.js');
    expect(bundle).not.toMatch(/\.development\.js/);
    expect(bundle).not.toContain('process.env.NODE_ENV');
  }, 60_000);
});

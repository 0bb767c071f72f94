/**
 * The Svelte plugin of scripts/examples/plugins.ts: the example's components compile for the
 * browser with no warning, and any compiler warning (an accessibility check) fails the build at
 * its line, so the examples stay clean.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { build, type Message } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildExamples } from '../../scripts/examples/build.js';
import { frameworkPlugins } from '../../scripts/examples/plugins.js';

describe('Svelte components, compiled at build time', () => {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'device-auth-svelte-build-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('the Svelte example builds, its components compiled for the browser in production mode', async () => {
    const [built] = await buildExamples({ outDir: dir, names: ['svelte'] });
    const bundle = await readFile(join(built!.dir, 'main.js'), 'utf8');
    expect(bundle).toContain('node_modules/svelte/src/internal/client/');
    expect(bundle).toContain('examples/svelte/SignInCard.svelte');
    expect(bundle).not.toContain('node_modules/svelte/src/compiler/');
  }, 60_000);

  it('a compiler warning fails the build at its line', async () => {
    const file = join(dir, 'Warns.svelte');
    await writeFile(file, '<script lang="ts">\n  let count: number = $state(1);\n</script>\n\n<img src="logo.png">\n<button onclick={() => count++}>{count}</button>\n');
    let errors: Message[] = [];
    await build({ entryPoints: [file], bundle: true, write: false, platform: 'browser', format: 'iife', plugins: frameworkPlugins, logLevel: 'silent', absWorkingDir: dirname(file) }).catch(
      (error: { errors: Message[] }) => {
        errors = error.errors;
      },
    );
    expect(errors.map((error) => error.text)).toEqual([expect.stringContaining('(a11y_missing_attribute)')]);
    expect(errors[0]?.location).toMatchObject({ file: basename(file), line: 5, column: 0, lineText: '<img src="logo.png">' });
  });
});

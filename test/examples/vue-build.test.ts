/**
 * The Vue plugin of scripts/examples/plugins.ts: the example's single-file components are compiled
 * at build time, so its bundle carries Vue's runtime only (no template compiler) with Vue's
 * compile-time flags set; a template error or a `<style>` block fails the build at its line.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { build, type Message } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildExamples } from '../../scripts/examples/build.js';
import { frameworkPlugins } from '../../scripts/examples/plugins.js';

/** Bundles `file` with the framework plugins; returns esbuild's errors (none when it built). */
async function buildErrors(file: string): Promise<Message[]> {
  try {
    await build({ entryPoints: [file], bundle: true, write: false, platform: 'browser', format: 'iife', plugins: frameworkPlugins, logLevel: 'silent', absWorkingDir: dirname(file) });
    return [];
  } catch (error) {
    return (error as { errors: Message[] }).errors;
  }
}

describe('Vue single-file components, compiled at build time', () => {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'device-auth-vue-build-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('the Vue example’s bundle has the runtime only, with the compile-time flags set', async () => {
    const [built] = await buildExamples({ outDir: dir, names: ['vue'] });
    const bundle = await readFile(join(built!.dir, 'main.js'), 'utf8');
    expect(bundle).toContain('node_modules/vue/dist/vue.runtime.esm-bundler.js');
    expect(bundle).not.toMatch(/node_modules\/@vue\/compiler-|compileToFunction/);
    // Vue checks its flags with `typeof __VUE_…__`; set at build time, those checks are folded away.
    expect(bundle).not.toMatch(/typeof __VUE_|process\.env\.NODE_ENV/);
  }, 60_000);

  it('a template error fails the build at its line', async () => {
    const file = join(dir, 'Broken.vue');
    await writeFile(file, '<script setup lang="ts">\nconst count: number = 1;\n</script>\n\n<template><p>{{ count </p></template>\n');
    const errors = await buildErrors(file);
    expect(errors.length).toBeGreaterThan(0);
    expect(errors[0]?.location).toMatchObject({ file: basename(file), line: 5, lineText: '<template><p>{{ count </p></template>' });
  });

  it('a <style> block fails the build, pointing at the shared card style', async () => {
    const file = join(dir, 'Styled.vue');
    await writeFile(file, '<script setup lang="ts">\nconst count: number = 1;\n</script>\n<template><p>{{ count }}</p></template>\n<style>p { color: red }</style>\n');
    const errors = await buildErrors(file);
    expect(errors.map((error) => error.text)).toEqual([expect.stringContaining('examples/shared/sign-in-card.css')]);
    expect(errors[0]?.location).toMatchObject({ file: basename(file), line: 5 });
  });
});

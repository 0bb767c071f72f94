/**
 * The esbuild plugins `buildExamples` (scripts/examples/build.ts) adds for the framework
 * examples: Svelte 5 components (`.svelte`, compiled by `svelte/compiler`), Vue 3 single-file
 * components (`.vue`, compiled by `vue/compiler-sfc` with the template inlined, so a page needs
 * only Vue's runtime, never its template compiler), and the frameworks' production builds.
 */
import { readFile } from 'node:fs/promises';
import type { PartialMessage, Plugin } from 'esbuild';
import { compile as compileSvelte } from 'svelte/compiler';
import { compileScript, parse as parseVue } from 'vue/compiler-sfc';

/**
 * Production builds of the frameworks: `process.env.NODE_ENV` is `"production"` in the bundle
 * (React's production build), and Vue's compile-time feature flags are set (no Options API, no
 * devtools hooks), as its bundler build expects.
 */
export const productionModePlugin: Plugin = {
  name: 'production-mode',
  setup(build) {
    build.initialOptions.define = {
      ...build.initialOptions.define,
      'process.env.NODE_ENV': '"production"',
      __VUE_OPTIONS_API__: 'false',
      __VUE_PROD_DEVTOOLS__: 'false',
      __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: 'false',
    };
  },
};

/** A compiler's exception as an esbuild error on `file`. */
function compileError(file: string, error: unknown): PartialMessage {
  return { text: error instanceof Error ? error.message : String(error), location: { file } };
}

/** Svelte 5 components: `.svelte` files compiled for the browser (runes, TypeScript in `<script lang="ts">`), their CSS injected by the component. */
export const sveltePlugin: Plugin = {
  name: 'svelte',
  setup(build) {
    build.onLoad({ filter: /\.svelte$/ }, async ({ path }) => {
      const source = await readFile(path, 'utf8');
      try {
        const { js, warnings } = compileSvelte(source, { filename: path, generate: 'client', css: 'injected', dev: false });
        return {
          contents: js.code,
          loader: 'js',
          warnings: warnings.map((warning) => ({
            text: `${warning.code}: ${warning.message}`,
            location: { file: path, line: warning.start?.line ?? 0, column: warning.start?.column ?? 0 },
          })),
        };
      } catch (error) {
        return { errors: [compileError(path, error)] };
      }
    });
  },
};

/** Vue 3 single-file components: `<script setup>` (TypeScript allowed) with the template compiled into it; no `<style>` blocks (the example's CSS file styles it). */
export const vuePlugin: Plugin = {
  name: 'vue',
  setup(build) {
    build.onLoad({ filter: /\.vue$/ }, async ({ path }) => {
      const source = await readFile(path, 'utf8');
      const { descriptor, errors } = parseVue(source, { filename: path });
      if (errors.length > 0) return { errors: errors.map((error) => compileError(path, error)) };
      if (descriptor.styles.length > 0) {
        return { errors: [compileError(path, '<style> blocks are not supported here: put the CSS in the example\'s style.css')] };
      }
      try {
        const script = compileScript(descriptor, { id: path, inlineTemplate: true });
        const lang = script.lang === 'ts' ? 'ts' : 'js';
        return { contents: script.content, loader: lang };
      } catch (error) {
        return { errors: [compileError(path, error)] };
      }
    });
  },
};

/** The plugins `buildExamples` adds to every example's build. */
export const frameworkPlugins: Plugin[] = [productionModePlugin, sveltePlugin, vuePlugin];

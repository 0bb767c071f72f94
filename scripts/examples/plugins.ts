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

/** Where in a source file a compiler complained: line from 1, column from 0 (esbuild's way). */
interface SourcePosition {
  readonly line: number;
  readonly column: number;
}

/** A compiler's complaint as an esbuild message on `file`, pointing at the source line when the compiler said which. */
function compileError(file: string, source: string, text: string, at?: SourcePosition): PartialMessage {
  if (at === undefined) return { text, location: { file } };
  return { text, location: { file, line: at.line, column: at.column, lineText: source.split('\n')[at.line - 1] ?? '' } };
}

/** A Vue compiler position (columns from 1) as a {@link SourcePosition}. */
function vuePosition(start: { line: number; column: number } | undefined): SourcePosition | undefined {
  return start === undefined ? undefined : { line: start.line, column: start.column - 1 };
}

/** A Vue compiler error (it carries `loc`) as an esbuild message. */
function vueError(file: string, source: string, error: unknown): PartialMessage {
  const text = error instanceof Error ? error.message : String(error);
  return compileError(file, source, text, vuePosition((error as { loc?: { start?: { line: number; column: number } } } | null)?.loc?.start));
}

/**
 * Svelte 5 components: `.svelte` files compiled for the browser (runes, TypeScript in
 * `<script lang="ts">`), their CSS injected by the component. A compiler warning (an
 * accessibility check, a rune misuse) fails the build: the examples compile clean.
 */
export const sveltePlugin: Plugin = {
  name: 'svelte',
  setup(build) {
    build.onLoad({ filter: /\.svelte$/ }, async ({ path }) => {
      const source = await readFile(path, 'utf8');
      try {
        const { js, warnings } = compileSvelte(source, { filename: path, generate: 'client', css: 'injected', dev: false });
        if (warnings.length > 0) {
          return { errors: warnings.map((warning) => compileError(path, source, `Svelte: ${warning.message} (${warning.code})`, warning.start)) };
        }
        return { contents: js.code, loader: 'js' };
      } catch (error) {
        // Svelte's errors carry `start` like its warnings.
        const start = (error as { start?: SourcePosition } | null)?.start;
        return { errors: [compileError(path, source, error instanceof Error ? error.message : String(error), start)] };
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
      if (errors.length > 0) return { errors: errors.map((error) => vueError(path, source, error)) };
      if (descriptor.styles.length > 0) {
        return { errors: [compileError(path, source, '<style> blocks are not compiled here: style the card in a CSS file the example imports (examples/shared/sign-in-card.css)', vuePosition(descriptor.styles[0]?.loc.start))] };
      }
      try {
        const script = compileScript(descriptor, { id: path, inlineTemplate: true });
        const lang = script.lang === 'ts' ? 'ts' : 'js';
        return { contents: script.content, loader: lang };
      } catch (error) {
        return { errors: [vueError(path, source, error)] };
      }
    });
  },
};

/** The plugins `buildExamples` adds to every example's build. */
export const frameworkPlugins: Plugin[] = [productionModePlugin, sveltePlugin, vuePlugin];

/**
 * The type of a `.svelte` module for the TypeScript checker (the files themselves are compiled
 * by scripts/examples/plugins.ts): a Svelte 5 component.
 */
declare module '*.svelte' {
  import type { Component } from 'svelte';
  const component: Component<any>;
  export default component;
}

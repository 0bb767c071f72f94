/**
 * The type of a `.vue` module for the TypeScript checker (the files themselves are compiled by
 * scripts/examples/plugins.ts): a Vue 3 component.
 */
declare module '*.vue' {
  import type { Component } from 'vue';
  const component: Component;
  export default component;
}

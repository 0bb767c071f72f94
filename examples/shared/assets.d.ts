/**
 * Module types for the files the examples' build (scripts/examples/build.ts) loads besides code:
 * SVG documents come in as their text (the demo inlines the committed statechart), CSS imports
 * are emitted as `main.css` beside `main.js`.
 */
declare module '*.svg' {
  const markup: string;
  export default markup;
}
declare module '*.css' {}

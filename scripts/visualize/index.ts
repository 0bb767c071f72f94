/**
 * Diagrams of the statecharts, generated from the machines' own definitions: Mermaid
 * `stateDiagram-v2`, Graphviz DOT and SVG, and a README that shows them.
 */
export { machineGraph, RESTING_TAG } from './machine-graph.js';
export type { EdgeInfo, InvokeInfo, MachineGraph, StateInfo, StateKind, TriggerKind } from './machine-graph.types.js';
export { branchLabel, transitionHead, ELSE_LABEL } from './branch-label.js';
export { graphToMermaid, machineToMermaid } from './mermaid.js';
export { graphToDot, machineToDot } from './dot.js';
export { renderSvg } from './render-svg.js';
export { readmeMarkdown, type ReadmeSection } from './readme.js';
export { visualizationFiles, DIAGRAM_EXTENSIONS } from './files.js';
export { machinesToDraw } from './machines.js';

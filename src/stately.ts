/**
 * `device-auth-machine/stately`: Stately's inspectors (`@statelyai/inspect`, an optional peer
 * dependency) with every message passed through `redact()` first.
 */
export { createRedactedBrowserInspector, createRedactedWebSocketInspector } from './inspect/stately-inspectors.js';
export type {
  RedactedBrowserInspectorOptions,
  RedactedWebSocketInspectorOptions,
  StatelyBrowserInspector,
  StatelyBrowserInspectorOptions,
  StatelyWebSocketInspector,
  StatelyWebSocketInspectorOptions,
} from './inspect/stately-inspectors.js';

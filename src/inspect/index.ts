/**
 * Inspection without leaking secrets: the one `redact()` every output uses, Stately's inspectors
 * with every message redacted, and an offline viewer served on 127.0.0.1. Each takes the secrets
 * known up front (the client secret) and learns the device code (RFC 8628 §3.2) and the access and
 * refresh tokens (RFC 6749 §5.1) from the flow as they appear.
 */
export { redact, createRedactor, REDACTED, CIRCULAR, FUNCTION, DEPTH_LIMIT, DEFAULT_MAX_DEPTH } from './redact.js';
export type { RedactedValue, RedactOptions, Redactor } from './redact.js';
export { createInspectionRedactor } from './inspection-redactor.js';
export type { InspectionRedactor, RedactionOptions } from './inspection-redactor.js';
export { harvestSecrets, MIN_HARVESTED_SECRET_LENGTH } from './harvest-secrets.js';
export { createRedactedBrowserInspector, createRedactedWebSocketInspector, redactingStatelyHooks } from './stately-inspectors.js';
export type {
  RedactedBrowserInspectorOptions,
  RedactedWebSocketInspectorOptions,
  StatelyBrowserInspector,
  StatelyBrowserInspectorOptions,
  StatelySanitizingHooks,
  StatelyWebSocketInspector,
  StatelyWebSocketInspectorOptions,
} from './stately-inspectors.js';
export { serveInspector, INSPECTOR_HOST } from './serve-inspector.js';
export type { InspectorServer, ServeInspectorOptions } from './serve-inspector.js';
export type { DiagramSource } from './diagram-svg.js';
export { DEFAULT_REPLAY_LIMIT } from './viewer-history.js';
export type { ViewerActorMessage, ViewerEndMessage, ViewerEventMessage, ViewerMessage, ViewerSnapshotMessage } from './viewer-messages.js';

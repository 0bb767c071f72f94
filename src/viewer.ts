/**
 * `device-auth-machine/viewer`: the offline live viewer, served on 127.0.0.1 by Node. The page
 * shows the statechart with the current state highlighted, the redacted context and the event log.
 */
export { serveInspector, INSPECTOR_HOST } from './inspect/serve-inspector.js';
export type { InspectorServer, ServeInspectorOptions } from './inspect/serve-inspector.js';
export type { ViewerActorMessage, ViewerEndMessage, ViewerEventMessage, ViewerMessage, ViewerSnapshotMessage } from './inspect/viewer-messages.js';

/**
 * `device-auth-machine/viewer`: the offline viewer, served on 127.0.0.1 by Node. The page shows
 * the statechart with the current state highlighted, the redacted context, the event log and a
 * timeline, and travels back in time to any row of the log: live while a flow runs
 * (`serveInspector`), or replaying a recorded trace (`serveReplay`, or `replayHtml` for one
 * self-contained file that opens from disk).
 */
export { serveInspector, INSPECTOR_HOST } from './inspect/serve-inspector.js';
export type { InspectorServer, ServeInspectorOptions } from './inspect/serve-inspector.js';
export type { ViewerActorMessage, ViewerEndMessage, ViewerEventMessage, ViewerMessage, ViewerSnapshotMessage } from './inspect/viewer-messages.js';
export { serveReplay } from './inspect/serve-replay.js';
export type { ReplayServer, ServeReplayOptions } from './inspect/serve-replay.js';
export { replayHtml } from './inspect/replay-page.js';
export type { ReplayOptions } from './inspect/replay-page.js';

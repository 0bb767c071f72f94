/**
 * `device-auth-machine/record`: recording a flow as a versioned, redacted trace for a bug report,
 * and reading one back (what `device-auth replay` and the viewer's replay page show). Runtime-neutral
 * like the main entry, and kept apart from it so apps that never record pay nothing to import it.
 */
export { createTraceRecorder, recordTrace } from './record/trace-recorder.js';
export type { TraceRecorder, TraceRecorderOptions } from './record/trace-recorder.js';
export type { RecordableFetch, RecordableResponse } from './record/fetch-recording.js';
export { parseTrace, validateTrace } from './record/parse-trace.js';
export { traceVersionWarning } from './record/trace-version.js';
export { traceMoments, momentAfter } from './record/trace-moments.js';
export type { TraceMoment } from './record/trace-moments.js';
export { TRACE_FORMAT, TRACE_VERSION } from './record/trace.types.js';
export type { DeviceAuthTrace, TraceActorStep, TraceEventStep, TraceHttpStep, TraceSnapshotStep, TraceStep } from './record/trace.types.js';

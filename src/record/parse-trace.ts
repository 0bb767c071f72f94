/**
 * Reading a trace back: `parseTrace(text)` and `validateTrace(value)` check every field a trace
 * holds and build a fresh trace from the fields they checked, so nothing unchecked (an extra
 * property, a function-looking string in the wrong place, a number where a name belongs) reaches a
 * viewer. What they cannot accept is named in the error: the JSON is cut short, a field is
 * missing or of the wrong type, the format is another program's or a newer version's.
 *
 * Free-form parts (an event's payload, a snapshot, an HTTP body) are JSON values; they are kept
 * as data, bounded in depth, and a viewer shows them as text only.
 */
import type { RedactedValue } from '../redact/redact.js';
import { invalidTrace } from './trace-error.js';
import {
  TRACE_FORMAT,
  TRACE_VERSION,
  type DeviceAuthTrace,
  type TraceActorStep,
  type TraceEventStep,
  type TraceHttpStep,
  type TraceSnapshotStep,
  type TraceStep,
} from './trace.types.js';

/** Most steps a trace may hold. */
export const MAX_TRACE_STEPS = 200_000;

/** Deepest nesting accepted inside a free-form part (the recorder writes at most 64). */
const MAX_VALUE_DEPTH = 80;

/** Longest name-like string (ids, event types, state ids). */
const MAX_NAME = 500;

/** Longest free text (an error, a path). */
const MAX_TEXT = 10_000;

type Bag = Record<string, unknown>;

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return value.length > 40 ? 'a long string' : JSON.stringify(value);
  return typeof value === 'object' ? 'an object' : `${typeof value} ${String(value)}`;
}

function fail(path: string, expected: string, value: unknown): never {
  throw invalidTrace(`"${path}" must be ${expected}, not ${describe(value)}.`);
}

function object(value: unknown, path: string): Bag {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail(path, 'an object', value);
  return value as Bag;
}

function string(value: unknown, path: string, max = MAX_NAME): string {
  if (typeof value !== 'string') fail(path, 'a string', value);
  if (value.length > max) fail(path, `a string of at most ${max} characters`, value);
  return value;
}

function stringOrNull(value: unknown, path: string, max = MAX_NAME): string | null {
  return value === null ? null : string(value, path, max);
}

function finite(value: unknown, path: string, min = -Infinity): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min) fail(path, min === 0 ? 'a finite number, 0 or more' : 'a finite number', value);
  return value;
}

function integer(value: unknown, path: string, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) fail(path, `a whole number from ${min} to ${max}`, value);
  return value;
}

/** A JSON value (as `JSON.parse` makes them), at most {@link MAX_VALUE_DEPTH} deep, copied. */
function json(value: unknown, path: string, depth = 0): RedactedValue {
  if (depth > MAX_VALUE_DEPTH) throw invalidTrace(`"${path}" is nested more than ${MAX_VALUE_DEPTH} levels deep.`);
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : fail(path, 'a finite number', value);
  if (Array.isArray(value)) return value.map((item, index) => json(item, `${path}[${index}]`, depth + 1));
  if (typeof value === 'object') {
    const copy: Record<string, RedactedValue> = {};
    for (const [key, item] of Object.entries(value)) {
      // A key like "__proto__" stays a plain property of a plain object.
      Object.defineProperty(copy, key, { value: json(item, `${path}.${key}`, depth + 1), enumerable: true, writable: true, configurable: true });
    }
    return copy;
  }
  return fail(path, 'JSON data', value);
}

function stepBase(raw: Bag, path: string, previous: number): { seq: number; time: number } {
  const seq = integer(raw.seq, `${path}.seq`, 1, Number.MAX_SAFE_INTEGER);
  if (seq <= previous) throw invalidTrace(`"${path}.seq" must be greater than the step before (${previous}), not ${seq}.`);
  return { seq, time: finite(raw.time, `${path}.time`, 0) };
}

function actorStep(raw: Bag, path: string, base: { seq: number; time: number }): TraceActorStep {
  return {
    type: '@xstate.actor',
    ...base,
    sessionId: string(raw.sessionId, `${path}.sessionId`),
    actorId: string(raw.actorId, `${path}.actorId`),
    parentId: stringOrNull(raw.parentId, `${path}.parentId`),
    rootId: string(raw.rootId, `${path}.rootId`),
    machineId: stringOrNull(raw.machineId, `${path}.machineId`),
  };
}

function eventStep(raw: Bag, path: string, base: { seq: number; time: number }): TraceEventStep {
  const event = json(object(raw.event, `${path}.event`), `${path}.event`) as Record<string, RedactedValue>;
  string(event.type, `${path}.event.type`);
  return {
    type: '@xstate.event',
    ...base,
    sessionId: string(raw.sessionId, `${path}.sessionId`),
    sourceId: stringOrNull(raw.sourceId, `${path}.sourceId`),
    rootId: string(raw.rootId, `${path}.rootId`),
    event: event as TraceEventStep['event'],
  };
}

function snapshotStep(raw: Bag, path: string, base: { seq: number; time: number }): TraceSnapshotStep {
  const snapshot = json(object(raw.snapshot, `${path}.snapshot`), `${path}.snapshot`) as Record<string, RedactedValue>;
  if (snapshot.status !== undefined) string(snapshot.status, `${path}.snapshot.status`);
  let stateIds: string[] | null = null;
  if (raw.stateIds !== null) {
    if (!Array.isArray(raw.stateIds)) fail(`${path}.stateIds`, 'an array of state ids or null', raw.stateIds);
    stateIds = raw.stateIds.map((id, index) => string(id, `${path}.stateIds[${index}]`));
  }
  return {
    type: '@xstate.snapshot',
    ...base,
    sessionId: string(raw.sessionId, `${path}.sessionId`),
    rootId: string(raw.rootId, `${path}.rootId`),
    eventType: string(raw.eventType, `${path}.eventType`),
    snapshot,
    stateIds,
  };
}

function httpStep(raw: Bag, path: string, base: { seq: number; time: number }): TraceHttpStep {
  const method = string(raw.method, `${path}.method`);
  if (!/^[A-Z]{1,16}$/.test(method)) fail(`${path}.method`, 'an upper-case HTTP method', method);
  return {
    type: 'http',
    ...base,
    method,
    origin: string(raw.origin, `${path}.origin`),
    path: string(raw.path, `${path}.path`, MAX_TEXT),
    status: raw.status === null ? null : integer(raw.status, `${path}.status`, 0, 999),
    durationMs: raw.durationMs === null ? null : finite(raw.durationMs, `${path}.durationMs`, 0),
    requestBody: json(raw.requestBody ?? null, `${path}.requestBody`),
    responseBody: json(raw.responseBody ?? null, `${path}.responseBody`),
    error: stringOrNull(raw.error ?? null, `${path}.error`, MAX_TEXT),
  };
}

const STEP_READERS: Record<TraceStep['type'], (raw: Bag, path: string, base: { seq: number; time: number }) => TraceStep> = {
  '@xstate.actor': actorStep,
  '@xstate.event': eventStep,
  '@xstate.snapshot': snapshotStep,
  http: httpStep,
};

/**
 * Checks a parsed trace field by field and returns a fresh copy made of the checked fields only.
 *
 * @param value - What `JSON.parse` made of a trace file.
 * @throws {@link DeviceAuthError} `INVALID_RESPONSE` naming the first field that is wrong, or
 *   saying the document is another format or a newer version of this one.
 */
export function validateTrace(value: unknown): DeviceAuthTrace {
  const raw = object(value, 'trace');
  if (raw.format !== TRACE_FORMAT) {
    throw invalidTrace(`its "format" is ${describe(raw.format)}, not "${TRACE_FORMAT}": this is not a file "--record" wrote.`);
  }
  if (raw.version !== TRACE_VERSION) {
    if (typeof raw.version === 'number' && Number.isInteger(raw.version) && raw.version > TRACE_VERSION) {
      throw invalidTrace(`it is format version ${raw.version}, and this device-auth-machine reads version ${TRACE_VERSION}: open it with the version that recorded it (packageVersion ${describe(raw.packageVersion)}) or a newer one.`);
    }
    fail('version', `${TRACE_VERSION}`, raw.version);
  }
  const packageVersion = string(raw.packageVersion, 'packageVersion', 64);
  if (!/^[0-9A-Za-z.+-]+$/.test(packageVersion)) fail('packageVersion', 'a version such as 1.2.3', packageVersion);
  const machineId = stringOrNull(raw.machineId, 'machineId');
  const startedAt = finite(raw.startedAt, 'startedAt', 0);
  const endedAt = finite(raw.endedAt, 'endedAt', 0);
  const droppedSteps = integer(raw.droppedSteps ?? 0, 'droppedSteps', 0, Number.MAX_SAFE_INTEGER);
  if (!Array.isArray(raw.steps)) fail('steps', 'an array', raw.steps);
  if (raw.steps.length > MAX_TRACE_STEPS) throw invalidTrace(`it has ${raw.steps.length} steps; at most ${MAX_TRACE_STEPS} are read.`);
  const steps: TraceStep[] = [];
  let previous = 0;
  raw.steps.forEach((item, index) => {
    const path = `steps[${index}]`;
    const step = object(item, path);
    const reader = typeof step.type === 'string' ? STEP_READERS[step.type as TraceStep['type']] : undefined;
    if (reader === undefined || !Object.hasOwn(STEP_READERS, step.type as string)) {
      fail(`${path}.type`, `one of ${Object.keys(STEP_READERS).map((type) => `"${type}"`).join(', ')}`, step.type);
    }
    const checked = reader(step, path, stepBase(step, path, previous));
    previous = checked.seq;
    steps.push(checked);
  });
  return { format: TRACE_FORMAT, version: TRACE_VERSION, packageVersion, machineId, startedAt, endedAt, droppedSteps, steps };
}

/**
 * Reads a trace file's text: parses the JSON and checks every field ({@link validateTrace}).
 *
 * @example
 * ```ts
 * const trace = parseTrace(await file.text());
 * const warning = traceVersionWarning(trace); // recorded by another version?
 * ```
 *
 * @param text - The file's contents.
 * @throws {@link DeviceAuthError} `INVALID_RESPONSE` whose message says what is wrong: not JSON
 *   (a truncated file ends in the middle of a value), another format, a newer version, or the
 *   first field that is missing or of the wrong type.
 */
export function parseTrace(text: string): DeviceAuthTrace {
  if (text.trim() === '') throw invalidTrace('the file is empty.');
  let value: unknown;
  try {
    value = JSON.parse(text) as unknown;
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    const truncated = /end of (JSON )?input|Unterminated|Expected .* after/i.test(detail);
    throw invalidTrace(`it is not valid JSON (${detail})${truncated ? '; the file looks cut short' : ''}.`, error);
  }
  return validateTrace(value);
}

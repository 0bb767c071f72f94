/**
 * The trace of a sign-in, as a file can hold it: a versioned JSON document with every event and
 * state change of every actor (with its time and the redacted snapshot after it) and each HTTP
 * exchange summarized. Written by the recorder (`trace-recorder.ts`), read back by `parseTrace`,
 * shown by the viewer's replay. Everything in it has been through the one `redact()`.
 *
 * The steps are XState's inspection events made plain (`@xstate.actor`, `@xstate.event`,
 * `@xstate.snapshot`: the same shapes the live viewer streams) plus `http` steps; every step has
 * a position (`seq`, from 1, increasing) and a time (milliseconds since the epoch).
 */
import type { RedactedValue } from '../redact/redact.js';

/** `format` of every trace. */
export const TRACE_FORMAT = 'device-auth-trace';

/** The version of the trace format this package writes and reads. */
export const TRACE_VERSION = 1;

/** Fields every step has. */
export interface TraceStepBase {
  /** Position in the trace, from 1, increasing. */
  readonly seq: number;
  /** When it happened, in milliseconds since the epoch (the recorder's clock). */
  readonly time: number;
}

/** An actor was created (`@xstate.actor`). */
export interface TraceActorStep extends TraceStepBase {
  readonly type: '@xstate.actor';
  /** The actor's session id (unique in the system). */
  readonly sessionId: string;
  /** The actor's id: the invoke id for invoked actors (`pollToken`), the session id for a root. */
  readonly actorId: string;
  /** Session id of the parent, or `null` for a root actor. */
  readonly parentId: string | null;
  /** Session id of the root of its system. */
  readonly rootId: string;
  /** The machine's id when the actor runs a state machine, else `null`. */
  readonly machineId: string | null;
}

/** An event was sent to an actor (`@xstate.event`). */
export interface TraceEventStep extends TraceStepBase {
  readonly type: '@xstate.event';
  /** Session id of the receiving actor. */
  readonly sessionId: string;
  /** Session id of the sender, or `null` when sent from outside the system. */
  readonly sourceId: string | null;
  readonly rootId: string;
  /** The event, redacted. */
  readonly event: { readonly type: string; readonly [key: string]: RedactedValue };
}

/** An actor has a new snapshot (`@xstate.snapshot`). */
export interface TraceSnapshotStep extends TraceStepBase {
  readonly type: '@xstate.snapshot';
  readonly sessionId: string;
  readonly rootId: string;
  /** The type of the event that led to this snapshot. */
  readonly eventType: string;
  /**
   * The snapshot, redacted. Machines: `{ status, value, context, tags, children, output?, error? }`;
   * other actors: their own fields (a promise actor's `{ status, input, output, error }`).
   */
  readonly snapshot: { readonly status?: RedactedValue; readonly [key: string]: RedactedValue };
  /**
   * For machine snapshots: ids of the active state nodes, outermost first
   * (`deviceAuth.awaitingUser`, `deviceAuth.awaitingUser.waiting`), as the diagrams name them.
   */
  readonly stateIds: readonly string[] | null;
}

/** One HTTP exchange, summarized and redacted. */
export interface TraceHttpStep extends TraceStepBase {
  readonly type: 'http';
  /** Upper-case method. */
  readonly method: string;
  /** The server, e.g. `https://api.trakt.tv`. */
  readonly origin: string;
  /** The path, without the query (queries can carry secrets). */
  readonly path: string;
  /** The answer's status; `null` when there was none (network error, abort, still in flight). */
  readonly status: number | null;
  /** From sending the request until the answer's body was read; `null` until it was. */
  readonly durationMs: number | null;
  /** The request body (JSON or form fields as an object, other text as a string), redacted; `null` when none. */
  readonly requestBody: RedactedValue;
  /** The answer's body, read the same way, redacted; `null` when none or not read. */
  readonly responseBody: RedactedValue;
  /** Why there was no answer, or why its body could not be read, redacted; `null` when all went well. */
  readonly error: string | null;
}

/** One step of a trace. */
export type TraceStep = TraceActorStep | TraceEventStep | TraceSnapshotStep | TraceHttpStep;

/** A recorded flow: see the file header. */
export interface DeviceAuthTrace {
  /** Always {@link TRACE_FORMAT}. */
  readonly format: typeof TRACE_FORMAT;
  /** The format's version: {@link TRACE_VERSION}. */
  readonly version: typeof TRACE_VERSION;
  /** The version of device-auth-machine that recorded it (`LIBRARY_VERSION`). */
  readonly packageVersion: string;
  /** The id of the root actor's machine (`deviceAuth`, `session`); `null` when none was seen. */
  readonly machineId: string | null;
  /** When recording started, in milliseconds since the epoch. */
  readonly startedAt: number;
  /** When the trace was taken, in milliseconds since the epoch. */
  readonly endedAt: number;
  /** Oldest steps left out to keep the recorder's memory bounded (`maxSteps`); usually 0. */
  readonly droppedSteps: number;
  /** The steps, in order. */
  readonly steps: readonly TraceStep[];
}

/**
 * Stately's inspectors (`@statelyai/inspect`, the XState v5 successor of `@xstate/inspect`) with
 * every message redacted: pass `.inspect` to `createActor(machine, { inspect })` and watch the
 * flow in the Stately inspector without the client secret, the device code or the tokens ever
 * leaving the process.
 *
 * `@statelyai/inspect` offers three hooks, and all three are set: `sanitizeContext` (snapshot
 * context), `sanitizeEvent` (events sent to actors) and `serialize` (the whole message last:
 * snapshots with their output, input and error, actor registrations with their definition).
 * Each hook first learns secrets from what it is given, then runs the caller's own hook, then
 * redacts, so redaction is always the last step. The raw XState inspection events are also shown
 * to the redactor the moment XState reports them (Stately converts them a tick later).
 */
import { createBrowserInspector, createWebSocketInspector, type StatelyInspectionEvent } from '@statelyai/inspect';
import type { AnyEventObject, InspectionEvent, MachineContext, Observer } from 'xstate';
import { createInspectionRedactor, type InspectionRedactor, type RedactionOptions } from '../redact/inspection-redactor.js';

/** Options of `createBrowserInspector` from `@statelyai/inspect`. */
export type StatelyBrowserInspectorOptions = NonNullable<Parameters<typeof createBrowserInspector>[0]>;
/** Options of `createWebSocketInspector` from `@statelyai/inspect`. */
export type StatelyWebSocketInspectorOptions = NonNullable<Parameters<typeof createWebSocketInspector>[0]>;
/** What `createBrowserInspector` returns: `{ inspect, start, stop, adapter, ... }`. */
export type StatelyBrowserInspector = ReturnType<typeof createBrowserInspector>;
/** What `createWebSocketInspector` returns: `{ inspect, start, stop, adapter, ... }`. */
export type StatelyWebSocketInspector = ReturnType<typeof createWebSocketInspector>;

/** Options of {@link createRedactedBrowserInspector}: Stately's, plus the secrets to redact. */
export type RedactedBrowserInspectorOptions = StatelyBrowserInspectorOptions & RedactionOptions;
/** Options of {@link createRedactedWebSocketInspector}: Stately's (`url` required), plus the secrets to redact. */
export type RedactedWebSocketInspectorOptions = StatelyWebSocketInspectorOptions & RedactionOptions;

/** The three sanitizing hooks of `@statelyai/inspect`'s `InspectorOptions`. */
export interface StatelySanitizingHooks {
  /** Turns a whole inspection message into what is sent. */
  serialize?: ((event: StatelyInspectionEvent) => StatelyInspectionEvent) | undefined;
  /** Turns a snapshot's context into what is sent. */
  sanitizeContext?: ((context: MachineContext) => MachineContext) | undefined;
  /** Turns an event sent to an actor into what is sent. */
  sanitizeEvent?: ((event: AnyEventObject) => AnyEventObject) | undefined;
}

/**
 * The `serialize`, `sanitizeContext` and `sanitizeEvent` options that make any `@statelyai/inspect`
 * inspector redact: each learns secrets from its input, applies the caller's hook (if any), and
 * returns `redactor.redact(...)` of the result. Redacting twice is harmless, so it does not matter
 * that Stately's adapters re-serialize messages they held back while disconnected.
 *
 * @param redactor - From `createInspectionRedactor`.
 * @param hooks - The caller's own hooks, run before redaction.
 */
export function redactingStatelyHooks(
  redactor: InspectionRedactor,
  hooks: StatelySanitizingHooks = {},
): Required<{ [K in keyof StatelySanitizingHooks]: NonNullable<StatelySanitizingHooks[K]> }> {
  return {
    serialize(event) {
      redactor.learn(event);
      return redactor.redact(hooks.serialize ? hooks.serialize(event) : event) as unknown as StatelyInspectionEvent;
    },
    sanitizeContext(context) {
      redactor.learn(context);
      return redactor.redact(hooks.sanitizeContext ? hooks.sanitizeContext(context) : context) as MachineContext;
    },
    sanitizeEvent(event) {
      redactor.learn(event);
      return redactor.redact(hooks.sanitizeEvent ? hooks.sanitizeEvent(event) : event) as AnyEventObject;
    },
  };
}

/** Makes the inspector's XState observer show each raw inspection event to the redactor first. */
function learnFirst<T extends { inspect: Observer<InspectionEvent> }>(inspector: T, redactor: InspectionRedactor): T {
  // Without a window, `createBrowserInspector` returns a stand-in with no observer.
  const inner = inspector.inspect as Observer<InspectionEvent> | undefined;
  const inspect: Observer<InspectionEvent> = {
    next(event) {
      redactor.learn(event);
      inner?.next?.(event);
    },
    error: (error) => inner?.error?.(error),
    complete: () => inner?.complete?.(),
  };
  return Object.assign(inspector, { inspect });
}

function splitOptions<T extends StatelySanitizingHooks & RedactionOptions>(options: T) {
  const { secrets, redactor: shared, serialize, sanitizeContext, sanitizeEvent, ...rest } = options;
  const redactor = createInspectionRedactor({ secrets, redactor: shared });
  return { redactor, rest, hooks: redactingStatelyHooks(redactor, { serialize, sanitizeContext, sanitizeEvent }) };
}

/**
 * `createBrowserInspector` from `@statelyai/inspect` (opens the Stately inspector in a window or
 * an iframe and posts messages to it), with every message redacted. For apps running in a browser;
 * without a `window` Stately returns an inspector that sends nothing.
 *
 * @example
 * ```ts
 * const inspector = createRedactedBrowserInspector({ secrets: [clientSecret] });
 * const actor = createActor(deviceAuthMachine.provide(services), { inspect: inspector.inspect });
 * ```
 *
 * @param options - Stately's browser inspector options (`url`, `iframe`, `window`, `filter`,
 *   `serialize`, ...), plus `secrets` known up front (the client secret) or a shared `redactor`.
 *   Device codes and tokens are learned as they appear.
 */
export function createRedactedBrowserInspector(options: RedactedBrowserInspectorOptions = {}): StatelyBrowserInspector {
  const { redactor, rest, hooks } = splitOptions(options);
  return learnFirst(createBrowserInspector({ ...rest, ...hooks }), redactor);
}

/**
 * `createWebSocketInspector` from `@statelyai/inspect` (sends each message as JSON to a WebSocket
 * server, such as `@statelyai/inspect/server`'s bridge to the Stately inspector), with every
 * message redacted. Works in Node and in browsers. Call `.stop()` when the flow is over.
 *
 * @example
 * ```ts
 * const inspector = createRedactedWebSocketInspector({ url: 'ws://127.0.0.1:8080', secrets: [clientSecret] });
 * const actor = createActor(deviceAuthMachine.provide(services), { inspect: inspector.inspect });
 * ```
 *
 * @param options - Stately's WebSocket inspector options (`url`, `filter`, `serialize`, ...), plus
 *   `secrets` known up front (the client secret) or a shared `redactor`.
 */
export function createRedactedWebSocketInspector(options: RedactedWebSocketInspectorOptions): StatelyWebSocketInspector {
  const { redactor, rest, hooks } = splitOptions(options);
  return learnFirst(createWebSocketInspector({ ...rest, ...hooks }), redactor);
}

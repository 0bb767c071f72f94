/**
 * Records a sign-in as a trace an app can attach to a bug report (`trace.types.ts`): every event
 * and state change of a device-auth or session actor, with its time and the redacted snapshot
 * after it, and each HTTP exchange the services made through the recorder's `fetch`.
 *
 * Redaction is built in, not left to the caller: every step goes through the one `redact()` of an
 * inspection redactor that learns the device code and the tokens as they appear (from the answers
 * the `fetch` carries and from the snapshots), and `trace()` passes the whole trace through it once
 * more, so a secret learned late is gone from the steps recorded before it too.
 *
 * Runs anywhere the machines run (no `node:` module); time comes from the `now` option, so tests
 * record in simulated time.
 */
import type { AnyActorRef, InspectionEvent, Observer } from 'xstate';
import { LIBRARY_VERSION } from '../core/version.js';
import { createInspectionRedactor, type InspectionRedactor, type RedactionOptions } from '../redact/inspection-redactor.js';
import { recordingFetch, type HttpStepDraft, type RecordableFetch } from './fetch-recording.js';
import { attachedActorSteps, toInspectionStep, type StepStamp } from './inspection-steps.js';
import { TRACE_FORMAT, TRACE_VERSION, type DeviceAuthTrace, type TraceStep } from './trace.types.js';

/** Default {@link TraceRecorderOptions.maxSteps}: hours of polling at Trakt's pace. */
export const DEFAULT_MAX_TRACE_STEPS = 50_000;

/** Options of {@link createTraceRecorder} and {@link recordTrace}. */
export interface TraceRecorderOptions extends RedactionOptions {
  /** Clock for step times, in milliseconds since the epoch. Default `Date.now`. */
  readonly now?: (() => number) | undefined;
  /**
   * Most steps kept; past it the oldest are left out (counted in `droppedSteps`), root actors
   * excepted. Default {@link DEFAULT_MAX_TRACE_STEPS}.
   */
  readonly maxSteps?: number | undefined;
}

/** A recorder: hook it to an actor and its services, then take the trace. */
export interface TraceRecorder {
  /** The observer to pass to `createActor(machine, { inspect })`. Never throws into the actor. */
  readonly inspect: Observer<InspectionEvent>;
  /**
   * `fetch` (default `globalThis.fetch`) wrapped so each exchange is recorded as an `http` step;
   * pass it as the services' `fetch` option. Answers are handed back untouched.
   */
  wrapFetch<F extends RecordableFetch>(fetch?: F): F;
  /**
   * Records an actor that is already running (`createSession` starts its actor at once): its
   * current state and its children's are recorded first, then everything in its system from now
   * on. Call it right after the actor is created; stop with `unsubscribe()`.
   */
  attach(actor: AnyActorRef): { unsubscribe(): void };
  /** The trace so far, redacted as a whole; the recorder goes on recording. */
  trace(): DeviceAuthTrace;
  /** Steps recorded so far (kept ones). */
  readonly stepCount: number;
  /** The redactor every step goes through; share it, or `addSecret` a value it cannot know. */
  readonly redactor: InspectionRedactor;
}

/**
 * Creates a {@link TraceRecorder}.
 *
 * @example
 * ```ts
 * const recorder = createTraceRecorder({ secrets: [clientSecret] });
 * const services = createTraktServices({ clientId, clientSecret, fetch: recorder.wrapFetch() });
 * const actor = createActor(deviceAuthMachine.provide(services), { inspect: recorder.inspect });
 * // ... when something went wrong:
 * attachToBugReport(JSON.stringify(recorder.trace()));
 * ```
 *
 * @param options - Secrets known up front (the client secret) or a shared redactor, the clock and a step cap.
 */
export function createTraceRecorder(options: TraceRecorderOptions = {}): TraceRecorder {
  const now = options.now ?? Date.now;
  const maxSteps = Math.max(1, options.maxSteps ?? DEFAULT_MAX_TRACE_STEPS);
  const redactor = createInspectionRedactor(options);
  const startedAt = now();
  const steps: Array<TraceStep | HttpStepDraft> = [];
  let seq = 0;
  let dropped = 0;
  let machineId: string | null = null;
  const stamp = (): StepStamp => ({ seq: (seq += 1), time: now() });

  const keep = (step: TraceStep | HttpStepDraft): void => {
    if (machineId === null && step.type === '@xstate.actor' && step.parentId === null) machineId = step.machineId;
    steps.push(step);
    if (steps.length <= maxSteps) return;
    // Leave out the oldest tenth at once (root actors stay: they name the flow).
    let toDrop = Math.max(1, Math.floor(maxSteps / 10));
    for (let index = 0; index < steps.length && toDrop > 0; ) {
      const candidate = steps[index]!;
      if (candidate.type === '@xstate.actor' && candidate.parentId === null) index += 1;
      else {
        steps.splice(index, 1);
        dropped += 1;
        toDrop -= 1;
      }
    }
  };

  const inspect: Observer<InspectionEvent> = {
    next(event) {
      try {
        const step = toInspectionStep(event, redactor, { seq: seq + 1, time: now() });
        if (step === undefined) return;
        seq = step.seq;
        keep(step);
      } catch {
        // The recorder must never break the flow it records.
      }
    },
  };

  const open = (time: number): HttpStepDraft => {
    const draft: HttpStepDraft = {
      type: 'http',
      seq: (seq += 1),
      time,
      method: 'GET',
      origin: '',
      path: '',
      status: null,
      durationMs: null,
      requestBody: null,
      responseBody: null,
      error: null,
    };
    keep(draft);
    return draft;
  };

  return {
    inspect,
    wrapFetch<F extends RecordableFetch>(fetch?: F): F {
      const inner = fetch ?? (((url: never, init: never) => globalThis.fetch(url, init)) as unknown as F);
      return recordingFetch(inner, { redactor, now, open });
    },
    attach(actor) {
      for (const step of attachedActorSteps(actor, redactor, stamp)) keep(step);
      return actor.system.inspect(inspect);
    },
    trace() {
      const trace = {
        format: TRACE_FORMAT,
        version: TRACE_VERSION,
        packageVersion: LIBRARY_VERSION,
        machineId,
        startedAt,
        endedAt: now(),
        droppedSteps: dropped,
        steps,
      };
      return redactor.redact(trace) as unknown as DeviceAuthTrace;
    },
    get stepCount() {
      return steps.length;
    },
    redactor,
  };
}

/**
 * Starts recording an actor that is already running (a device-auth actor, or a session from
 * `createSession`) and returns the recorder: `recordTrace(actor).trace()` whenever the trace is
 * wanted. HTTP exchanges are recorded too when the actor's services were given `wrapFetch()` of
 * the same recorder; to record from the first step, prefer {@link createTraceRecorder} and
 * `createActor(machine, { inspect: recorder.inspect })`.
 *
 * @example
 * ```ts
 * const session = createSession({ services });
 * const recorder = recordTrace(session.actor, { secrets: [clientSecret] });
 * // ... later
 * const trace = recorder.trace(); // JSON.stringify it into the bug report
 * ```
 *
 * @param actor - The actor to record.
 * @param options - As for {@link createTraceRecorder}.
 */
export function recordTrace(actor: AnyActorRef, options: TraceRecorderOptions = {}): TraceRecorder {
  const recorder = createTraceRecorder(options);
  recorder.attach(actor);
  return recorder;
}

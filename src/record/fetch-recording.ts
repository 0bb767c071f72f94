/**
 * A `fetch` that records each exchange it carries as an `http` step: method, origin, path (no
 * query), status, duration and both bodies, redacted. The answer handed back is the answer the
 * wrapped `fetch` gave, untouched: its body is read for the trace from a clone (up to
 * {@link MAX_RECORDED_RESPONSE_BYTES}), so the services read, cap, time out and cancel it exactly
 * as they would without the recorder.
 */
import type { InspectionRedactor } from '../redact/inspection-redactor.js';
import { readCappedText } from '../core/read-capped-text.js';
import type { RedactedValue } from '../redact/redact.js';
import { recordedBody } from './http-body.js';

/** Bytes of an answer's body the recorder reads for the trace; beyond, the body is not kept. */
export const MAX_RECORDED_RESPONSE_BYTES = 256 * 1024;

/** What the recorder reads of a request: what `fetch(url, init)` is given. */
export interface RecordableRequestInit {
  readonly method?: string | undefined;
  readonly headers?: unknown;
  readonly body?: unknown;
}

/** What the recorder reads of an answer: a Fetch `Response`, or any object with these members. */
export interface RecordableResponse {
  readonly status: number;
  readonly headers?: unknown;
  clone?(): { body?: unknown; text(): Promise<string> };
  text(): Promise<string>;
}

/** Any `fetch`: the global one, `cross-fetch`, a mock's, or the services' `fetch` option type. */
export type RecordableFetch = (url: never, init: never) => Promise<RecordableResponse>;

/** A step in the making: the recorder fills it in as the answer arrives. */
export interface HttpStepDraft {
  readonly type: 'http';
  readonly seq: number;
  readonly time: number;
  method: string;
  origin: string;
  path: string;
  status: number | null;
  durationMs: number | null;
  requestBody: RedactedValue;
  responseBody: RedactedValue;
  error: string | null;
}

/** What {@link recordingFetch} needs from the recorder. */
export interface FetchRecordingContext {
  readonly redactor: InspectionRedactor;
  readonly now: () => number;
  /** Opens the exchange's step (it gets its position now) and keeps it. */
  readonly open: (time: number) => HttpStepDraft;
}

type Bag = Record<string, unknown>;

/** A header's value from a `Headers`, a record or a list of pairs; `undefined` when absent. */
function headerOf(headers: unknown, name: string): string | undefined {
  if (headers === null || typeof headers !== 'object') return undefined;
  const get = (headers as { get?: unknown }).get;
  if (typeof get === 'function') {
    const value: unknown = (get as (key: string) => unknown).call(headers, name);
    return typeof value === 'string' ? value : undefined;
  }
  const pairs = Array.isArray(headers) ? (headers as unknown[]) : Object.entries(headers as Bag);
  for (const pair of pairs) {
    if (Array.isArray(pair) && typeof pair[0] === 'string' && pair[0].toLowerCase() === name && typeof pair[1] === 'string') return pair[1];
  }
  return undefined;
}

/** Method, origin and path of a request; the query and fragment are dropped. */
function target(url: unknown, init: RecordableRequestInit | undefined): { method: string; origin: string; path: string } {
  const request = typeof url === 'object' && url !== null && 'url' in url ? (url as { url: unknown; method?: unknown }) : undefined;
  const raw = request ? request.url : url;
  const method = (typeof init?.method === 'string' ? init.method : typeof request?.method === 'string' ? request.method : 'GET').toUpperCase();
  try {
    const parsed = new URL(String(raw));
    return { method, origin: parsed.origin, path: parsed.pathname };
  } catch {
    return { method, origin: '', path: '' };
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

/**
 * Wraps `fetch` so each exchange is recorded through `context` (see the file header). The wrapper
 * never fails where `fetch` would not: a failure to record is noted in the step, never thrown.
 *
 * @param fetch - The `fetch` to call.
 * @param context - Where steps go, the clock, and the redactor that learns the exchange's secrets.
 */
export function recordingFetch<F extends RecordableFetch>(fetch: F, context: FetchRecordingContext): F {
  const { redactor, now } = context;
  const wrapped = async (url: unknown, init?: RecordableRequestInit): Promise<RecordableResponse> => {
    const started = now();
    let step: HttpStepDraft | undefined;
    try {
      // The credential of an Authorization header is a secret even where nothing names it.
      const credential = /^\s*[A-Za-z][\w.~+/-]*\s+(\S+)/.exec(headerOf(init?.headers, 'authorization') ?? '')?.[1];
      if (credential !== undefined) redactor.addSecret(credential);
      step = context.open(started);
      Object.assign(step, target(url, init));
      step.requestBody = typeof init?.body === 'string' ? recordedBody(init.body, headerOf(init.headers, 'content-type'), redactor) : null;
    } catch (error) {
      if (step) step.error = redactor.scrub(`could not record the request: ${messageOf(error)}`);
    }
    let response: RecordableResponse;
    try {
      response = await (fetch as unknown as (url: unknown, init?: unknown) => Promise<RecordableResponse>)(url, init);
    } catch (error) {
      if (step) {
        step.durationMs = now() - started;
        step.error = redactor.scrub(messageOf(error));
      }
      throw error;
    }
    if (step) {
      const draft = step;
      draft.status = response.status;
      if (typeof response.clone !== 'function') {
        draft.durationMs = now() - started;
        draft.error = 'the answer cannot be cloned, so its body was not recorded';
      } else {
        const copy = response.clone();
        void readCappedText(copy.body, () => copy.text(), MAX_RECORDED_RESPONSE_BYTES).then(
          (text) => {
            draft.durationMs = now() - started;
            if (text === undefined) draft.responseBody = `[more than ${MAX_RECORDED_RESPONSE_BYTES} bytes, left out]`;
            else draft.responseBody = recordedBody(text, headerOf(response.headers, 'content-type'), redactor);
          },
          (error: unknown) => {
            draft.durationMs = now() - started;
            draft.error = redactor.scrub(`the body could not be read: ${messageOf(error)}`);
          },
        );
      }
    }
    return response;
  };
  return wrapped as unknown as F;
}

/**
 * The one HTTP seam. Sends a request with an injected `fetch`, a per-request timeout, the
 * caller's abort signal and a response-size cap, and returns `{ status, headers, body }`.
 * Everything above it is pure translation (docs/architecture.md, "One HTTP seam").
 */
import { DeviceAuthError } from '../../core/errors.js';
import type { HttpRequest, HttpResponse } from '../../core/http-message.js';
import { readCappedText } from '../../core/read-capped-text.js';

export type { HttpRequest, HttpResponse } from '../../core/http-message.js';

/**
 * The subset of the Fetch API this library uses; `globalThis.fetch`, `cross-fetch` and test doubles all fit.
 * `redirect` is always `'manual'`: a redirect must come back as a response, never be followed.
 */
export type FetchLike = (
  url: string,
  init: { method: string; headers: Record<string, string>; body?: string; signal: AbortSignal; redirect: 'manual' },
) => Promise<FetchResponseLike>;

/** The subset of a Fetch `Response` this library reads. */
export interface FetchResponseLike {
  status: number;
  /** `'opaqueredirect'` for a redirect a browser hides (status 0) under `redirect: 'manual'`. */
  type?: string;
  headers: { forEach(callback: (value: string, key: string) => void): void };
  body?: unknown;
  text(): Promise<string>;
}

/** Options of {@link sendRequest}. */
export interface SendOptions {
  fetch: FetchLike;
  /** Abort the request when it takes longer (default 15 000 ms): a hung request must become a retry. */
  timeoutMs?: number;
  /** The caller's signal (the actor's, or the app's); aborting rejects with code `ABORTED`. */
  signal?: AbortSignal;
  /** Largest response body accepted, in bytes (default 1 MiB). */
  maxResponseBytes?: number;
}

/** Default per-request timeout. */
export const DEFAULT_TIMEOUT_MS = 15_000;
/** Default response-body cap. */
export const DEFAULT_MAX_RESPONSE_BYTES = 1024 * 1024;

/**
 * Sends one request. Rejects with a {@link DeviceAuthError} whose code is `ABORTED` (the caller's
 * signal), `TIMEOUT`, `NETWORK` (connection failed), `RESPONSE_TOO_LARGE` or `REDIRECT` (any 3xx:
 * redirects are never followed, since the request carries credentials); any other status resolves.
 */
export async function sendRequest(request: HttpRequest, options: SendOptions): Promise<HttpResponse> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxBytes = options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeoutMs);
  const onAbort = () => controller.abort();
  options.signal?.addEventListener('abort', onAbort, { once: true });
  const host = hostOf(request.url);
  const failure = (error: unknown): DeviceAuthError => {
    if (options.signal?.aborted) return new DeviceAuthError('ABORTED', `Request to ${host} was aborted.`, { cause: error });
    if (timedOut) {
      return new DeviceAuthError(
        'TIMEOUT',
        `${host} did not answer within ${timeoutMs} ms. Check the connection; on a slow network, raise the timeout (timeoutMs).`,
        { cause: error },
      );
    }
    if (error instanceof DeviceAuthError) return error;
    const reason = error instanceof Error ? error.message : String(error);
    return new DeviceAuthError('NETWORK', `Could not reach ${host}: ${reason}. Check the connection and the base URL.`, {
      cause: error,
    });
  };
  try {
    if (options.signal?.aborted) throw new Error('aborted before sending');
    const response = await options.fetch(request.url, {
      method: request.method,
      headers: request.headers,
      ...(request.body === undefined ? {} : { body: request.body }),
      signal: controller.signal,
      redirect: 'manual',
    });
    const headers: Record<string, string> = {};
    response.headers.forEach((value, key) => {
      headers[key.toLowerCase()] = value;
    });
    if (isRedirect(response)) {
      await discardBody(response);
      throw redirectError(request.url, response.status, headers.location);
    }
    const declared = declaredLength(headers);
    if (declared !== undefined && declared > maxBytes) throw tooLarge(host, maxBytes);
    const body = await readBody(response, maxBytes, host, declared !== undefined && !isCompressed(headers));
    return { status: response.status, headers, body, ...(request.secrets?.length ? { secrets: request.secrets } : {}) };
  } catch (error) {
    throw failure(error);
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', onAbort);
  }
}

/** A 3xx, or what a browser returns for one under `redirect: 'manual'` (status 0, type `opaqueredirect`). */
function isRedirect(response: FetchResponseLike): boolean {
  return (response.status >= 300 && response.status < 400) || response.type === 'opaqueredirect';
}

/**
 * The error for a redirect: names the status and the target's origin (never its path or query,
 * which may echo a code), and says what to do instead of following it.
 */
function redirectError(requestUrl: string, status: number, location: string | undefined): DeviceAuthError {
  const host = hostOf(requestUrl);
  let target = 'a location the browser does not reveal';
  if (status !== 0) {
    target = 'no location';
    if (location !== undefined) {
      try {
        target = new URL(location, requestUrl).origin;
      } catch {
        target = 'an unreadable location';
      }
    }
  }
  const answer = status === 0 ? 'a redirect' : `a redirect (HTTP ${status})`;
  return new DeviceAuthError(
    'REDIRECT',
    `${host} answered with ${answer} to ${target}. Redirects are never followed because the request carries ` +
      'credentials: set the base URL or endpoint to the address that answers directly.',
    status === 0 ? {} : { status },
  );
}

/** Releases a body nobody will read, so the connection is not held open. */
async function discardBody(response: FetchResponseLike): Promise<void> {
  const stream = response.body as { cancel?: () => Promise<void> } | null | undefined;
  if (stream && typeof stream.cancel === 'function') await stream.cancel().catch(() => undefined);
}

function tooLarge(host: string, maxBytes: number): DeviceAuthError {
  return new DeviceAuthError(
    'RESPONSE_TOO_LARGE',
    `The answer from ${host} is larger than ${maxBytes} bytes, far more than an OAuth answer: a proxy, a captive portal ` +
      'or a website may have answered. Check the connection and the base URL.',
  );
}

async function readBody(response: FetchResponseLike, maxBytes: number, host: string, lengthIsKnown: boolean): Promise<string> {
  // A body of a known length within the cap is read whole, which costs far less than a stream
  // reader; any other body is read chunk by chunk and cut off at the cap. (A text longer than the
  // cap in UTF-16 units is longer in bytes too: a fetch that let more through is still caught.)
  const text = lengthIsKnown ? await response.text() : await readCappedText(response.body, () => response.text(), maxBytes);
  if (text === undefined || text.length > maxBytes) throw tooLarge(host, maxBytes);
  return text;
}

/** The answer's `Content-Length` when it is one (digits only), which the HTTP client holds the body to. */
function declaredLength(headers: Readonly<Record<string, string>>): number | undefined {
  const value = headers['content-length']?.trim();
  return value !== undefined && /^\d+$/.test(value) ? Number(value) : undefined;
}

/** A compressed body's declared length says nothing of the size it decodes to. */
function isCompressed(headers: Readonly<Record<string, string>>): boolean {
  const encoding = headers['content-encoding']?.trim().toLowerCase();
  return encoding !== undefined && encoding !== '' && encoding !== 'identity';
}

/** The origin of a URL for messages (never the path or query, which may hold codes). */
export function hostOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return 'the server';
  }
}

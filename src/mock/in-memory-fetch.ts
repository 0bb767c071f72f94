/**
 * The in-memory transport of the mock: a `fetch` that hands each request to the shared rules of
 * `handler.ts` and answers with a real `Response`, the way `server.ts` does over `node:http`.
 * Socket faults become network errors (a rejected `fetch`), slow answers wait on timers.
 * The entry point is `fetch.ts`.
 */

import { createControls, type MockControls } from './controls.js';
import { createMockHandler, type MockHandler } from './handler.js';
import { takeCut } from './fault-cut.js';
import { createHostCheck } from './host-check.js';
import { DeviceAuthError } from '../core/errors.js';
import { resolveMockOptions, urlOption, type MockServerOptions } from './options.js';
import { MAX_BODY_BYTES, type MockHttpReply } from './reply.js';

/** Options of {@link createMockFetch}: the rules of `MockServerOptions` (no port, host or public URL) and the mock's origin. */
export interface MockFetchOptions extends Omit<MockServerOptions, 'port' | 'host' | 'publicUrl'> {
  /**
   * The origin the mock answers, its base URL (`verification_url` is `<url>/activate`). A request
   * to any other origin rejects like an unreachable host (a `TypeError`), which catches a wrong
   * base URL. Default {@link MOCK_FETCH_URL}.
   */
  url?: string | undefined;
}

/** The default origin of an in-memory mock: `.invalid` never resolves, so nothing reaches a real host by mistake; `https:` because clients refuse plain HTTP beyond loopback. */
export const MOCK_FETCH_URL = 'https://mock.invalid';

/** The signature of the in-memory `fetch`: the standard one, answering with a real `Response`. */
export type MockFetchFunction = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

/** An in-memory mock: a `fetch` to hand to clients, and the same controls as a `MockServer`. */
export interface MockFetch extends MockControls {
  /**
   * Answers a request with the mock's rules and a real `Response`, like `globalThis.fetch` would
   * against `startMockServer`:
   * - a `drop` fault, a request to another origin or after `close()` reject with a `TypeError`
   *   (a network error); an aborted `signal` rejects with its reason (an `AbortError`);
   * - a `slow` fault waits `slowMs` on a timer (fake timers control it), unless aborted;
   * - redirects are followed unless `redirect: 'manual'` (answered as is) or `'error'` (a `TypeError`);
   * - like a runtime's `fetch`, a request without `User-Agent` gets one (`mock-fetch`); send an
   *   empty `User-Agent` to see the CDN's 403 page.
   */
  readonly fetch: MockFetchFunction;
  /** Later requests reject with a `TypeError`; slow answers in progress become network errors. Safe to call twice. */
  close(): Promise<void>;
}

/** What the in-memory fetch puts in `User-Agent` when the request has none, as runtimes do. */
export const MOCK_FETCH_USER_AGENT = 'mock-fetch';

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
/** Redirects followed at most, as in the Fetch standard. */
const MAX_REDIRECTS = 20;
/** Statuses whose `Response` must have no body. */
const NULL_BODY = new Set([101, 103, 204, 205, 304]);

/** One request of a fetch, hop by hop through redirects. */
interface Hop {
  readonly url: URL;
  readonly method: string;
  readonly headers: Headers;
  readonly body: () => Promise<Uint8Array>;
}

function networkError(message: string, cause?: unknown): TypeError {
  return new TypeError(`fetch failed: ${message}`, cause === undefined ? undefined : { cause });
}

/** Settles like `promise`, or rejects with the signal's reason as soon as it aborts (the promise then runs on unobserved). */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

function toResponse(reply: MockHttpReply, hop: Hop, redirected: boolean): Response {
  const bytes = new TextEncoder().encode(reply.body);
  const headers = new Headers(reply.headers);
  if (reply.status !== 204 && reply.status !== 304) headers.set('Content-Length', String(bytes.byteLength));
  const empty = NULL_BODY.has(reply.status) || hop.method === 'HEAD' || bytes.byteLength === 0;
  const response = new Response(empty ? null : bytes, { status: reply.status, headers });
  // A constructed Response has no URL; a fetched one has the URL it came from.
  Object.defineProperty(response, 'url', { value: hop.url.href });
  Object.defineProperty(response, 'redirected', { value: redirected });
  return response;
}

/** The next hop after a redirect (Fetch standard: 303, and 301/302 after a POST, become a bodiless GET). */
function follow(hop: Hop, status: number, location: string): Hop {
  const url = new URL(location, hop.url);
  if (status === 303 || ((status === 301 || status === 302) && hop.method === 'POST')) {
    const headers = new Headers(hop.headers);
    for (const name of ['content-type', 'content-length', 'content-encoding', 'content-language', 'content-location']) headers.delete(name);
    return { url, method: hop.method === 'HEAD' ? 'HEAD' : 'GET', headers, body: async () => new Uint8Array(0) };
  }
  return { ...hop, url };
}

async function answer(handler: MockHandler, hop: Hop, signal: AbortSignal): Promise<MockHttpReply> {
  const headers: Record<string, string> = Object.fromEntries(hop.headers);
  headers.host = hop.url.host;
  const reply = await handler.handle({
    method: hop.method,
    target: `${hop.url.pathname}${hop.url.search}`,
    headers,
    readBody: async () => {
      const bytes = await hop.body();
      return bytes.byteLength > MAX_BODY_BYTES ? undefined : bytes;
    },
    signal,
  });
  if (reply.kind === 'drop') throw networkError('the connection was dropped (an injected drop fault, or the mock closed)');
  // A reply cut mid-body (a `reset` fault) has no connection to cut here: the client sees what a
  // browser's fetch shows for a connection reset, a network error.
  if (takeCut(reply).cutAfter !== undefined) {
    throw networkError('the connection was reset mid-answer (an injected reset fault)');
  }
  return reply;
}

/**
 * Creates an in-memory mock. Nothing listens and nothing needs closing, though `close()` cancels
 * slow answers in progress.
 *
 * @throws {DeviceAuthError} `CONFIGURATION` when an option is invalid.
 */
export function createMockFetch(options: MockFetchOptions = {}): MockFetch {
  const { url: urlGiven, ...rules } = options;
  const resolved = resolveMockOptions(rules);
  const url = urlOption('url', urlGiven) ?? MOCK_FETCH_URL;
  const origin = new URL(url).origin;
  if (url !== origin) throw new DeviceAuthError('CONFIGURATION', `mock fetch: "url" must be an origin such as ${MOCK_FETCH_URL}, without a path (got ${JSON.stringify(urlGiven)})`);
  const handler = createMockHandler({ options: resolved, url: origin, allowsHost: createHostCheck({ url: origin }) });
  let closed = false;

  const fetch: MockFetchFunction = async (input, init) => {
    // The Request parses the URL, method, body and signal exactly as fetch does (and throws the
    // same TypeErrors). Headers are read apart: a browser's Request drops some (User-Agent).
    const request = new Request(input, init);
    const headers = new Headers(init?.headers ?? (input instanceof Request ? input.headers : undefined));
    if (!headers.has('user-agent')) headers.set('user-agent', MOCK_FETCH_USER_AGENT);
    const { signal } = request;
    if (signal.aborted) throw signal.reason;
    let bytes: Promise<Uint8Array> | undefined;
    let hop: Hop = {
      url: new URL(request.url),
      method: request.method,
      headers,
      body: () => (bytes ??= request.arrayBuffer().then((buffer) => new Uint8Array(buffer))),
    };
    for (let redirects = 0; ; redirects += 1) {
      if (hop.url.origin !== origin) throw networkError(`${hop.url.origin} cannot be reached (this in-memory mock answers ${origin} only)`);
      if (closed) throw networkError(`${origin} is closed`);
      const reply = await untilAborted(answer(handler, hop, signal), signal);
      const location = reply.headers.Location;
      if (!REDIRECTS.has(reply.status) || location === undefined || request.redirect === 'manual') return toResponse(reply, hop, redirects > 0);
      if (request.redirect === 'error') throw networkError(`${hop.url.href} redirects (${reply.status}) and redirect is "error"`);
      if (redirects === MAX_REDIRECTS) throw networkError('too many redirects');
      hop = follow(hop, reply.status, location);
    }
  };

  return createControls<Omit<MockFetch, keyof MockControls>>(handler, origin, {
    fetch,
    close() {
      closed = true;
      handler.close();
      return Promise.resolve();
    },
  });
}

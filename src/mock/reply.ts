/**
 * The values route handlers work with: a parsed request in, a reply out. Handlers never touch a
 * socket or a `Response`, so the same rules answer over `node:http` and as an in-memory `fetch`,
 * and every answer is logged in one place before it is written.
 */

/** Largest request body the mock accepts (64 KiB; real requests are a few hundred bytes): larger ones get a 413. */
export const MAX_BODY_BYTES = 64 * 1024;

/** Request headers: lower-case names; a header sent more than once has its values joined with `", "`. */
export type MockHeaders = Readonly<Record<string, string | undefined>>;

/** A request as route handlers see it: the whole (size-capped) body already read. */
export interface MockRequest {
  /** Upper-case HTTP method. */
  readonly method: string;
  /** The URL path without query string, e.g. `/oauth/device/token`. */
  readonly path: string;
  /** The query string. */
  readonly query: URLSearchParams;
  /** Request headers, names in lower case. */
  readonly headers: MockHeaders;
  /** The raw body. */
  readonly body: Uint8Array;
  /** Path parameters of the matched route (e.g. `code` of `/activate/:code`). */
  readonly params: Readonly<Record<string, string>>;
}

/** An HTTP answer: status, headers and a body (empty when omitted). */
export interface MockHttpReply {
  readonly kind: 'http';
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  /**
   * Not sent: set on the answer to a token poll that came early (see `PacedPoll` in
   * `device-store.ts`), the milliseconds since the previous poll of its code. The handler copies
   * it into the request log entry (`early: true`, `gapMs`).
   */
  readonly earlyPollGapMs?: number | undefined;
}

/** Destroy the connection without answering (an injected `drop` fault; a rejected `fetch` in memory). */
export interface MockDropReply {
  readonly kind: 'drop';
}

/** What a handler returns. */
export type MockReply = MockHttpReply | MockDropReply;

/** The OAuth-style error body: `{"error": code, "error_description": text}` (RFC 6749 §5.2). */
export interface MockErrorBody {
  error: string;
  error_description: string;
}

const NO_STORE = { 'Cache-Control': 'no-store', Pragma: 'no-cache' } as const;

/** A JSON answer (`application/json; charset=utf-8`, not cacheable). */
export function jsonReply(status: number, value: unknown, headers: Readonly<Record<string, string>> = {}): MockHttpReply {
  return {
    kind: 'http',
    status,
    headers: { 'Content-Type': 'application/json; charset=utf-8', ...NO_STORE, ...headers },
    body: JSON.stringify(value),
  };
}

/** A JSON OAuth error answer, see {@link MockErrorBody}. */
export function errorReply(
  status: number,
  error: string,
  description: string,
  headers: Readonly<Record<string, string>> = {},
): MockHttpReply {
  const body: MockErrorBody = { error, error_description: description };
  return jsonReply(status, body, headers);
}

/** An answer whose status code is the whole message (Trakt's device-token answers): empty body. */
export function emptyReply(status: number, headers: Readonly<Record<string, string>> = {}): MockHttpReply {
  return { kind: 'http', status, headers: { ...NO_STORE, ...headers }, body: '' };
}

/**
 * Security headers of every HTML page: no external anything, forms post only to this server,
 * no framing. Pages need inline styles only.
 */
export const HTML_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy':
    "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
};

/** An HTML page answer (`text/html; charset=utf-8`). */
export function htmlReply(status: number, markup: string, headers: Readonly<Record<string, string>> = {}): MockHttpReply {
  return {
    kind: 'http',
    status,
    headers: { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store', ...HTML_SECURITY_HEADERS, ...headers },
    body: markup,
  };
}

/** A plain-text answer (`text/plain; charset=utf-8`), as CDNs and gateways send. */
export function textReply(status: number, text: string, headers: Readonly<Record<string, string>> = {}): MockHttpReply {
  return { kind: 'http', status, headers: { 'Content-Type': 'text/plain; charset=utf-8', ...headers }, body: text };
}

/** A redirect (`303 See Other` by default) to `location`. */
export function redirectReply(location: string, status = 303): MockHttpReply {
  return { kind: 'http', status, headers: { Location: location }, body: '' };
}

/** The "drop the connection" reply. */
export const DROP_REPLY: MockDropReply = { kind: 'drop' };

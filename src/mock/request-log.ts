/**
 * The request log of the mock: one entry per answered (or dropped) request, with every secret
 * removed. Bodies are never logged; header values that carry credentials are replaced, so the log
 * can be printed, saved or attached to a bug report as is.
 */

import type { MockFaultKind } from './options.js';
import type { MockHeaders } from './reply.js';

/** One logged request. */
export interface MockLogEntry {
  /** Upper-case HTTP method. */
  readonly method: string;
  /** URL path without the query string (queries can carry secrets and are not logged). */
  readonly path: string;
  /** When the request arrived, in ms since the epoch by the server's (injectable) clock. */
  readonly time: number;
  /** Status code answered; `0` when the connection was dropped without an answer. */
  readonly status: number;
  /** Request headers (lower-case names) with credential values replaced by {@link REDACTED}. */
  readonly headers: Readonly<Record<string, string>>;
  /** The injected fault, when this request got one. */
  readonly fault?: MockFaultKind;
  /**
   * Set on a token poll that arrived sooner than its code's current interval after the previous
   * poll of the same code (strictly, no slack; see `MockStats.earlyPolls`), with {@link gapMs}.
   */
  readonly early?: true;
  /** On an early poll: milliseconds since the previous poll of the same code arrived. */
  readonly gapMs?: number;
}

/** The text that replaces a secret value in the log. */
export const REDACTED = '[redacted]';

/** Header names whose values are always secret. */
const SECRET_HEADERS = new Set(['authorization', 'proxy-authorization', 'cookie', 'set-cookie']);
/** Any header whose name mentions one of these is treated as secret too (`x-client-secret`, `x-access-token`). */
const SECRET_NAME_PARTS = ['secret', 'token', 'password', 'session', 'auth'];

/**
 * Copies request headers with credentials removed. `Authorization: Bearer abc` becomes
 * `Bearer [redacted]` (the scheme is kept: it helps debugging and is not secret).
 */
export function redactHeaders(headers: MockHeaders): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    const lower = name.toLowerCase();
    if (lower === 'authorization' || lower === 'proxy-authorization') {
      const scheme = /^\s*([A-Za-z][A-Za-z0-9._~+/-]*)\s+\S/.exec(value)?.[1];
      result[lower] = scheme === undefined ? REDACTED : `${scheme} ${REDACTED}`;
    } else if (SECRET_HEADERS.has(lower) || SECRET_NAME_PARTS.some((part) => lower.includes(part))) {
      result[lower] = REDACTED;
    } else {
      result[lower] = value;
    }
  }
  return result;
}

/**
 * A bounded, append-only list of {@link MockLogEntry}; the oldest entries go first when full.
 * Kept in a ring once full, so adding is O(1) whatever the limit (a busy mock logs every request).
 */
export class RequestLog {
  readonly #limit: number;
  #entries: MockLogEntry[] = [];
  /** Where the oldest entry is once the ring is full (`#entries.length === #limit`). */
  #start = 0;

  /** @param limit How many entries to keep (`Infinity` for all, `0` for none). */
  constructor(limit: number) {
    this.#limit = limit;
  }

  /** Appends an entry, replacing the oldest when the log is full. */
  add(entry: MockLogEntry): void {
    if (this.#limit === 0) return;
    if (this.#entries.length < this.#limit) {
      this.#entries.push(entry);
      return;
    }
    this.#entries[this.#start] = entry;
    this.#start = (this.#start + 1) % this.#entries.length;
  }

  /** A snapshot copy of the entries, oldest first. */
  entries(): readonly MockLogEntry[] {
    return this.#start === 0 ? [...this.#entries] : [...this.#entries.slice(this.#start), ...this.#entries.slice(0, this.#start)];
  }

  /** Forgets every entry. */
  clear(): void {
    this.#entries = [];
    this.#start = 0;
  }
}

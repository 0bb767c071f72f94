/**
 * Parses the request target of an HTTP request line (RFC 9112 §3.2) into a path and a query,
 * without ever throwing: the target is client input, and a parse error must become a 400, not an
 * exception in the server.
 *
 * `new URL(target, base)` is not enough: it reads an origin-form target that starts with `//` as a
 * protocol-relative URL, so `GET //` throws (empty host) and `GET //oauth/device/token` would be
 * routed as `/device/token` on host `oauth`.
 */

/** A parsed request target. */
export type RequestTarget =
  | {
      readonly ok: true;
      readonly path: string;
      readonly query: URLSearchParams;
      /** The `host[:port]` of an absolute-form target, which stands in for the `Host` header (RFC 9112 §3.2.2). */
      readonly authority: string | undefined;
    }
  | { readonly ok: false; readonly path: string };

/** Placeholder origin for origin-form targets; never contacted. */
const ORIGIN = 'http://mock.invalid';

/**
 * The path the log shows for a target that does not parse: up to the query string (queries can
 * carry secrets and are never logged), at most 200 characters.
 */
function loggablePath(target: string): string {
  const path = target.split(/[?#]/, 1)[0] ?? '';
  return path.length > 200 ? `${path.slice(0, 200)}…` : path;
}

function parseUrl(text: string): URL | undefined {
  try {
    return new URL(text);
  } catch {
    return undefined;
  }
}

/**
 * Parses an origin-form (`/path?query`) or absolute-form (`http://host/path?query`) target; the
 * path keeps its slashes exactly as sent (`//` stays `//`). Anything else (asterisk-form, authority
 * form, other schemes, garbage) is `ok: false`.
 */
export function parseRequestTarget(target: string | undefined): RequestTarget {
  const raw = target ?? '/';
  const originForm = raw.startsWith('/');
  const url = originForm ? parseUrl(`${ORIGIN}${raw}`) : parseUrl(raw);
  if (url === undefined || (url.protocol !== 'http:' && url.protocol !== 'https:') || url.host === '') {
    return { ok: false, path: loggablePath(raw) };
  }
  return { ok: true, path: url.pathname, query: url.searchParams, authority: originForm ? undefined : url.host };
}

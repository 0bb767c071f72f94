/**
 * What an example page is configured with, read from its own URL query:
 * `?server=<mock origin>&clientId=…&clientSecret=…`. The mock's interval and code lifetime are
 * the server's business, not the page's.
 */

/** The client id the embedded mock accepts by default. */
export const DEFAULT_CLIENT_ID = 'mock-client-id';
/** The client secret the embedded mock accepts by default (a mock value, safe to show). */
export const DEFAULT_CLIENT_SECRET = 'mock-client-secret';

/** Where and as whom an example signs in. */
export interface PageConfig {
  /** The server's origin, e.g. `http://127.0.0.1:53124` (no trailing slash). */
  readonly server: string;
  readonly clientId: string;
  readonly clientSecret: string;
}

/**
 * Reads the {@link PageConfig} of a page from its URL. `server` defaults to the page's own
 * origin; a page opened from disk (`file://`) has none and must be given one.
 *
 * @param location - The page's location (`window.location`, or any URL).
 * @throws Error saying how to name the server, when there is none (a `file://` page without
 *   `?server=`), or `TypeError` when `server` is not a URL.
 */
export function readPageConfig(location: { readonly href: string }): PageConfig {
  const url = new URL(location.href);
  const query = url.searchParams;
  const given = query.get('server')?.trim();
  const server = given ? new URL(given).origin : url.origin;
  // A page from disk has no origin to default to (`null` in Node, `file://` in Chromium).
  if (!/^https?:\/\/./.test(server)) {
    throw new Error(`This page has no server to sign in to: open it with ?server=<the mock's origin>, e.g. ${url.href.split('?')[0]}?server=http://127.0.0.1:8080`);
  }
  return {
    server,
    clientId: query.get('clientId')?.trim() || DEFAULT_CLIENT_ID,
    clientSecret: query.get('clientSecret')?.trim() || DEFAULT_CLIENT_SECRET,
  };
}

/**
 * A positive number from the page's query (`?interval=0.5`), else `fallback`. For pages that run
 * their own in-memory server (the no-server demo).
 */
export function numberParam(location: { readonly href: string }, name: string, fallback: number): number {
  const value = Number(new URL(location.href).searchParams.get(name));
  return Number.isFinite(value) && value > 0 ? value : fallback;
}

/**
 * The route table of the mock and its matcher. Each route says which rules apply in front of it:
 * `api` routes need Trakt's headers (`trakt-headers.ts`), `page` routes are for browsers (no API
 * headers), `control` routes are the mock's own JSON controls (no API headers). Only the token
 * poll takes injected faults.
 */

import type { RouteHandler } from './context.js';
import { redirectReply } from './reply.js';
import { trimTrailingSlashes } from './trim-slashes.js';
import { activateFormRoute, activateSubmitRoute } from './routes/activate.js';
import { controlRoute } from './routes/control.js';
import { deviceCodeRoute } from './routes/device-code.js';
import { deviceTokenRoute } from './routes/device-token.js';
import { refreshRoute } from './routes/refresh.js';
import { revokeRoute } from './routes/revoke.js';
import { userSettingsRoute } from './routes/user-settings.js';

/** Which rules stand in front of a route. */
export type RouteKind = 'api' | 'page' | 'control';

/** One route: method, path pattern (`:name` segments capture a parameter) and handler. */
export interface MockRoute {
  readonly method: 'GET' | 'POST';
  readonly pattern: string;
  readonly kind: RouteKind;
  /** Whether injected faults apply (token polls only). */
  readonly faults: boolean;
  readonly handle: RouteHandler;
}

/** Every route the mock answers in the Trakt dialect (the `rfc8628` dialect keeps the pages and controls, see `dialects/rfc8628.ts`). */
export const MOCK_ROUTES: readonly MockRoute[] = [
  { method: 'POST', pattern: '/oauth/device/code', kind: 'api', faults: false, handle: deviceCodeRoute },
  { method: 'POST', pattern: '/oauth/device/token', kind: 'api', faults: true, handle: deviceTokenRoute },
  { method: 'POST', pattern: '/oauth/token', kind: 'api', faults: false, handle: refreshRoute },
  { method: 'POST', pattern: '/oauth/revoke', kind: 'api', faults: false, handle: revokeRoute },
  { method: 'GET', pattern: '/users/settings', kind: 'api', faults: false, handle: userSettingsRoute },
  { method: 'GET', pattern: '/', kind: 'page', faults: false, handle: () => redirectReply('/activate', 302) },
  { method: 'GET', pattern: '/activate', kind: 'page', faults: false, handle: activateFormRoute },
  { method: 'GET', pattern: '/activate/:code', kind: 'page', faults: false, handle: activateFormRoute },
  { method: 'POST', pattern: '/activate', kind: 'page', faults: false, handle: activateSubmitRoute },
  { method: 'POST', pattern: '/mock/approve', kind: 'control', faults: false, handle: controlRoute('approve') },
  { method: 'POST', pattern: '/mock/deny', kind: 'control', faults: false, handle: controlRoute('deny') },
];

/** The result of matching a request against {@link MOCK_ROUTES}. */
export type RouteMatch =
  | { readonly kind: 'found'; readonly route: MockRoute; readonly params: Readonly<Record<string, string>> }
  | { readonly kind: 'wrong-method'; readonly allowed: readonly string[] }
  | { readonly kind: 'not-found' };

/** Route patterns split at `/`, once each (every request is matched against every route). */
const PATTERN_PARTS = new Map<string, readonly string[]>();

function patternParts(pattern: string): readonly string[] {
  let parts = PATTERN_PARTS.get(pattern);
  if (parts === undefined) {
    parts = pattern.split('/');
    PATTERN_PARTS.set(pattern, parts);
  }
  return parts;
}

/** Matches a pattern against a path already split at `/`. */
function matchPattern(pattern: string, got: readonly string[]): Record<string, string> | undefined {
  const want = patternParts(pattern);
  if (want.length !== got.length) return undefined;
  const params: Record<string, string> = {};
  for (const [index, part] of want.entries()) {
    const actual = got[index] ?? '';
    if (part.startsWith(':')) {
      if (actual === '') return undefined;
      try {
        params[part.slice(1)] = decodeURIComponent(actual);
      } catch {
        params[part.slice(1)] = actual;
      }
    } else if (part !== actual) {
      return undefined;
    }
  }
  return params;
}

/** The kind of the routes of `routes` (a dialect's; default Trakt's) at `path` whatever the method (`undefined` when none), e.g. to treat an `OPTIONS /activate` as a page's. */
export function pathKind(path: string, routes: readonly MockRoute[] = MOCK_ROUTES): RouteKind | undefined {
  const got = (trimTrailingSlashes(path) || '/').split('/');
  return routes.find((route) => matchPattern(route.pattern, got) !== undefined)?.kind;
}

/** Finds the route of `routes` (a dialect's; default Trakt's) for `method` and `path` (trailing slashes are ignored, `//` is `/`; `HEAD` matches `GET` routes). */
export function matchRoute(method: string, path: string, routes: readonly MockRoute[] = MOCK_ROUTES): RouteMatch {
  const got = (trimTrailingSlashes(path) || '/').split('/');
  const wanted = method === 'HEAD' ? 'GET' : method;
  const allowed: string[] = [];
  for (const route of routes) {
    const params = matchPattern(route.pattern, got);
    if (params === undefined) continue;
    if (route.method === wanted) return { kind: 'found', route, params };
    allowed.push(route.method);
  }
  return allowed.length === 0 ? { kind: 'not-found' } : { kind: 'wrong-method', allowed: [...new Set(allowed), 'OPTIONS'] };
}

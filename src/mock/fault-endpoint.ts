/**
 * Which {@link MockEndpoint} a request is for, as a fault plan names them: by what it does, not by
 * its path, so one plan fits every dialect of the mock. Trakt's paths (docs/protocol.md) each do one
 * thing; a standard token endpoint (RFC 6749 §3.2, RFC 8628 §3.4) serves device-code polls and
 * refreshes alike, told apart by `grant_type` in the (form or JSON) body.
 */

import type { MockEndpoint } from './fault-plan.js';
import type { MockRequest } from './reply.js';
import { bodyText, mediaType } from './request-body.js';
import { trimTrailingSlashes } from './trim-slashes.js';

/** Paths that always do one thing. */
const FIXED: Readonly<Record<string, MockEndpoint>> = {
  '/oauth/device/code': 'deviceCode',
  '/oauth/device/token': 'token',
  '/oauth/revoke': 'revoke',
  '/device_authorization': 'deviceCode',
  '/login/device/code': 'deviceCode',
  '/revoke': 'revoke',
};

/** Token endpoints whose request's `grant_type` says whether it polls or refreshes. */
const TOKEN_ENDPOINTS = new Set(['/oauth/token', '/token', '/login/oauth/access_token']);

/** The `grant_type` of a form or JSON body, `undefined` when there is none. */
function grantType(request: MockRequest): string | undefined {
  const text = bodyText(request);
  if (mediaType(request) === 'application/x-www-form-urlencoded') return new URLSearchParams(text).get('grant_type') ?? undefined;
  try {
    const value = JSON.parse(text) as unknown;
    const grant = typeof value === 'object' && value !== null ? (value as Record<string, unknown>).grant_type : undefined;
    return typeof grant === 'string' ? grant : undefined;
  } catch {
    return undefined;
  }
}

/** The endpoint a POST is for, or `undefined` for anything a plan cannot fault (pages, controls, lookups). */
export function faultEndpoint(request: MockRequest): MockEndpoint | undefined {
  if (request.method !== 'POST') return undefined;
  const path = trimTrailingSlashes(request.path) || '/';
  const fixed = FIXED[path];
  if (fixed !== undefined) return fixed;
  if (!TOKEN_ENDPOINTS.has(path)) return undefined;
  // Trakt's /oauth/token only refreshes (the mock has no other grant there).
  if (path === '/oauth/token') return 'refresh';
  return grantType(request) === 'refresh_token' ? 'refresh' : 'token';
}

/**
 * The parameters of an `rfc8628` request: an `application/x-www-form-urlencoded` body as RFC 6749
 * asks, or a JSON object as GitHub also takes (what `@octokit/oauth-methods` sends). Either way
 * the result is one string per name; a parameter sent twice (RFC 6749 §3.2) or a JSON value that
 * is not a string is refused with `invalid_request` naming the parameter, never its value.
 */

import type { MockContext } from '../../context.js';
import type { MockHttpReply, MockRequest } from '../../reply.js';
import { bodyText, mediaType, parseJsonObjectBody } from '../../request-body.js';
import { oauthError } from './oauth-error.js';

/** Request parameters by name. */
export type OAuthParams = ReadonlyMap<string, string>;

/** The parameters, or the error answer to send. */
export type ParamsResult = { readonly ok: true; readonly params: OAuthParams } | { readonly ok: false; readonly reply: MockHttpReply };

function fromForm(context: MockContext, text: string): ParamsResult {
  const params = new Map<string, string>();
  for (const [name, value] of new URLSearchParams(text)) {
    if (params.has(name)) return { ok: false, reply: oauthError(context, 'invalid_request', `parameter "${name}" is sent more than once (RFC 6749 §3.2)`) };
    params.set(name, value);
  }
  return { ok: true, params };
}

function fromJson(context: MockContext, request: MockRequest): ParamsResult {
  const body = parseJsonObjectBody(request);
  if (!body.ok) return { ok: false, reply: oauthError(context, 'invalid_request', body.problem) };
  const params = new Map<string, string>();
  for (const [name, value] of Object.entries(body.value)) {
    if (value === undefined || value === null) continue;
    if (typeof value !== 'string') return { ok: false, reply: oauthError(context, 'invalid_request', `parameter "${name}" must be a string (got a ${Array.isArray(value) ? 'list' : typeof value})`) };
    params.set(name, value);
  }
  return { ok: true, params };
}

/** Reads the request's parameters from a form or JSON body. */
export function readOAuthParams(context: MockContext, request: MockRequest): ParamsResult {
  const type = mediaType(request);
  if (type === 'application/x-www-form-urlencoded') return fromForm(context, bodyText(request));
  if (type === 'application/json') return fromJson(context, request);
  const got = type === '' ? 'none' : JSON.stringify(type);
  return { ok: false, reply: oauthError(context, 'invalid_request', `Content-Type must be application/x-www-form-urlencoded (or application/json), got ${got}`) };
}

/** A parameter that must be present and non-empty: its value, or the `invalid_request` answer naming it. */
export function requireParam(context: MockContext, params: OAuthParams, name: string, what: string): { readonly ok: true; readonly value: string } | { readonly ok: false; readonly reply: MockHttpReply } {
  const value = params.get(name);
  if (value === undefined || value === '') {
    return { ok: false, reply: oauthError(context, 'invalid_request', `${what}: the "${name}" parameter is required`) };
  }
  return { ok: true, value };
}

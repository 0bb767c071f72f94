/**
 * Parsing and validation of request bodies, with clear JSON errors that name the field, so a
 * developer pointing a new client at the mock sees what is wrong (docs/architecture.md: errors name the
 * field). Status codes: 415 for a wrong `Content-Type`, 400 for a body that is not the JSON object
 * the endpoint needs (RFC 6749 §5.2 `invalid_request`).
 *
 * Note: on `POST /oauth/device/token` a 400 also means "pending" to a Trakt client; such a client
 * keeps polling until its own deadline. The JSON body (never present on a real pending answer) and
 * the request log show the cause.
 */

import { errorReply, type MockHttpReply, type MockRequest } from './reply.js';

/** Decodes a body as UTF-8; invalid sequences become U+FFFD, never an exception. */
export function bodyText(request: MockRequest): string {
  return new TextDecoder().decode(request.body);
}

/** A parse result: the value, or the error reply to send. */
export type BodyResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly reply: MockHttpReply };

/** The media type of a request (`application/json`), lower case, without parameters; `''` when absent. */
export function mediaType(request: MockRequest): string {
  const header = request.headers['content-type'] ?? '';
  return (header.split(';')[0] ?? '').trim().toLowerCase();
}

/**
 * Where a `JSON.parse` error happened, without V8's message: that can quote the body
 * (`Unexpected token 'h', "hunter2" is not valid JSON`), and bodies carry secrets.
 */
function syntaxErrorWhere(error: unknown): string {
  const message = error instanceof Error ? error.message : '';
  const position = /\bposition (\d+)/.exec(message)?.[1];
  if (position !== undefined) return ` (at position ${position})`;
  return /unexpected end/i.test(message) ? ' (it ends too early)' : '';
}

/** What a JSON value is, for error texts that must not show the value itself. */
function describeJsonType(value: unknown): string {
  if (value === undefined) return 'missing';
  if (value === null) return 'got null';
  if (value === '') return 'got an empty string';
  if (Array.isArray(value)) return 'got an array';
  switch (typeof value) {
    case 'number':
      return 'got a number';
    case 'boolean':
      return 'got a boolean';
    case 'string':
      return 'got a string';
    default:
      return 'got an object';
  }
}

/**
 * Reads a JSON body as an object: the object, or what is wrong with the body (a sentence that
 * never quotes it: bodies carry secrets). The `Content-Type` is not checked here.
 */
export function parseJsonObjectBody(request: MockRequest): { readonly ok: true; readonly value: Record<string, unknown> } | { readonly ok: false; readonly problem: string } {
  const text = bodyText(request);
  if (text.trim() === '') return { ok: false, problem: 'request body must be a JSON object (got an empty body)' };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, problem: `request body is not valid JSON${syntaxErrorWhere(error)}` };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { ok: false, problem: 'request body must be a JSON object' };
  return { ok: true, value: value as Record<string, unknown> };
}

/** Reads the body as a JSON object. */
export function readJsonObject(request: MockRequest): BodyResult<Record<string, unknown>> {
  const type = mediaType(request);
  if (type !== 'application/json') {
    return {
      ok: false,
      reply: errorReply(415, 'invalid_request', `Content-Type must be application/json (got ${type === '' ? 'none' : JSON.stringify(type)})`),
    };
  }
  const body = parseJsonObjectBody(request);
  return body.ok ? body : { ok: false, reply: errorReply(400, 'invalid_request', body.problem) };
}

/** Hints added to the error when a field is missing but a commonly confused one is present. */
const FIELD_HINTS: Readonly<Record<string, { readonly insteadOf: string; readonly hint: string }>> = {
  code: { insteadOf: 'device_code', hint: 'Trakt names the device code "code", not "device_code"' },
};

/**
 * Picks the named fields from a JSON object body; each must be a non-empty string. An error names
 * the field and the type it got, never the value: `client_secret`, `code`, `refresh_token` and
 * `token` are secrets, and a wrongly typed secret is still a secret.
 *
 * @param context Names the request in the error (`device token request: "code" must be ...`).
 */
export function requireStrings<const F extends string>(
  body: Record<string, unknown>,
  fields: readonly F[],
  context: string,
): BodyResult<Record<F, string>> {
  const values = {} as Record<F, string>;
  for (const field of fields) {
    const value = body[field];
    if (typeof value !== 'string' || value === '') {
      const hintRule = FIELD_HINTS[field];
      const hint = hintRule !== undefined && hintRule.insteadOf in body ? ` (${hintRule.hint})` : '';
      return {
        ok: false,
        reply: errorReply(400, 'invalid_request', `${context}: "${field}" must be a non-empty string (${describeJsonType(value)})${hint}`),
      };
    }
    values[field] = value;
  }
  return { ok: true, value: values };
}

/** Reads a JSON object body and picks the named string fields in one step. */
export function readJsonFields<const F extends string>(
  request: MockRequest,
  fields: readonly F[],
  context: string,
): BodyResult<Record<F, string>> {
  const body = readJsonObject(request);
  return body.ok ? requireStrings(body.value, fields, context) : body;
}

/** Reads an HTML form body (`application/x-www-form-urlencoded`). */
export function readForm(request: MockRequest): BodyResult<URLSearchParams> {
  const type = mediaType(request);
  if (type !== 'application/x-www-form-urlencoded') {
    return {
      ok: false,
      reply: errorReply(415, 'invalid_request', `Content-Type must be application/x-www-form-urlencoded (got ${type === '' ? 'none' : JSON.stringify(type)})`),
    };
  }
  return { ok: true, value: new URLSearchParams(bodyText(request)) };
}

/**
 * Field validation at the service boundary. Every failure is a {@link DeviceAuthError} with code
 * `INVALID_RESPONSE` whose message names the response and the field, e.g.
 * `device code response: "user_code" must be a non-empty string`.
 */
import { hasControlCharacters } from './control-characters.js';
import { DeviceAuthError } from './errors.js';
import type { HttpResponse } from './http-message.js';
import { isSecureUrl } from './url-security.js';

/** A JSON object read from a response body. */
export type JsonObject = Record<string, unknown>;

function invalid(what: string, detail: string, status?: number): DeviceAuthError {
  return new DeviceAuthError('INVALID_RESPONSE', `${what}: ${detail}`, status === undefined ? {} : { status });
}

/**
 * True when an answer is an HTML page (by its `Content-Type` or its first tag): a captive portal,
 * a proxy's or CDN's page, or a website, never an API answer.
 */
export function isHtmlPage(response: HttpResponse): boolean {
  const type = response.headers['content-type'] ?? '';
  return type.includes('text/html') || /^\s*<(!doctype|html)/i.test(response.body);
}

/** The error for an HTML page where JSON was expected: says who likely answered and what to do. */
export function htmlPageError(response: HttpResponse, what: string): DeviceAuthError {
  return new DeviceAuthError(
    'INVALID_RESPONSE',
    `${what}: the body is an HTML page, not JSON (HTTP ${response.status}). A captive portal (hotel or airport Wi-Fi), ` +
      'a proxy or a firewall may have answered instead of the server: sign in to the network, or check the base URL.',
    { status: response.status },
  );
}

/** Parses the body as a JSON object or fails naming `what` (an HTML page gets {@link htmlPageError}). */
export function parseJsonObject(response: HttpResponse, what: string): JsonObject {
  let value: unknown;
  try {
    value = JSON.parse(response.body);
  } catch {
    if (isHtmlPage(response)) throw htmlPageError(response, what);
    // No cause: the parser's message quotes the body around the bad character, and a token
    // that was never parsed cannot be recognised and redacted downstream.
    const kind = response.body.trim() === '' ? 'the body is empty' : 'the body is not JSON';
    throw new DeviceAuthError('INVALID_RESPONSE', `${what}: ${kind} (HTTP ${response.status}).`, { status: response.status });
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw invalid(what, 'the body must be a JSON object', response.status);
  }
  return value as JsonObject;
}

/** Reads a required non-empty string field. */
export function requireString(body: JsonObject, field: string, what: string): string {
  const value = body[field];
  if (typeof value !== 'string' || value.length === 0) throw invalid(what, `"${field}" must be a non-empty string`);
  return value;
}

/** Reads an optional string field (absent or null → undefined). */
export function optionalString(body: JsonObject, field: string, what: string): string | undefined {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw invalid(what, `"${field}" must be a string when present`);
  return value;
}

/**
 * Reads a required verification URL (where the person is sent): an absolute `https:` URL, or
 * `http:` on loopback (anywhere with `allowInsecureHttp`). Returns it normalized
 * (`new URL(value).href`: control characters and non-ASCII percent-encoded), so what is shown is
 * exactly what a browser opens.
 */
export function requireVerificationUrl(body: JsonObject, field: string, what: string, allowInsecureHttp: boolean): string {
  return checkVerificationUrl(requireString(body, field, what), field, what, allowInsecureHttp);
}

/** {@link requireVerificationUrl} for an optional field (absent or null → undefined). */
export function optionalVerificationUrl(body: JsonObject, field: string, what: string, allowInsecureHttp: boolean): string | undefined {
  const value = optionalString(body, field, what);
  return value === undefined ? undefined : checkVerificationUrl(value, field, what, allowInsecureHttp);
}

const SECURE_URL_RULE = 'must be an https: URL (http: only on this computer: localhost, 127.0.0.0/8, ::1)';

function checkVerificationUrl(value: string, field: string, what: string, allowInsecureHttp: boolean): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw invalid(what, `"${field}" ${SECURE_URL_RULE}`);
  }
  if (!isSecureUrl(url, allowInsecureHttp)) {
    // Named by its origin (or scheme) only: the path and query can carry the code.
    const shown = url.origin === 'null' ? url.protocol : url.origin;
    throw invalid(what, `"${field}" (${shown}) ${SECURE_URL_RULE}`);
  }
  return url.href;
}

/**
 * Reads a required string that is shown to a person (a user code): non-empty and free of
 * control and bidi formatting characters, which could rewrite a terminal or disguise the text.
 */
export function requireDisplayText(body: JsonObject, field: string, what: string): string {
  const value = requireString(body, field, what);
  if (hasControlCharacters(value)) throw invalid(what, `"${field}" must not contain control characters`);
  return value;
}

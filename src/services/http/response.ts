/**
 * Small readings of raw responses shared by the dialects: Retry-After, HTML detection, and the
 * errors for answers that are not part of the protocol (blocked, unexpected status, server trouble).
 */
import type { PollOutcome } from '../../machines/device-auth.types.js';
import { stripControlCharacters } from '../../core/control-characters.js';
import { DeviceAuthError } from '../../core/errors.js';
import { isHtmlPage } from '../../core/validate.js';
import type { HttpResponse } from './http.js';

/**
 * The longest `Retry-After` honoured: one hour. A longer wait outlives any device code (the
 * machine still stops at the code's deadline) and would only produce "try again in 10¹² s".
 */
export const MAX_RETRY_AFTER_MS = 60 * 60 * 1000;

/** An HTTP-date (RFC 9110 §5.6.7): a day name, then a date and an `hh:mm:ss` time. */
const HTTP_DATE = /^[a-z]{3,9},? .*\b\d{2}:\d{2}:\d{2}\b/i;

/**
 * The `Retry-After` header in milliseconds (delta-seconds or an HTTP date, RFC 9110 §10.2.3),
 * at most {@link MAX_RETRY_AFTER_MS}; `undefined` when absent, negative or unreadable. `now`
 * converts a date into a delay (a date in the past means now). Dates without a zone (asctime) are GMT.
 */
export function retryAfterMs(response: HttpResponse, now: number): number | undefined {
  const raw = response.headers['retry-after']?.trim();
  if (!raw) return undefined;
  let delay: number;
  if (/^\d+(\.\d+)?$/.test(raw)) {
    delay = Number(raw) * 1000;
  } else if (HTTP_DATE.test(raw)) {
    const date = Date.parse(/\b(GMT|UTC)$/i.test(raw) ? raw : `${raw} GMT`);
    if (Number.isNaN(date)) return undefined;
    delay = date - now;
  } else {
    return undefined;
  }
  return Math.round(Math.min(MAX_RETRY_AFTER_MS, Math.max(0, delay)));
}

/** True when the answer is an HTML page (a CDN or firewall page rather than an API answer). */
export function isHtml(response: HttpResponse): boolean {
  return isHtmlPage(response);
}

/** True for answers worth retrying while the code is valid: 5xx and 408. */
export function isServerTrouble(status: number): boolean {
  return status >= 500 || status === 408;
}

/**
 * The error for a 403 HTML page: Trakt's CDN blocks requests, most often because the
 * `User-Agent` header is missing or looks like a bot.
 */
export function blockedError(response: HttpResponse, host: string): DeviceAuthError {
  return new DeviceAuthError(
    'BLOCKED',
    `${host} blocked the request (HTTP ${response.status} with an HTML page). ` +
      'Trakt blocks requests without a proper User-Agent: send one like "my-app/1.0" (the userAgent option; --user-agent in the CLI).',
    { status: response.status },
  );
}

/** The error for a status the protocol does not expect at this step. */
export function unexpectedStatus(response: HttpResponse, what: string): DeviceAuthError {
  const detail = oauthErrorDetail(response);
  return new DeviceAuthError(
    'HTTP_STATUS',
    `${what}: unexpected HTTP ${response.status}${detail ? ` (${detail})` : ''}.`,
    { status: response.status },
  );
}

/** `error: error_description` from an OAuth JSON error body, when there is one. */
export function oauthErrorDetail(response: HttpResponse): string | undefined {
  const body = oauthErrorBody(response);
  if (!body) return undefined;
  return body.description ? `${body.error}: ${body.description}` : body.error;
}

/** What replaces a secret a server echoed. */
const REDACTED = '[redacted]';

/**
 * A server's text made fit for a message: every secret of the request replaced (before and after
 * control characters are stripped, so no secret can be assembled from pieces), no control or
 * bidi characters, trimmed.
 */
function serverText(text: string, secrets: readonly string[] = []): string {
  const stripped = stripControlCharacters(text);
  // Every poll's `authorization_pending` passes here with dozens of remembered secrets: look
  // before rebuilding the string.
  if (!secrets.some((secret) => secret !== '' && (text.includes(secret) || stripped.includes(secret)))) return stripped.trim();
  const scrub = (value: string) => secrets.reduce((result, secret) => (secret ? result.split(secret).join(REDACTED) : result), value);
  return scrub(stripControlCharacters(scrub(text))).trim();
}

/**
 * Reads `{ error, error_description?, interval? }` from a JSON body, tolerating anything else.
 * `error` and `error_description` are the server's text and end up in messages: the request's
 * secrets ({@link HttpResponse.secrets}) are replaced, control and bidi formatting characters
 * stripped, and the description is cut at 200 characters.
 */
export function oauthErrorBody(
  response: HttpResponse,
): { error: string; description?: string; interval?: number } | undefined {
  let value: unknown;
  try {
    value = JSON.parse(response.body);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const { error: rawError, error_description: rawDescription, interval } = value as Record<string, unknown>;
  if (typeof rawError !== 'string') return undefined;
  const error = serverText(rawError, response.secrets);
  const description = typeof rawDescription === 'string' ? serverText(rawDescription, response.secrets).slice(0, 200) : '';
  if (error.length === 0) return undefined;
  return {
    error,
    ...(description ? { description } : {}),
    ...(typeof interval === 'number' && Number.isFinite(interval) && interval > 0 ? { interval } : {}),
  };
}

/** A 429 poll answer: slow down, honouring `Retry-After` when present (RFC 8628 §3.5, Trakt 429). */
export function slowDownOutcome(response: HttpResponse, receivedAt: number): PollOutcome {
  const wait = retryAfterMs(response, receivedAt);
  return wait === undefined ? { type: 'slowDown' } : { type: 'slowDown', retryAfterMs: wait };
}

/** A 5xx or 408 poll answer: retry with backoff, honouring `Retry-After` when present. */
export function serverTroubleOutcome(response: HttpResponse, host: string, receivedAt: number): PollOutcome {
  const wait = retryAfterMs(response, receivedAt);
  const error = new DeviceAuthError('HTTP_STATUS', `${host} had trouble answering (HTTP ${response.status}).`, {
    status: response.status,
  });
  return wait === undefined ? { type: 'transient', error } : { type: 'transient', error, retryAfterMs: wait };
}

/**
 * Why a device-code request failed when the status is not the protocol's: rate limited (429) or
 * server trouble (5xx, 408), each saying when to try again (`Retry-After` when the server sent one),
 * or an unexpected status. The flow ends in
 * `failed`; the person restarts it.
 */
export function codeRequestFailure(response: HttpResponse, what: string, host: string, receivedAt: number): DeviceAuthError {
  const detail = oauthErrorDetail(response);
  const status = `HTTP ${response.status}${detail ? `, ${detail}` : ''}`;
  // The server's own Retry-After (clamped) says when; without one, "in a moment".
  const wait = retryAfterMs(response, receivedAt);
  const when = wait === undefined ? 'in a moment' : `in ${Math.ceil(wait / 1000)} s`;
  if (response.status === 429) {
    return new DeviceAuthError('HTTP_STATUS', `${host} is rate-limiting requests (${status}): try again ${when}.`, { status: 429 });
  }
  if (isServerTrouble(response.status)) {
    return new DeviceAuthError('HTTP_STATUS', `${host} had trouble answering (${status}): try again ${when}.`, {
      status: response.status,
    });
  }
  return unexpectedStatus(response, what);
}

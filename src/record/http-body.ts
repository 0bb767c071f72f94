/**
 * An HTTP body as a trace keeps it: JSON as its value, form fields as an object, other text (an
 * HTML page from a CDN) as a clipped string; always learned from and redacted first. A body that
 * is still large after redaction is left out with a note of its size, so one odd answer cannot
 * make a trace unwieldy.
 */
import type { InspectionRedactor } from '../redact/inspection-redactor.js';
import type { RedactedValue } from '../redact/redact.js';

/** Characters of a text body (not JSON, not a form) kept in a trace. */
export const MAX_BODY_TEXT = 2048;

/** Characters a JSON or form body may take in a trace, once redacted; a larger one is left out. */
export const MAX_BODY_JSON = 32 * 1024;

/** A form body: `name=value` pairs joined by `&`, nothing else. */
const FORM = /^[\w.~%+-]+=[^&\s]*(&[\w.~%+-]+=[^&\s]*)*$/;

/**
 * The body as a value: `null` when empty, the parsed value for JSON, an object of the fields for
 * a form, else the text itself.
 *
 * @param text - The body as text.
 * @param contentType - Its `Content-Type`, when known.
 */
export function bodyValue(text: string | undefined, contentType?: string): unknown {
  if (text === undefined || text === '') return null;
  const trimmed = text.trim();
  if (/json/i.test(contentType ?? '') || trimmed.startsWith('{') || trimmed.startsWith('[')) {
    try {
      return JSON.parse(trimmed) as unknown;
    } catch {
      // Not JSON after all: kept as text below.
    }
  }
  if (/x-www-form-urlencoded/i.test(contentType ?? '') || FORM.test(trimmed)) {
    try {
      return Object.fromEntries(new URLSearchParams(trimmed));
    } catch {
      // Not a form after all.
    }
  }
  return text;
}

/**
 * The body as a trace keeps it: {@link bodyValue}, its secrets learned (the device code in a
 * device-code answer, the tokens in a token answer, the code in a poll) and then redacted; a
 * string clipped to {@link MAX_BODY_TEXT} characters; a value larger than {@link MAX_BODY_JSON}
 * replaced by a note of its size.
 *
 * @param text - The body as text (`undefined` or `''` when there is none).
 * @param contentType - Its `Content-Type`, when known.
 * @param redactor - The flow's redactor; it learns the body's secrets before anything is kept.
 */
export function recordedBody(text: string | undefined, contentType: string | undefined, redactor: InspectionRedactor): RedactedValue {
  const value = bodyValue(text, contentType);
  if (value === null) return null;
  redactor.learn(value);
  if (typeof value === 'string') {
    // Scrubbed whole, then clipped: a secret cut in half by the clip could not be recognised.
    const scrubbed = redactor.scrub(value);
    return scrubbed.length > MAX_BODY_TEXT ? `${scrubbed.slice(0, MAX_BODY_TEXT)}… (${value.length} characters)` : scrubbed;
  }
  const redacted = redactor.redact(value);
  const size = JSON.stringify(redacted)?.length ?? 0;
  return size > MAX_BODY_JSON ? `[a body of ${text?.length ?? 0} characters, left out]` : redacted;
}

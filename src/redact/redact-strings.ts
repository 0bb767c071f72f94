/**
 * Scrubbing secrets out of free text: log lines, error messages, request bodies kept as strings,
 * URLs. Known secret values are replaced wherever they occur; credentials are also recognised by
 * shape: `Bearer …` / `Basic …`, `access_token=…` in form bodies and query strings, and
 * `"access_token": "…"` in JSON text.
 */

/** The marker that replaces every secret. */
export const REDACTED = '[redacted]';

/*
 * Secret field names as they appear in text, snake_case, camelCase or kebab-case:
 * access[_-]?token|refresh[_-]?token|id[_-]?token|client[_-]?secret|device[_-]?code|password.
 * Written out in each pattern below as a literal, so bundlers can drop a pattern nobody uses.
 */

/**
 * `Authorization: Bearer abc…`, `Basic dXNlcjpwYXNz`: the scheme stays, the credentials go. At
 * least 8 credential characters, so prose such as "Bearer tokens" is left alone.
 */
const AUTH_SCHEME = /\b(Bearer|Basic)(\s+)(?!\[redacted\])[A-Za-z0-9._~+/=-]{8,}/gi;

/** `access_token=abc` in a form body or query string. */
const FORM_FIELD =
  /(^|[?&;\s])(access[_-]?token|refresh[_-]?token|id[_-]?token|client[_-]?secret|device[_-]?code|password)=(?!\[redacted\])[^&\s#]*/gi;

/** `"access_token": "abc"` (or single quotes) in JSON-like text. */
const JSON_FIELD =
  /(["'])(access[_-]?token|refresh[_-]?token|id[_-]?token|client[_-]?secret|device[_-]?code|password)\1(\s*:\s*)(["'])(?!\[redacted\])(?:\\.|(?!\4).)*\4/gi;

/** `code=…` and `token=…` are secrets only in a body that also carries the client credentials. */
const CLIENT_FIELD = /(^|[?&\s])client[_-]?(id|secret)=/i;
const BODY_FIELD = /(^|[?&;\s])(code|token)=(?!\[redacted\])[^&\s#]*/gi;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * A regular expression matching any of `secrets` (longest first, so a secret that contains
 * another is replaced whole), or `undefined` when there are none.
 *
 * @param secrets - Known secret values; empty strings are ignored.
 */
export function secretsPattern(secrets: Iterable<string>): RegExp | undefined {
  const unique = [...new Set([...secrets].filter((secret) => secret !== ''))].sort((a, b) => b.length - a.length);
  return unique.length === 0 ? undefined : new RegExp(unique.map(escapeRegExp).join('|'), 'g');
}

/**
 * Replaces every known secret and every recognisable credential in `text` with {@link REDACTED}.
 *
 * @param text - Any text.
 * @param known - From {@link secretsPattern}: the known secret values, if any.
 */
export function scrubString(text: string, known: RegExp | undefined): string {
  let result = known === undefined ? text : text.replace(known, REDACTED);
  // Cheap guards first: most strings (state names, event types) contain none of these shapes.
  if (/bearer|basic/i.test(result)) result = result.replace(AUTH_SCHEME, `$1$2${REDACTED}`);
  if (result.includes('=')) {
    result = result.replace(FORM_FIELD, `$1$2=${REDACTED}`);
    if (CLIENT_FIELD.test(result)) result = result.replace(BODY_FIELD, `$1$2=${REDACTED}`);
  }
  if (result.includes(':')) result = result.replace(JSON_FIELD, `$1$2$1$3$4${REDACTED}$4`);
  return result;
}

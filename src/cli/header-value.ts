/**
 * Settings the CLI sends as HTTP header values (`User-Agent`, `trakt-api-key`). A control
 * character there (a CR/LF pasted with the value, an escape) would let a value add headers, and
 * `fetch` refuses it only when the request is sent, as a confusing network error; a character
 * above U+00FF cannot be sent in a header at all. Both are usage errors, found before any request.
 */
import { UsageError } from './usage-error.js';

/** C0 controls, DEL and C1 controls: nothing a header value may carry. */
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
/** Beyond Latin-1: not a byte, so not sendable in an HTTP/1.1 header. */
const NOT_A_BYTE = /[^\u0000-\u00ff]/u;

/** `U+000D` for a character. */
const codePoint = (character: string): string => `U+${character.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;

/**
 * Throws a {@link UsageError} when `value` cannot be sent as an HTTP header value.
 *
 * @param what - How the person set it, for the message: `--user-agent`, `The client id (--client-id or TRAKT_CLIENT_ID)`.
 * @param value - The value.
 */
export function checkHeaderValue(what: string, value: string): void {
  const control = CONTROL.exec(value);
  if (control) {
    throw new UsageError(
      `${what} contains a control character (${codePoint(control[0])} at position ${control.index + 1}): ` +
        'remove line breaks, tabs and escape characters from it.',
    );
  }
  const wide = NOT_A_BYTE.exec(value);
  if (wide) {
    throw new UsageError(`${what} contains "${wide[0]}" (${codePoint(wide[0])}), which cannot be sent in an HTTP header: use ASCII.`);
  }
}

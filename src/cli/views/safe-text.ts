/**
 * Making text from elsewhere (a server's user code, verification URL, error description, account
 * name) inert before a terminal shows it. A terminal acts on control characters: ESC starts
 * sequences that recolour, clear the screen, retitle the window or plant hyperlinks (CSI, OSC),
 * CR returns to the start of the line so later text overwrites what was there, LF starts a line
 * that looks like the CLI's own ("Signed in."), C1 controls are 8-bit forms of the same
 * sequences, and Unicode bidi controls reorder what is displayed. None of them has a place in
 * what the CLI prints from a server, so they are removed; the CLI's own styling is added after.
 */

/**
 * What a terminal could act on: C0 controls (tab and line breaks included), DEL, C1 controls,
 * the bidi marks, embeddings, overrides and isolates (U+061C, U+200E, U+200F, U+202A–U+202E,
 * U+2066–U+2069) and the Unicode line and paragraph separators.
 */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/g;

/** Characters that separate words or lines: replaced by a space, so the words around them stay apart. */
const BREAKS = /[\t\n\v\f\r\u0085\u2028\u2029]/g;

/**
 * `text` as one inert line: tabs and line breaks become spaces, every other control character
 * (see {@link UNSAFE}) is removed. Printable text, accents and emoji are kept as they are.
 *
 * @param text - Text that came from outside the CLI.
 */
export function safeText(text: string): string {
  return text.replace(BREAKS, ' ').replace(UNSAFE, '');
}

/**
 * Like {@link safeText} but keeps line feeds: for text the CLI assembled from its own lines
 * (status reports). Build such text from {@link safeText} fragments, so a server cannot add a line.
 *
 * @param text - Lines joined with `\n`.
 */
export function safeLines(text: string): string {
  return text.split('\n').map(safeText).join('\n');
}

/**
 * A URL parsed and normalized, `new URL(url).href`: lower-case scheme and host, no default port,
 * dot segments resolved, control characters and anything non-ASCII in the path percent-encoded.
 * Text that does not parse is returned as it is.
 *
 * @param url - A URL that came from outside the CLI.
 */
export function normalizedUrl(url: string): string {
  try {
    return new URL(url).href;
  } catch {
    return url;
  }
}

/**
 * A URL as the person should see it: {@link normalizedUrl}, then made inert with {@link safeText}
 * (which matters only for text that did not parse).
 *
 * @param url - A URL that came from outside the CLI.
 */
export function safeUrl(url: string): string {
  return safeText(normalizedUrl(url));
}

/** `\uXXXX` for one UTF-16 code unit. */
const escapeUnit = (character: string): string => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`;

/**
 * `JSON.stringify(value)` with the control characters JSON leaves raw (DEL, C1, bidi, U+2028 and
 * U+2029) written as `\uXXXX` escapes: programs read exactly the same data, a terminal showing
 * the line sees nothing it could act on. (JSON already escapes C0 controls.)
 *
 * @param value - A JSON-safe value (already redacted).
 */
export function safeJsonLine(value: unknown): string {
  return JSON.stringify(value).replace(UNSAFE, escapeUnit);
}

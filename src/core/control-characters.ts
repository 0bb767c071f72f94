/**
 * Characters a server's text must not carry into the library's outputs (messages, events, a
 * terminal): C0 controls, DEL, C1 controls, the bidirectional formatting characters that can make
 * text display differently from what it is ("Trojan Source", CVE-2021-42574), and the Unicode
 * line and paragraph separators.
 */

/** C0, DEL, C1, the bidi marks, embeddings, overrides and isolates, U+2028 and U+2029. */
const CONTROL_CHARACTERS = /[\u0000-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069\u2028\u2029]/;
const CONTROL_CHARACTERS_GLOBAL = new RegExp(CONTROL_CHARACTERS.source, 'g');
/** Characters that separate words or lines: they become one space, so the words stay apart. */
const BREAKS = /[\t\n\v\f\r\u0085\u2028\u2029]+/g;

/** True when `text` holds any control or bidi formatting character. */
export function hasControlCharacters(text: string): boolean {
  return CONTROL_CHARACTERS.test(text);
}

/**
 * `text` without control and bidi formatting characters; line breaks and tabs become one space,
 * so "line one\r\nline two" reads "line one line two".
 */
export function stripControlCharacters(text: string): string {
  return text.replace(BREAKS, ' ').replace(CONTROL_CHARACTERS_GLOBAL, '');
}

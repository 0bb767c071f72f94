/**
 * Greedy word wrap for diagram labels, so a long `description` becomes a few short lines instead
 * of one wide label that pushes every other node away.
 */

/**
 * Splits `text` into lines of at most `width` characters, breaking between words (a single word
 * longer than `width` gets a line of its own). Whitespace runs, including newlines, collapse to
 * one space.
 *
 * @param text - The text to wrap.
 * @param width - The preferred maximum line length, in characters.
 */
export function wrapText(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.trim().split(/\s+/)) {
    if (word === '') continue;
    if (line === '') line = word;
    else if (line.length + 1 + word.length <= width) line += ` ${word}`;
    else {
      lines.push(line);
      line = word;
    }
  }
  if (line !== '') lines.push(line);
  return lines;
}

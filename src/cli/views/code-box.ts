/** The user code drawn large and boxed, so it can be read from across a room. */

/** Draws `code` letter-spaced inside a heavy box, indented by `indent` spaces. */
export function codeBox(code: string, indent = 6): string[] {
  const spaced = `   ${[...code].join('  ')}   `;
  const pad = ' '.repeat(indent);
  const rule = '━'.repeat(spaced.length);
  return [`${pad}┏${rule}┓`, `${pad}┃${' '.repeat(spaced.length)}┃`, `${pad}┃${spaced}┃`, `${pad}┃${' '.repeat(spaced.length)}┃`, `${pad}┗${rule}┛`];
}

/** Number formatting and plain-text tables for the printed results. */

/** `value` with `digits` decimals, or `–` when it is not a finite number. */
export function fixed(value: number | null | undefined, digits = 1): string {
  return value === null || value === undefined || !Number.isFinite(value) ? '–' : value.toFixed(digits);
}

/** A ratio with its spread: `1.23× (1.10–1.40)`. */
export function ratioText(ratio: { median: number; min: number; max: number } | null): string {
  if (ratio === null || !Number.isFinite(ratio.median)) return '–';
  return `${ratio.median.toFixed(2)}× (${ratio.min.toFixed(2)}–${ratio.max.toFixed(2)})`;
}

/** Bytes as KiB or MiB. */
export function bytesText(bytes: number | null | undefined): string {
  if (bytes === null || bytes === undefined || !Number.isFinite(bytes)) return '–';
  return Math.abs(bytes) >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MiB` : `${(bytes / 1024).toFixed(1)} KiB`;
}

/** A table: a header row and rows of cells. */
export interface Table {
  readonly title: string;
  readonly header: readonly string[];
  readonly rows: ReadonlyArray<readonly string[]>;
  /** Lines printed under the table. */
  readonly notes?: readonly string[];
}

/** The table as aligned plain text for the terminal. */
export function plainTable(table: Table): string {
  const widths = table.header.map((cell, column) => Math.max(cell.length, ...table.rows.map((row) => (row[column] ?? '').length)));
  const line = (cells: readonly string[]) => cells.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join('  ');
  return [table.title, line(table.header), widths.map((width) => '-'.repeat(width)).join('  '), ...table.rows.map(line), ...(table.notes ?? [])].join('\n');
}

/** The table as GitHub Markdown (title as a heading level 3). */
export function markdownTable(table: Table): string {
  const escape = (cell: string) => cell.replace(/\|/g, '\\|');
  return [
    `### ${table.title}`,
    '',
    `| ${table.header.map(escape).join(' | ')} |`,
    `|${table.header.map((_, column) => (column === 0 ? '---' : '--:')).join('|')}|`,
    ...table.rows.map((row) => `| ${row.map(escape).join(' | ')} |`),
    ...(table.notes === undefined ? [] : ['', ...table.notes]),
  ].join('\n');
}

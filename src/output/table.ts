import { stripVTControlCharacters } from 'node:util';

export interface TableRow {
  cells: string[];
  /** Lines printed below the row (commits below a layer, a fix below a check), indented. */
  under?: string[];
}

/**
 * A table whose columns fit their content (measured without colour codes); the last column is not
 * padded. `under` lines start at column `underColumn` (default: the second).
 */
export function table(header: string[], rows: readonly TableRow[], options: { underColumn?: number } = {}): string {
  const gap = '  ';
  const widths = header.map((title, column) => Math.max(visible(title), ...rows.map((row) => visible(row.cells[column] ?? ''))));
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, column) => (column === cells.length - 1 ? cell : cell + ' '.repeat(widths[column] - visible(cell))))
      .join(gap)
      .trimEnd();
  const underColumn = options.underColumn ?? 1;
  const indent = ' '.repeat(widths.slice(0, underColumn).reduce((sum, width) => sum + width + gap.length, 0));
  const out = [line(header)];
  for (const row of rows) {
    out.push(line(row.cells));
    for (const extra of row.under ?? []) out.push(`${indent}${extra}`);
  }
  return out.join('\n');
}

function visible(text: string): number {
  return stripVTControlCharacters(text).length;
}

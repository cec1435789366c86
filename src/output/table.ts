import { stripVTControlCharacters } from 'node:util';

/**
 * A table whose columns fit their content (measured without colour codes); the last column is not
 * padded. `under` rows (e.g. commits below a layer) are printed as they are, indented.
 */
export interface TableRow {
  cells: string[];
  under?: string[];
}

export function table(header: string[], rows: readonly TableRow[], gap = '  '): string {
  const widths = header.map((title, column) => Math.max(visible(title), ...rows.map((row) => visible(row.cells[column] ?? ''))));
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, column) => (column === cells.length - 1 ? cell : cell + ' '.repeat(widths[column] - visible(cell))))
      .join(gap)
      .trimEnd();
  const indent = ' '.repeat(widths[0] + gap.length);
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

/** The results table: one line per row, columns padded; notes and errors below it. */
import { fmtMs } from './measure.mjs';

const COLUMNS = [
  ['case', (r) => r.label],
  ['blumeops', (r) => (r.error ? 'error' : fmtMs(r.blumeopsMs ?? NaN))],
  ['baseline', (r) => (r.baselineMs == null ? '—' : fmtMs(r.baselineMs))],
  ['ratio', (r) => (r.ratio == null ? '—' : `${r.ratio.toFixed(2)}×`)],
  ['measured', (r) => r.measured ?? '—'],
  ['target', (r) => r.target],
  ['result', (r) => (r.met ? 'met' : 'NOT MET')],
];

export function printTable(rows, print) {
  const cells = rows.map((r) => COLUMNS.map(([, cell]) => String(cell(r))));
  const widths = COLUMNS.map(([title], i) => Math.max(title.length, ...cells.map((line) => line[i].length)));
  const line = (values) => `| ${values.map((value, i) => value.padEnd(widths[i])).join(' | ')} |`;
  print('');
  print(line(COLUMNS.map(([title]) => title)));
  print(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const values of cells) print(line(values));
  const notes = rows.flatMap((r) => [...(r.error ? [`error: ${r.error}`] : []), ...(r.notes ?? [])].map((note) => `- ${r.label}: ${note}`));
  if (notes.length) {
    print('');
    for (const note of notes) print(note);
  }
}

import { runStatus } from '../engine/status.js';
import { StatusDocument, type LayerState, type StatusLayer } from '../engine/status-schema.js';
import { age } from '../output/age.js';
import { printJson } from '../output/json.js';
import { createPaint, type Paint } from '../output/paint.js';
import { table } from '../output/table.js';
import { printNote, terminal } from '../output/terminal.js';
import type { CommonFlags } from './flags.js';

/**
 * `blumeops status`: every layer in one table — its last apply, the commits since that touch it, and
 * live drift from a plan (skipped with --offline). Exit 0 all in sync, 2 drifted or unapplied, 1 error.
 */
export async function statusCommand(flags: CommonFlags & { offline: boolean }): Promise<number> {
  const out = terminal({ document: flags.json, color: flags.color });
  const document = await runStatus(flags, printNote);
  if (flags.json) {
    printJson(StatusDocument.parse(document));
    return document.exitCode;
  }
  for (const warning of document.warnings) printNote(`warning: ${warning}`);
  out.write(`${statusTable(document.layers, createPaint(out.color))}\n`);
  return document.exitCode;
}

function statusTable(rows: StatusLayer[], paint: Paint): string {
  const colour: Record<LayerState, (text: string) => string> = { 'in-sync': paint.ok, drifted: paint.warn, unapplied: paint.warn, unknown: paint.dim, error: paint.error };
  // Units the tool syncs by itself, one line each: converging, in sync or failing.
  const autoColour = { converging: paint.dim, 'in-sync': paint.ok, failing: paint.error };
  return table(
    ['LAYER', 'KIND', 'STATE', 'LAST APPLY', 'DETAIL'],
    rows.map((row) => ({
      cells: [
        row.name,
        row.kind,
        colour[row.state](row.state),
        row.lastApply ? `${(row.lastApply.commit ?? '-').slice(0, 7)} ${age(row.lastApply.finishedAt)} ${row.lastApply.status}` : '-',
        row.detail,
      ],
      under: [
        ...(row.hint && row.state !== 'in-sync' ? [paint.dim(`hint: ${row.hint.split('\n')[0]}`)] : []),
        ...row.commitsSince.slice(0, 5).map((commit) => paint.dim(`${commit.sha.slice(0, 7)} ${commit.subject}`)),
        ...row.autoSync.map((unit) => `auto-sync  ${autoColour[unit.state](unit.state.padEnd(10))}  ${unit.summary}`),
      ],
    })),
  );
}

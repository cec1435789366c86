import { printJson } from '../output/json.js';
import { createPaint } from '../output/paint.js';
import { age } from './age.js';
import type { CommonFlags } from './flags.js';
import { layerStates, statesExitCode } from './layer-state.js';
import { StatusDocument, type LayerState, type StatusLayer } from './status-schema.js';
import { openWorkspace } from './workspace.js';

/**
 * `blumeops status`: every layer in one table — its last apply, the commits since that touch it, and
 * live drift from a plan (skipped with --offline). Exit 0 all in sync, 2 drifted or unapplied, 1 error.
 */
export async function statusCommand(flags: CommonFlags & { offline: boolean }): Promise<number> {
  const workspace = await openWorkspace(flags);
  const { rows, warnings } = await layerStates(workspace, flags);
  const exitCode = statesExitCode(rows);
  if (flags.json) {
    printJson(StatusDocument.parse({ version: 1, command: 'status', repo: { root: workspace.repo.root, head: workspace.repo.head }, offline: flags.offline, layers: rows, warnings, exitCode }));
    return exitCode;
  }
  for (const warning of warnings) process.stderr.write(`warning: ${warning}\n`);
  process.stdout.write(`${renderTable(rows, flags.color && Boolean(process.stdout.isTTY) && !process.env.CI)}\n`);
  return exitCode;
}

function renderTable(rows: StatusLayer[], color: boolean): string {
  const paint = createPaint(color);
  const colour: Record<LayerState, (text: string) => string> = { 'in-sync': paint.ok, drifted: paint.warn, unapplied: paint.warn, unknown: paint.dim, error: paint.error };
  const width = Math.max(5, ...rows.map((row) => row.name.length));
  const lines = [`${'LAYER'.padEnd(width)}  ${'KIND'.padEnd(7)}  ${'STATE'.padEnd(9)}  ${'LAST APPLY'.padEnd(28)}  DETAIL`];
  for (const row of rows) {
    const last = row.lastApply ? `${(row.lastApply.commit ?? '-').slice(0, 7)} ${age(row.lastApply.finishedAt)} ${row.lastApply.status}` : '-';
    lines.push(`${row.name.padEnd(width)}  ${row.kind.padEnd(7)}  ${colour[row.state](row.state.padEnd(9))}  ${last.padEnd(28)}  ${row.detail}`);
    for (const commit of row.commitsSince.slice(0, 5)) lines.push(`${' '.repeat(width + 2)}  ${paint.dim(`${commit.sha.slice(0, 7)} ${commit.subject}`)}`);
    // Units the tool syncs by itself, one line each: converging, in sync or failing.
    const autoColour = { converging: paint.dim, 'in-sync': paint.ok, failing: paint.error };
    for (const unit of row.autoSync) lines.push(`${' '.repeat(width + 2)}  auto-sync  ${autoColour[unit.state](unit.state.padEnd(10))}  ${unit.summary}`);
  }
  return lines.join('\n');
}

import { planLayers } from '../engine/orchestrate.js';
import type { LayerOutcome } from '../engine/outcome.js';
import { commitExists, commitsTouching, type CommitLine } from '../git/history.js';
import { printJson } from '../output/json.js';
import { createPaint } from '../output/paint.js';
import { totalLine } from '../output/format.js';
import { lastEntry, readLedger, type LedgerEntry } from '../state/ledger.js';
import { age } from './age.js';
import type { CommonFlags } from './flags.js';
import { newSession } from './run-support.js';
import { silentReporter } from '../engine/reporter.js';
import { openWorkspace } from './workspace.js';
import { StatusDocument, type LayerState, type StatusLayer } from './status-schema.js';

/**
 * `blumeops status`: every layer in one table — its last apply, the commits since that touch it, and
 * live drift from a plan (skipped with --offline). Exit 0 all in sync, 2 drifted or unapplied, 1 error.
 */
export async function statusCommand(flags: CommonFlags & { offline: boolean }): Promise<number> {
  const workspace = await openWorkspace(flags);
  const { entries, warnings } = readLedger(workspace.repo.gitDir);
  const layers = workspace.config.layers;
  let drift: LayerOutcome[] = [];
  if (!flags.offline) {
    const session = newSession(workspace, { command: 'status', layers: [], flags, extraArgs: [], targets: [], kindOptions: {}, commandLine: 'blumeops status' });
    try {
      drift = await planLayers(session, layers, silentReporter);
    } finally {
      session.close();
    }
  }

  const rows: StatusLayer[] = [];
  for (const [index, layer] of layers.entries()) {
    const last = lastEntry(entries, layer.name);
    const applied = entries.filter((entry) => entry.layer === layer.name && (entry.status === 'applied' || entry.status === 'in-sync')).at(-1);
    const since = applied?.commit && (await commitExists(workspace.repo.root, applied.commit)) ? applied.commit : null;
    const commitsSince: CommitLine[] = applied ? (since ? await commitsTouching(workspace.repo.root, since, layer.paths) : []) : [];
    rows.push(statusRow(layer.name, layer.kind, last, applied, commitsSince, flags.offline ? undefined : drift[index]));
  }
  const exitCode = rows.some((row) => row.state === 'error') ? 1 : rows.some((row) => row.state === 'drifted' || row.state === 'unapplied') ? 2 : 0;
  await workspace.close();

  if (flags.json) {
    printJson(StatusDocument.parse({ version: 1, command: 'status', repo: { root: workspace.repo.root, head: workspace.repo.head }, offline: flags.offline, layers: rows, warnings, exitCode }));
    return exitCode;
  }
  for (const warning of warnings) process.stderr.write(`warning: ${warning}\n`);
  process.stdout.write(`${renderTable(rows, flags.color && Boolean(process.stdout.isTTY) && !process.env.CI)}\n`);
  return exitCode;
}

function statusRow(name: string, kind: string, last: LedgerEntry | undefined, applied: LedgerEntry | undefined, commitsSince: CommitLine[], plan: LayerOutcome | undefined): StatusLayer {
  let state: LayerState = 'in-sync';
  let detail = '';
  if (!applied) {
    state = 'unapplied';
    detail = 'never applied';
  } else if (commitsSince.length > 0) {
    state = 'unapplied';
    detail = `${commitsSince.length} commit${commitsSince.length === 1 ? '' : 's'} since the last apply`;
  }
  if (plan?.status === 'failed') {
    const blind = /not found on PATH|unreachable|not signed in|could not read secret/i.test(plan.error?.message ?? '');
    state = blind ? 'unknown' : 'error';
    detail = plan.error?.message ?? 'plan failed';
  } else if (plan?.status === 'changes' && state === 'in-sync') {
    state = 'drifted';
    detail = plan.changes.length > 0 ? `live differs: ${totalLine(plan.summary)}` : 'cannot be fully predicted';
  } else if (!plan && state === 'in-sync') {
    detail = 'drift not checked (--offline)';
  }
  return {
    name,
    kind,
    state,
    detail,
    lastApply: last ? { commit: last.commit, status: last.status, finishedAt: last.finishedAt, message: last.message ?? null } : null,
    commitsSince,
    drift: plan ? { checked: true, status: plan.status, summary: plan.summary, warnings: plan.warnings, error: plan.error?.message ?? null } : { checked: false, status: null, summary: null, warnings: [], error: null },
  };
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
  }
  return lines.join('\n');
}

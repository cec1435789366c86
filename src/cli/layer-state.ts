import type { LayerOutcome } from '../engine/outcome.js';
import { planLayers } from '../engine/orchestrate.js';
import { silentReporter } from '../engine/reporter.js';
import { commitExists, commitsTouching, type CommitLine } from '../git/history.js';
import { totalLine } from '../output/format.js';
import { lastEntry, readLedger, type LedgerEntry } from '../state/ledger.js';
import type { CommonFlags } from './flags.js';
import { readOnlySession } from './run-support.js';
import type { LayerState, StatusLayer } from './status-schema.js';
import type { Workspace } from './workspace.js';

export interface LayerStates {
  rows: StatusLayer[];
  /** Ledger lines that could not be read. */
  warnings: string[];
  /** The plans, when drift was checked (same order as the config's layers). */
  plans: LayerOutcome[];
}

/** For every layer: its last apply, the commits since that touch it, and (unless offline) live drift. */
export async function layerStates(workspace: Workspace, flags: CommonFlags & { offline: boolean }): Promise<LayerStates> {
  const { entries, warnings } = readLedger(workspace.repo.gitDir);
  const layers = workspace.config.layers;
  let plans: LayerOutcome[] = [];
  if (!flags.offline) {
    const session = readOnlySession(workspace, flags, 'status');
    try {
      plans = await planLayers(session, layers, silentReporter);
    } finally {
      session.close();
    }
  }
  const rows: StatusLayer[] = [];
  for (const [index, layer] of layers.entries()) {
    const applied = entries.filter((entry) => entry.layer === layer.name && (entry.status === 'applied' || entry.status === 'in-sync')).at(-1);
    const since = applied?.commit && (await commitExists(workspace.repo.root, applied.commit)) ? applied.commit : null;
    // Paths the tool applies by itself (auto-sync) do not make the layer unapplied.
    const selfApplied = (plans[index]?.plan?.autoSync ?? []).flatMap((unit) => (unit.state === 'failing' ? [] : (unit.paths ?? [])));
    const scope = selfApplied.length > 0 ? [...layer.paths, ...selfApplied.map((path) => `:(exclude)${path}`)] : layer.paths;
    const commitsSince = since ? await commitsTouching(workspace.repo.root, since, scope) : [];
    rows.push(stateRow(layer.name, layer.kind, lastEntry(entries, layer.name), applied, commitsSince, plans[index]));
  }
  return { rows, warnings, plans };
}

function stateRow(name: string, kind: string, last: LedgerEntry | undefined, applied: LedgerEntry | undefined, commitsSince: CommitLine[], plan: LayerOutcome | undefined): StatusLayer {
  const autoSync = (plan?.status === 'failed' ? [] : (plan?.plan?.autoSync ?? [])).map(({ target, state, summary, mode }) => ({ target, state, summary, mode }));
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
    // The plan could not see (tool missing, host unreachable, not signed in): unknown, not an error of the layer.
    const blind = /not found on PATH|unreachable|not signed in|could not read secret/i.test(plan.error?.message ?? '');
    state = blind ? 'unknown' : 'error';
    detail = plan.error?.message ?? 'plan failed';
  } else if (plan?.status === 'changes' && state === 'in-sync') {
    state = 'drifted';
    detail = plan.changes.length > 0 ? `live differs: ${totalLine(plan.summary)}` : 'cannot be fully predicted';
  }
  // A failing auto-sync is drift nobody is fixing; converging units are the tool's business.
  const failing = autoSync.filter((unit) => unit.state === 'failing');
  if (failing.length > 0 && plan?.status !== 'failed') {
    if (state === 'in-sync') state = 'drifted';
    detail = [detail, `auto-sync failing: ${failing.map((unit) => unit.summary).join('; ')}`].filter(Boolean).join('; ');
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
    drift: plan
      ? { checked: true, status: plan.status, summary: plan.summary, warnings: plan.warnings, error: plan.error?.message ?? null }
      : { checked: false, status: null, summary: null, warnings: [], error: null },
    autoSync,
  };
}

/** 0 all in sync, 2 drifted or unapplied, 1 an error. */
export function statesExitCode(rows: readonly StatusLayer[]): number {
  if (rows.some((row) => row.state === 'error')) return 1;
  return rows.some((row) => row.state === 'drifted' || row.state === 'unapplied') ? 2 : 0;
}

import { InterruptedError } from '../errors.js';
import { commitExists, commitsTouching, type CommitLine } from '../git/history.js';
import { lastEntry, lastInSync, Ledger, type LedgerEntry } from '../state/ledger.js';
import { withInterrupts, type Interrupts } from './interrupts.js';
import { planLayers } from './orchestrate.js';
import type { LayerOutcome } from './outcome.js';
import { silentReporter } from './reporter.js';
import { readOptions } from './session-options.js';
import { withSession } from './session.js';
import type { LayerState, StatusDocument, StatusLayer } from './status-schema.js';
import { totalLine } from './summary.js';
import { withWorkspace, type Workspace } from './workspace.js';

export interface StatusRequest {
  repo?: string;
  /** Skip the live plan: only Git and the ledger. */
  offline: boolean;
  concurrency: number;
}

export interface LayerStates {
  rows: StatusLayer[];
  /** Ledger lines that could not be read. */
  warnings: string[];
  /** The plans, when drift was checked (same order as the config's layers). */
  plans: LayerOutcome[];
}

/** `blumeops status`: the document, with its exit code (0 in sync, 2 drifted or unapplied, 1 error). */
export async function runStatus(request: StatusRequest, notice: (message: string) => void): Promise<StatusDocument> {
  return withInterrupts(notice, (interrupts) =>
    withWorkspace(request, interrupts.signal, async (workspace) => {
      const { rows, warnings } = await layerStates(workspace, interrupts, request);
      // A git call the terminal's Ctrl-C killed reads as "no commits since": never report that as in sync.
      interrupts.check();
      return statusDocument(workspace, rows, warnings, request.offline);
    }),
  );
}

export function statusDocument(workspace: Workspace, rows: StatusLayer[], warnings: string[], offline: boolean): StatusDocument {
  return { version: 1, command: 'status', repo: { root: workspace.repo.root, head: workspace.repo.head }, offline, layers: rows, warnings, exitCode: statesExitCode(rows) };
}

/** For every layer: its last apply, the commits since that touch it, and (unless offline) live drift. */
export async function layerStates(workspace: Workspace, interrupts: Interrupts, request: Pick<StatusRequest, 'offline' | 'concurrency'>): Promise<LayerStates> {
  const { entries, warnings } = new Ledger(workspace.repo.gitDir).read();
  const layers = workspace.config.layers;
  const plans = request.offline ? [] : await withSession(workspace, interrupts, readOptions(request.concurrency), (session) => planLayers(session, layers, silentReporter));
  if (interrupts.interrupted) throw new InterruptedError('interrupted: the live plans were stopped');
  const rows = await Promise.all(
    layers.map(async (layer, index) => {
      const settled = lastInSync(entries, layer.name);
      const since = settled?.commit && (await commitExists(workspace.repo.root, settled.commit)) ? settled.commit : null;
      // Paths the tool applies by itself (auto-sync) do not make the layer unapplied.
      const selfApplied = (plans[index]?.plan?.autoSync ?? []).flatMap((unit) => (unit.state === 'failing' ? [] : (unit.paths ?? [])));
      const scope = selfApplied.length > 0 ? [...layer.paths, ...selfApplied.map((path) => `:(exclude)${path}`)] : layer.paths;
      const commitsSince = since ? await commitsTouching(workspace.repo.root, since, scope) : [];
      return stateRow(layer.name, layer.kind, lastEntry(entries, layer.name), settled, commitsSince, plans[index]);
    }),
  );
  return { rows, warnings, plans };
}

function stateRow(name: string, kind: string, last: LedgerEntry | undefined, settled: LedgerEntry | undefined, commitsSince: CommitLine[], plan: LayerOutcome | undefined): StatusLayer {
  const autoSync = (plan?.status === 'failed' ? [] : (plan?.plan?.autoSync ?? [])).map(({ target, state, summary, mode }) => ({ target, state, summary, mode }));
  let state: LayerState = 'in-sync';
  let detail = '';
  if (!settled) {
    state = 'unapplied';
    detail = 'never applied';
  } else if (commitsSince.length > 0) {
    state = 'unapplied';
    detail = `${commitsSince.length} commit${commitsSince.length === 1 ? '' : 's'} since the last apply`;
  }
  if (plan?.status === 'failed') {
    // The plan could not look (tool missing, not signed in, unreachable): unknown, not an error of the layer.
    state = plan.error?.reason ? 'unknown' : 'error';
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
    reason: plan?.status === 'failed' ? (plan.error?.reason ?? null) : null,
    hint: plan?.status === 'failed' ? (plan.error?.hint ?? null) : null,
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

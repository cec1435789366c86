import { dirtyFiles } from '../../git/git.js';
import { fastForward, fetchUpstream, upstreamAhead } from '../../git/remote.js';
import type { Change, LayerDescription } from '../../reconciler.js';
import { pruneRuns } from '../../state/runs.js';
import { runApply } from '../apply-run.js';
import { describeLayers } from '../context.js';
import type { Interrupts } from '../interrupts.js';
import type { LayerOutcome } from '../outcome.js';
import type { ApplyRequest, RunView } from '../request.js';
import type { StatusDocument, StatusLayer } from '../status-schema.js';
import { layerStates, statusDocument } from '../status.js';
import { withWorkspace, type Workspace } from '../workspace.js';
import type { ApplyNews } from './news.js';

export interface CycleRequest {
  repo?: string;
  /** Layers applied automatically after a fast-forward pull or on drift. */
  apply: string[];
  concurrency: number;
  applyConcurrency: number;
  /** Also say what each layer manages (its kind's `describe`, re-read when HEAD moves), for a live page. */
  describe?: boolean;
}

/** What a live page shows of a layer beyond its status row: its place in the graph and its plan. */
export interface CycleLayer {
  name: string;
  kind: string;
  needs: string[];
  /** What the layer manages (present when the request asked to describe). */
  manages: LayerDescription | null;
  /** This cycle's plan: every change with its diff, warnings; null when the layer was not planned. */
  plan: { status: LayerOutcome['status']; changes: Change[]; warnings: string[]; incomplete: boolean; durationMs: number } | null;
}

export interface CycleResult {
  rows: StatusLayer[];
  layers: CycleLayer[];
  /** The same document as `blumeops status --json`, for JSON notifications. */
  document: StatusDocument;
  applies: ApplyNews[];
  /** One line for the watch log. */
  summary: string;
}

/** How long a `git fetch` may take before the cycle gives up on it. */
const FETCH_TIMEOUT_MS = 60_000;

/**
 * One watch cycle: fetch, fast-forward when layers opted into auto-apply (never over uncommitted
 * changes), plan every layer, and apply the opted-in layers that Git moved or that drifted — through
 * the same apply transaction as `blumeops apply` (lock, ledger), at apply concurrency.
 */
export async function runCycle(request: CycleRequest, interrupts: Interrupts, quietView: RunView): Promise<CycleResult> {
  // Notes go to the watch log; problems are warnings of the status document too.
  const notes: string[] = [];
  const problems: string[] = [];
  // The pull may move HEAD: the plan opens the workspace again, at the new commit.
  await withWorkspace(request, interrupts.signal, async (workspace) => {
    const fetched = await fetchUpstream(workspace.repo.root, { timeoutMs: FETCH_TIMEOUT_MS, signal: interrupts.signal });
    if (fetched.error) problems.push(`git fetch: ${fetched.error}`);
    if (fetched.ok) await pullForAutoApply(workspace, request, notes, problems);
    // A watch runs for months: its cycles' logs are pruned here (never an apply's last logs).
    pruneRuns(workspace.repo.gitDir);
  });

  return withWorkspace(request, interrupts.signal, async (workspace) => {
    const root = workspace.repo.root;
    let states = await layerStates(workspace, interrupts, { offline: false, concurrency: request.concurrency });
    const applies: ApplyNews[] = [];
    const due = states.rows.filter((row) => request.apply.includes(row.name) && (row.state === 'drifted' || row.state === 'unapplied'));
    if (due.length > 0 && (await dirtyFiles(root)).length === 0) {
      const names = due.map((row) => row.name);
      const applyRequest: ApplyRequest = {
        command: 'watch',
        commandLine: `blumeops watch --apply ${names.join(' ')}`,
        layers: names,
        repo: request.repo,
        verbose: false,
        concurrency: request.applyConcurrency,
        extraArgs: [],
        targets: [],
        kindOptions: {},
        yes: true,
        allowDirty: false,
        message: 'applied by blumeops watch',
      };
      const outcome = await runApply(applyRequest, quietView).then(
        (result) => ({ ok: result.problems.length === 0 && result.outcomes.every((layer) => layer.status !== 'failed' && layer.status !== 'interrupted'), result }),
        (error: unknown) => (problems.push(`apply refused: ${error instanceof Error ? error.message : String(error)}`), { ok: false, result: undefined }),
      );
      for (const name of names) {
        const layer = outcome.result?.outcomes.find((candidate) => candidate.name === name);
        const ok = outcome.ok && layer !== undefined && layer.status !== 'failed';
        applies.push({ layer: name, ok, detail: ok ? '' : `${layer?.error?.message ?? 'not applied'}; see \`blumeops history ${name}\`` });
      }
      states = await layerStates(workspace, interrupts, { offline: false, concurrency: request.concurrency });
    }
    const counts = new Map<string, number>();
    for (const row of states.rows) counts.set(row.state, (counts.get(row.state) ?? 0) + 1);
    const summary = [`${states.rows.length} layers: ${[...counts].map(([state, count]) => `${count} ${state}`).join(', ')}`, ...notes, ...problems].join('; ');
    const warnings = [...states.warnings, ...problems, ...states.rows.flatMap((row) => row.drift.warnings.map((warning) => `${row.name}: ${warning}`))];
    const manages = request.describe ? await describedLayers(workspace, interrupts, request.concurrency) : new Map<string, LayerDescription>();
    const layers = workspace.config.layers.map((layer, index): CycleLayer => {
      const plan = states.plans[index];
      return {
        name: layer.name,
        kind: layer.kind,
        needs: layer.needs,
        manages: manages.get(layer.name) ?? null,
        plan: plan ? { status: plan.status, changes: plan.changes, warnings: plan.warnings, incomplete: plan.incomplete, durationMs: plan.durationMs } : null,
      };
    });
    return { rows: states.rows, layers, document: statusDocument(workspace, states.rows, warnings, false), applies, summary };
  });
}

/** The last description, by repo and commit: `describe` may run a tool (ansible-inventory), so once per HEAD. */
let described: { key: string; layers: Map<string, LayerDescription> } | undefined;

async function describedLayers(workspace: Workspace, interrupts: Interrupts, concurrency: number): Promise<Map<string, LayerDescription>> {
  const key = `${workspace.repo.root}@${workspace.commit ?? ''}`;
  if (described?.key !== key) {
    const layers = workspace.config.layers;
    // A page without "what it manages" is still a page: a failure here never fails the cycle.
    const descriptions = await describeLayers(workspace, interrupts, layers, concurrency).catch(() => undefined);
    if (!descriptions) return new Map();
    described = { key, layers: new Map(layers.map((layer, index) => [layer.name, descriptions[index]])) };
  }
  return described.layers;
}

async function pullForAutoApply(workspace: Workspace, request: CycleRequest, notes: string[], problems: string[]): Promise<void> {
  const root = workspace.repo.root;
  const behind = await upstreamAhead(root);
  if (behind === 0) return;
  if (request.apply.length === 0) {
    notes.push(`${behind} new commit(s) upstream (not pulled: no layer opted into --apply)`);
    return;
  }
  if ((await dirtyFiles(root)).length > 0) problems.push(`${behind} new commit(s) upstream not pulled: uncommitted changes in the work tree`);
  else if (await fastForward(root)) notes.push(`pulled ${behind} new commit(s)`);
  else problems.push(`${behind} new commit(s) upstream not pulled: not a fast-forward`);
}

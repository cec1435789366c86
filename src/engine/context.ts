import type { LayerConfig } from '../config/load.js';
import { InterruptedError } from '../errors.js';
import { dirtyFiles } from '../git/git.js';
import { repoFacts } from '../git/remote.js';
import type { LayerDescription } from '../reconciler.js';
import { describeHolder, inspectLock } from '../state/lock.js';
import type { ContextDocument, ContextLayer } from './context-schema.js';
import { dependencyOrder } from './graph.js';
import { withInterrupts, type Interrupts } from './interrupts.js';
import { readOptions } from './session-options.js';
import { withSession } from './session.js';
import { layerStates } from './status.js';
import { ACTION_SIGNS } from './summary.js';
import { withWorkspace, type Workspace } from './workspace.js';

export interface ContextRequest {
  repo?: string;
  /** Skip the live plan (said so in the document). */
  offline: boolean;
  concurrency: number;
}

/** `blumeops context`: everything it says, gathered — the repo, each layer in dependency order, warnings, fixes. */
export async function runContext(request: ContextRequest, notice: (message: string) => void): Promise<ContextDocument> {
  return withInterrupts(notice, (interrupts) => withWorkspace(request, interrupts.signal, (workspace) => collectContext(workspace, interrupts, request)));
}

async function collectContext(workspace: Workspace, interrupts: Interrupts, request: ContextRequest): Promise<ContextDocument> {
  const root = workspace.repo.root;
  const [facts, uncommitted, states] = await Promise.all([repoFacts(root), dirtyFiles(root), layerStates(workspace, interrupts, request)]);
  const byName = new Map(states.rows.map((row) => [row.name, row]));
  const plans = new Map(states.plans.map((plan) => [plan.name, plan]));
  const ordered = dependencyOrder(workspace.config.layers);
  const descriptions = await describeLayers(workspace, interrupts, ordered, request.concurrency);

  const layers: ContextLayer[] = ordered.map((layer, index) => {
    const row = byName.get(layer.name)!;
    const plan = plans.get(layer.name);
    const inSync = row.state === 'in-sync' || row.state === 'unknown';
    return {
      ...row,
      needs: layer.needs,
      paths: layer.paths,
      manages: { summary: descriptions[index].summary, facts: descriptions[index].facts, detail: descriptions[index].detail ?? [] },
      changes: (plan?.changes ?? []).map((change) => `${ACTION_SIGNS[change.action]} ${change.summary}`),
      fix: inSync ? null : fixFor(layer, plan?.changes.length ?? 0, row.autoSync),
    };
  });

  // A git call the terminal's Ctrl-C killed reads as "nothing": the document would be wrong, not short.
  interrupts.check();
  return {
    version: 1,
    command: 'context',
    generatedAt: new Date().toISOString(),
    offline: request.offline,
    repo: { root, remote: facts.remote, branch: facts.branch, head: { sha: workspace.repo.head, subject: facts.headSubject }, uncommitted, unpushed: facts.unpushed },
    layers,
    warnings: [...states.warnings, ...layerWarnings(layers), ...lockWarnings(workspace)],
    // Plain applies combine into one `blumeops apply`; a fix with flags stays on its own line.
    commands: commandsBackToGit(layers, layers.filter((layer, index) => layer.fix === applyCommand(ordered[index])).map((layer) => layer.name), uncommitted.length > 0, facts.unpushed ?? 0),
    trimmed: [],
  };
}

/** What each layer manages (its kind's `describe`), in the order given; a failure is a fact, never an error. */
export async function describeLayers(workspace: Workspace, interrupts: Interrupts, layers: LayerConfig[], concurrency: number): Promise<LayerDescription[]> {
  return withSession(workspace, interrupts, readOptions(concurrency), (session) =>
    Promise.all(
      layers.map(async (layer): Promise<LayerDescription> => {
        const fallback = { summary: `${layer.kind} layer`, facts: [] };
        if (!layer.reconciler.describe) return fallback;
        try {
          return await layer.reconciler.describe(session.describeContext(layer));
        } catch (error) {
          if (error instanceof InterruptedError || interrupts.interrupted) throw error;
          return { ...fallback, facts: [`could not describe: ${error instanceof Error ? error.message : String(error)}`] };
        }
      }),
    ),
  );
}

/**
 * The command that brings the layer back to Git. When nothing is wrong but a unit the tool syncs by
 * itself failing its sync, a plain apply would only wait for the tool again: the kind's override
 * flag retries it now (after the cause, given in the layer's detail, is fixed).
 */
function fixFor(layer: LayerConfig, changes: number, autoSync: ContextLayer['autoSync']): string {
  const command = applyCommand(layer);
  const override = layer.reconciler.autoSyncOverride;
  const failing = autoSync.filter((unit) => unit.state === 'failing').map((unit) => unit.target);
  if (changes > 0 || failing.length === 0 || !override) return command;
  return `${command} ${failing.join(' ')} ${override}   # retries the failed auto-sync; fix its cause in Git first`;
}

function applyCommand(layer: LayerConfig): string {
  return `blumeops ${layer.reconciler.verbs.apply} ${layer.name}`;
}

function layerWarnings(layers: ContextLayer[]): string[] {
  const warnings: string[] = [];
  for (const layer of layers) {
    for (const warning of layer.drift.warnings) warnings.push(`${layer.name}: ${warning}`);
    if (layer.lastApply?.status === 'failed') warnings.push(`${layer.name}: the last apply failed (${layer.lastApply.commit?.slice(0, 7) ?? 'no commit'})`);
    if (layer.state === 'error' || layer.state === 'unknown') warnings.push(`${layer.name}: ${layer.detail}`);
  }
  return warnings;
}

function lockWarnings(workspace: Workspace): string[] {
  const lock = inspectLock(workspace.repo.gitDir);
  if (lock.state === 'free') return [];
  if (lock.state === 'unreadable') return [`an unreadable apply lock exists: ${lock.reason} (blumeops unlock removes it)`];
  return [lock.stale ? `a stale apply lock is left by ${describeHolder(lock.holder)} (blumeops unlock)` : `an apply is in progress: ${describeHolder(lock.holder)}`];
}

function commandsBackToGit(layers: ContextLayer[], plain: string[], dirty: boolean, unpushed: number): string[] {
  const commands: string[] = [];
  if (dirty) commands.push('git status   # commit (or stash) the uncommitted changes first: blumeops applies what is committed');
  if (unpushed > 0) commands.push('git push     # ArgoCD syncs from the remote');
  const fixes = layers.filter((layer) => layer.fix).map((layer) => layer.fix!);
  if (plain.length > 1) commands.push(`blumeops apply ${plain.join(' ')}   # or one by one:`);
  commands.push(...fixes);
  return commands;
}

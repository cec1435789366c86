/**
 * One app's sync: `argocd app sync NAME -o json`, then (wait: true) `argocd app wait NAME --sync
 * --health`. Exit 1 and 20 are read here (okExitCodes), so a failed app becomes an outcome, not a throw.
 */
import type { LayerContext } from '../../src/reconciler.js';
import { syncArgs, waitArgs } from './args.js';
import { errorMessage, parseApps, pruningRequired, timedOut } from './parse.js';
import type { ArgocdConfig } from './schema.js';

export interface SyncSettings {
  prune: boolean;
  timeout: number;
  wait: boolean;
  /** `--resource` selections (root sync restricted to the targeted apps). */
  resources?: string[];
}

export interface AppOutcome {
  name: string;
  ok: boolean;
  revision?: string;
  phase?: string;
  health?: string;
  /** Why it failed, or what the operation said. */
  message?: string;
  /** `N resources require pruning` on a sync without --prune: kept, not failed. */
  pruningRequired?: number;
  /** Synced by ArgoCD's own auto-sync, which blumeops waited for (not a sync blumeops ran). */
  by?: 'argocd';
}

export async function syncApp(ctx: LayerContext<ArgocdConfig>, name: string, settings: SyncSettings): Promise<AppOutcome> {
  ctx.emit({ type: 'progress', message: `argocd app sync ${name}` });
  const args = syncArgs(ctx.config, name, { ...settings, extraArgs: ctx.extraArgs });
  const sync = await ctx.run('argocd', args, { okExitCodes: [1, 20] });
  const app = parseApps(sync.stdout).find((candidate) => candidate.metadata.name === name);
  const operation = app?.status.operationState;
  const revisions = operation?.syncResult?.revisions ?? [];
  const outcome: AppOutcome = {
    name,
    ok: sync.exitCode === 0,
    revision: revisions.length > 0 ? revisions.join(',') : (operation?.syncResult?.revision ?? app?.status.sync?.revision),
    phase: operation?.phase,
    health: app?.status.health?.status,
  };
  if (sync.exitCode !== 0) {
    const pruning = sync.exitCode === 1 ? pruningRequired(sync.stderr) : undefined;
    if (pruning !== undefined) return { ...outcome, ok: true, phase: outcome.phase ?? 'Succeeded', pruningRequired: pruning };
    return { ...outcome, message: failure(name, sync.stderr, settings.timeout, operation?.message) };
  }
  if (!settings.wait) return outcome;
  ctx.emit({ type: 'progress', message: `argocd app wait ${name}` });
  const wait = await ctx.run('argocd', waitArgs(ctx.config, name, settings.timeout), { okExitCodes: [1, 20] });
  if (wait.exitCode !== 0) return { ...outcome, ok: false, message: failure(name, wait.stderr, settings.timeout) };
  return { ...outcome, health: 'Healthy' };
}

function failure(name: string, stderr: string, timeout: number, operationMessage?: string): string {
  if (timedOut(stderr)) return `timed out after ${timeout}s waiting for ${name} to be synced and healthy`;
  const message = errorMessage(stderr) || 'argocd failed without a message';
  return operationMessage && !message.includes(operationMessage) ? `${message}: ${operationMessage}` : message;
}

/** One line per app for ApplyResult.notes (the ledger keeps them). */
export function outcomeNote(outcome: AppOutcome): string {
  if (!outcome.ok) return `${outcome.name}: FAILED: ${outcome.message ?? 'unknown error'}`;
  const synced = outcome.by === 'argocd' ? 'synced by ArgoCD (auto-sync)' : 'synced';
  const parts = [outcome.revision ? `${synced} ${outcome.revision}` : synced, outcome.phase, outcome.health].filter(Boolean);
  const kept = outcome.pruningRequired ? `; ${outcome.pruningRequired} resource${outcome.pruningRequired === 1 ? '' : 's'} kept (pruning is off)` : '';
  return `${outcome.name}: ${parts.join(', ')}${kept}`;
}

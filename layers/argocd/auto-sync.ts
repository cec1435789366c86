/**
 * Where an app that ArgoCD syncs by itself stands, after ArgoCD's automated-sync semantics (argo-cd
 * docs/user-guide/auto_sync.md): ArgoCD syncs an OutOfSync app once per target commit; it does not
 * retry a failed attempt at the same commit (a `SyncError` condition says so), and it re-syncs a
 * successfully synced commit only with selfHeal (live edits). So an OutOfSync automated app is
 * `converging` while ArgoCD will act, and `failing` when it will not: the last attempt failed,
 * live drift without selfHeal, ArgoCD cannot compare it, it has stayed OutOfSync past the grace
 * (ArgoCD does not record since when: see `since` below), or a sync or a selfHeal has gone on past
 * the grace. Pure.
 */
import type { AutoSyncUnit } from '../../src/reconciler.js';
import { needsSync } from './health.js';
import type { LiveApp, LiveSource } from './schema.js';
import { clusterOf, liveSpec, sourceSpec, type AppSpec } from './spec.js';
import { syncModeLabel } from './sync-mode.js';

export interface AutoSyncContext {
  now: number;
  graceMs: number;
  /** The grace as the operator wrote it (`5m`), for messages. */
  graceText: string;
  /** The layer's prune setting (auto-sync prunes when either it or `automated.prune` says so). */
  prune: boolean;
  /** Commit time (epoch ms) of revisions found in the local repo. */
  commitTimes: ReadonlyMap<string, number>;
}

/** The unit for a live app with `syncPolicy.automated`; `paths` are the repo paths it deploys. */
export function autoSyncUnit(app: LiveApp, ctx: AutoSyncContext, paths: string[]): AutoSyncUnit {
  const name = app.metadata.name;
  const spec = liveSpec(app);
  const mode = spec.sync!;
  const base = { target: name, mode: syncModeLabel(mode), group: clusterOf(spec) };
  const failing = (why: string, retry = true): AutoSyncUnit => ({ ...base, state: 'failing', summary: `${name}: ${why}${retry ? ' (--force-sync syncs it now)' : ''}` });
  const converging = (why: string): AutoSyncUnit => ({ ...base, state: 'converging', summary: `${name}: converging (${why})`, paths });
  const { status } = app;
  const op = status.operationState;
  if (status.sync?.status === 'Unknown') {
    const condition = status.conditions?.find((c) => c.message)?.message;
    return failing(`ArgoCD cannot compare it with Git, so it cannot auto-sync it${condition ? `: ${condition}` : ''}`, false);
  }
  if (op?.phase === 'Running' || op?.phase === 'Terminating') {
    // A sync that outlives the grace waits on something that will not come (a hook, a resource that never turns healthy).
    if (overdue(ctx, op.startedAt)) return failing(`ArgoCD has been syncing it since ${op.startedAt}, more than ${ctx.graceText}: a hook or a resource it waits for may be stuck (argocd app get ${name})`, false);
    return converging(`ArgoCD is syncing it${op.startedAt ? ` since ${op.startedAt}` : ''}`);
  }
  if (!needsSync(app, ctx.prune || mode.prune)) {
    const health = status.health?.status ? `, ${status.health.status}` : '';
    return { ...base, state: 'in-sync', summary: `${name}: in sync${health}`, paths };
  }
  const target = targetRevisions(app);
  const at = target.length > 0 ? ` to ${target.map(short).join(',')}` : '';
  const attempted = op?.phase !== undefined && sameList(target, operationRevisions(app)) && sameSources(spec, op.syncResult);
  if (attempted && (op.phase === 'Failed' || op.phase === 'Error')) {
    return failing(`the last sync${at} failed and ArgoCD does not retry a commit it failed on${op.message ? `: ${op.message}` : ''}`);
  }
  const syncError = status.conditions?.find((c) => c.type === 'SyncError')?.message;
  if (syncError) return failing(`auto-sync error: ${syncError}`);
  if (attempted && !mode.selfHeal) return failing(`differs from Git after its last sync${at}, and ArgoCD does not put live edits back without selfHeal`);
  if (attempted) {
    // selfHeal syncs again within seconds of a live edit: still OutOfSync long after its last sync, it cannot win.
    if (overdue(ctx, op.finishedAt)) return failing(`still differs from Git ${ctx.graceText} after its last sync${at}, which selfHeal has not put right: something keeps changing it, or ArgoCD cannot apply it`);
    return converging('ArgoCD puts live edits back: selfHeal');
  }
  // ArgoCD does not record when an app went OutOfSync: the latest of the target commit's time, the
  // last sync's end and, for an app never synced, its creation stands in for it.
  const since = Math.max(ctx.commitTimes.get(target[0] ?? '') ?? -Infinity, time(op?.finishedAt), op ? -Infinity : time(app.metadata.creationTimestamp));
  if (Number.isFinite(since) && ctx.now - since > ctx.graceMs) {
    return failing(`OutOfSync for more than ${ctx.graceText}${at} and ArgoCD has not synced it: check the application controller and sync windows`);
  }
  return converging(`ArgoCD auto-sync${at}${Number.isFinite(since) ? '' : '; since when is unknown'}`);
}

function time(iso: string | null | undefined): number {
  return Date.parse(iso ?? '') || -Infinity;
}

function overdue(ctx: AutoSyncContext, since: string | null | undefined): boolean {
  const at = time(since);
  return Number.isFinite(at) && ctx.now - at > ctx.graceMs;
}

/** The revisions ArgoCD compares the app with (its targetRevision resolved). */
export function targetRevisions(app: LiveApp): string[] {
  const sync = app.status.sync;
  if (sync?.revisions && sync.revisions.length > 0) return sync.revisions;
  return sync?.revision ? [sync.revision] : [];
}

function operationRevisions(app: LiveApp): string[] {
  const result = app.status.operationState?.syncResult;
  if (result?.revisions && result.revisions.length > 0) return result.revisions;
  return result?.revision ? [result.revision] : [];
}

/** Unknown on either side counts as the same: only evidence of a new target makes a new attempt. */
function sameList(a: string[], b: string[]): boolean {
  return a.length === 0 || b.length === 0 || a.join(',') === b.join(',');
}

/** ArgoCD also re-attempts when the app's source changed since the last sync (a pin, a new path). */
function sameSources(spec: AppSpec, result: { source?: LiveSource | null; sources?: LiveSource[] | null } | null | undefined): boolean {
  const synced = result?.sources?.length ? result.sources : result?.source ? [result.source] : [];
  if (synced.length === 0) return true;
  const key = (source: LiveSource) => {
    const { repoURL, path, targetRevision, chart } = sourceSpec(source);
    return `${repoURL}|${path ?? ''}|${targetRevision}|${chart ?? ''}`;
  };
  return synced.map(key).join('\n') === spec.sources.map((source) => `${source.repoURL}|${source.path ?? ''}|${source.targetRevision}|${source.chart ?? ''}`).join('\n');
}

function short(revision: string): string {
  return /^[0-9a-f]{40}$/.test(revision) ? revision.slice(0, 7) : revision;
}

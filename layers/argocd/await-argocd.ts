/**
 * An app that ArgoCD syncs by itself is not synced by blumeops (two syncs of one app would race):
 * `argocd app get NAME --refresh -o json` asks ArgoCD to compare it with Git now, which starts its
 * auto-sync when it is OutOfSync; then `argocd app get NAME -o json`, at growing intervals, until
 * ArgoCD has synced it (and, with `wait`, it is Healthy), its sync failed, or `waitTimeout` passed.
 */
import { InterruptedError } from '../../src/errors.js';
import type { LayerContext } from '../../src/reconciler.js';
import { connectionArgs } from './args.js';
import { errorMessage, parseApps } from './parse.js';
import type { ArgocdConfig, LiveApp } from './schema.js';
import { liveSpec, sourceSpec } from './spec.js';
import type { AppOutcome } from './sync-app.js';

export interface AwaitSettings {
  /** Seconds to wait at most (waitTimeout). */
  timeout: number;
  /** Also wait for Healthy (the layer's `wait`). */
  wait: boolean;
  /** Epoch ms when this apply began: an operation or SyncError older than this is not news. */
  since: number;
}

const FIRST_POLL_MS = 250;
const MAX_POLL_MS = 3000;

export async function awaitArgocd(ctx: LayerContext<ArgocdConfig>, name: string, settings: AwaitSettings): Promise<AppOutcome> {
  const deadline = Date.now() + settings.timeout * 1000;
  ctx.emit({ type: 'progress', message: `argocd app get ${name} --refresh (ArgoCD syncs it itself)` });
  let refresh = true;
  for (let delay = FIRST_POLL_MS; ; delay = Math.min(MAX_POLL_MS, Math.round(delay * 1.6))) {
    const args = ['app', 'get', name, '-o', 'json', ...(refresh ? ['--refresh'] : []), ...connectionArgs(ctx.config)];
    const got = await ctx.run('argocd', args, { okExitCodes: [1, 20] });
    refresh = false;
    if (got.exitCode !== 0) return { name, ok: false, message: `argocd app get ${name}: ${errorMessage(got.stderr) || `exit code ${got.exitCode}`}` };
    const app = parseApps(got.stdout).find((candidate) => candidate.metadata.name === name);
    if (!app) return { name, ok: false, message: `argocd app get ${name} printed no Application (full output: ${got.logPath})` };
    const verdict = judge(app, settings);
    if (verdict) return verdict;
    if (Date.now() + delay > deadline) {
      return { name, ok: false, message: `ArgoCD did not sync ${name} within ${settings.timeout}s (auto-sync; it is ${app.status.sync?.status ?? 'Unknown'}, ${app.status.health?.status ?? 'Unknown'})` };
    }
    ctx.emit({ type: 'progress', message: `waiting for ArgoCD to sync ${name}` });
    await sleep(delay, ctx.signal);
  }
}

/** Done, failed, or undefined (keep waiting). */
function judge(app: LiveApp, settings: AwaitSettings): AppOutcome | undefined {
  const name = app.metadata.name;
  const { status } = app;
  const op = status.operationState;
  const running = op?.phase === 'Running' || op?.phase === 'Terminating';
  const revision = op?.syncResult?.revisions?.join(',') || op?.syncResult?.revision || status.sync?.revision;
  const base = { name, revision, phase: op?.phase, health: status.health?.status, by: 'argocd' as const };
  if (!running && (op?.phase === 'Failed' || op?.phase === 'Error') && (Date.parse(op.startedAt ?? '') || 0) >= settings.since) {
    return { ...base, ok: false, message: `ArgoCD's sync failed: ${op.message ?? op.phase}` };
  }
  const syncError = status.conditions?.find((c) => c.type === 'SyncError' && (Date.parse(c.lastTransitionTime ?? '') || 0) >= settings.since);
  if (syncError) return { ...base, ok: false, message: syncError.message ?? 'SyncError' };
  if (running || status.sync?.status !== 'Synced' || !comparedWithSpec(app)) return undefined;
  if (status.health?.status === 'Degraded') return { ...base, ok: false, message: `synced by ArgoCD but Degraded${status.health.message ? `: ${status.health.message}` : ''}` };
  if (settings.wait && status.health?.status !== 'Healthy') return undefined;
  return { ...base, ok: true };
}

/** Synced means synced to the app's current spec: a pin or a new path must have been compared. */
function comparedWithSpec(app: LiveApp): boolean {
  const compared = app.status.sync?.comparedTo;
  const sources = compared?.sources?.length ? compared.sources : compared?.source ? [compared.source] : [];
  if (sources.length === 0) return true;
  const key = (source: { repoURL: string; path?: string; targetRevision: string }) => `${source.repoURL}|${source.path ?? ''}|${source.targetRevision}`;
  return sources.map((source) => key(sourceSpec(source))).join('\n') === liveSpec(app).sources.map(key).join('\n');
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.reject(new InterruptedError());
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => (signal.removeEventListener('abort', onAbort), resolve()), ms);
    const onAbort = () => (clearTimeout(timer), reject(new InterruptedError()));
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

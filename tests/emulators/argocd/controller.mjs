// Argo CD's application controller for apps with `spec.syncPolicy.automated`, after the documented
// semantics (argo-cd docs/user-guide/auto_sync.md, "Automated Sync Semantics"):
// - it syncs only an OutOfSync app, once per target commit: a successful sync to the same commit is
//   not repeated unless `selfHeal` (live drift is then synced again), and a failed one is never
//   retried (a `SyncError` condition "Failed last sync attempt to [sha]: …" says so);
// - without `prune`, an app OutOfSync only by resources that require pruning is left alone;
// - `automated.enabled: false` turns it off.
// The controller notices an app on the first invocation that sees it OutOfSync and syncs it
// ARGOCD_EMULATOR_AUTO_SYNC_MS later (`autoSyncAt`, an emulator-only field). Roots are compared
// with Git first, as the controller's refresh would.
import { isAutomated, resolveRevision, sourcesOf } from './app-model.mjs';
import { autoSyncMs, hasFault } from './knobs.mjs';
import { refreshRootFromGit } from './root.mjs';
import { beginSync } from './sync-op.mjs';
import { operationRunning } from './timeline.mjs';

const SYNC_ERROR = 'SyncError';

/** Does any app need the controller? (The fast path for states without automated apps.) */
export function controllerHasWork(state) {
  return state.apps.some(isAutomated);
}

function targetRevisions(state, app) {
  return sourcesOf(app).map((source) => resolveRevision(state, app, source));
}

function lastRevisions(operationState) {
  const result = operationState?.syncResult;
  if (Array.isArray(result?.revisions) && result.revisions.length) return result.revisions;
  return result?.revision ? [result.revision] : [];
}

function setSyncError(app, message) {
  const others = (app.status.conditions ?? []).filter((c) => c.type !== SYNC_ERROR);
  const existing = (app.status.conditions ?? []).find((c) => c.type === SYNC_ERROR && c.message === message);
  if (existing) return false;
  app.status.conditions = [...others, { type: SYNC_ERROR, message, lastTransitionTime: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z') }];
  return true;
}

function pruneOnly(app) {
  const drifted = (app.status?.resources ?? []).filter((r) => r.status === 'OutOfSync');
  return drifted.length > 0 && drifted.every((r) => r.requiresPruning);
}

/** One app: returns true when the state changed. */
async function reconcileApp(state, app, now) {
  const name = app.metadata.name;
  if (operationRunning(app) || state.pending?.[name]?.final !== undefined) return false;
  if (app.status?.sync?.status !== 'OutOfSync' || hasFault(state, 'autoSyncStuck', name)) {
    if (app.autoSyncAt === undefined) return false;
    delete app.autoSyncAt;
    return true;
  }
  const policy = app.spec.syncPolicy.automated;
  if (!policy.prune && pruneOnly(app)) return false;
  const target = targetRevisions(state, app);
  const op = app.status.operationState;
  const attempted = op && lastRevisions(op).join(',') === target.join(',');
  if (attempted && op.phase !== 'Succeeded') {
    return setSyncError(app, `Failed last sync attempt to [${target.join(' ')}]: ${op.message ?? op.phase}`);
  }
  if (attempted && !policy.selfHeal) return false;
  if (app.autoSyncAt === undefined) {
    app.autoSyncAt = now + autoSyncMs(state);
    if (now < app.autoSyncAt) return true;
  }
  if (now < app.autoSyncAt) return false;
  delete app.autoSyncAt;
  await beginSync(state, app, { automated: true, prune: Boolean(policy.prune), dryRun: false, filtered: false, selectResource: () => true, revisionsAt: {} });
  return true;
}

/** Every automated app, once. Returns true when the state changed (the caller writes it). */
export async function runController(state, now = Date.now()) {
  let changed = false;
  for (const app of state.apps.filter(isAutomated)) {
    if (state.roots?.[app.metadata.name]) await refreshRootFromGit(state, app.metadata.name);
    if (await reconcileApp(state, app, now)) changed = true;
  }
  return changed;
}

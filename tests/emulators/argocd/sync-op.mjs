// What a sync operation does to an Application: the operation, its result, the new sync status
// and health, and (for roots) the app-of-apps changes. Called inside the state lock.
import { isAutomated, isMultiSource, resolveRevision, sourcesOf } from './app-model.mjs';
import { rpcError } from './errors.mjs';
import { readGitApps } from './git-apps.mjs';
import { hasFault, healthyAfterMs, syncMs } from './knobs.mjs';
import { isoSeconds } from './output.mjs';
import { applyRootSync, compareRoot, rootResources } from './root.mjs';
import { operationRunning, schedule, setHealth } from './timeline.mjs';

const SUCCESS = 'successfully synced (all tasks run)';

function resultFor(r, dryRun) {
  const group = r.group ?? '';
  const verb = r.health?.status === 'Missing' ? 'created' : 'configured';
  return {
    group, version: r.version ?? 'v1', kind: r.kind, namespace: r.namespace ?? '', name: r.name, status: 'Synced',
    message: `${String(r.kind).toLowerCase()}${group ? `.${group}` : ''}/${r.name} ${verb}${dryRun ? ' (dry run)' : ''}`,
    syncPhase: 'Sync',
  };
}

function failureReason(app, r) {
  const what = r ? `${r.kind}${r.group ? `.${r.group}` : ''} "${r.name}"` : `Application.argoproj.io "${app.metadata.name}"`;
  return `${what} is invalid: spec: Invalid value: "emulated": rejected by the syncFail fault`;
}

/** Refuse like the server: an operation already running, or --revision against auto-sync. */
function precheck(app, opts) {
  if (operationRunning(app)) throw rpcError('FailedPrecondition', 'another operation is already in progress');
  const target = sourcesOf(app)[0]?.targetRevision || 'HEAD';
  if (!opts.dryRun && isAutomated(app) && opts.revision && opts.revision !== target) {
    throw rpcError('FailedPrecondition', `Cannot sync to ${opts.revision}: auto-sync currently set to ${target}`);
  }
}

function revisionsOf(state, app, opts) {
  const sources = sourcesOf(app);
  if (!isMultiSource(app)) {
    const revision = resolveRevision(state, app, sources[0], opts.revision);
    return { one: { revision }, source: { source: sources[0] ?? {} } };
  }
  const revisions = sources.map((s, i) => resolveRevision(state, app, s, opts.revisionsAt[i + 1]));
  return { one: { revisions }, source: { sources } };
}

/**
 * Start (and, without ARGOCD_EMULATOR_SYNC_MS / syncHang, finish) a sync of `app` in `state`.
 * Returns the Application to print for a dry run (state untouched), else null.
 */
export async function beginSync(state, app, opts) {
  if (!opts.automated) precheck(app, opts);
  const name = app.metadata.name;
  const now = Date.now();
  const duration = syncMs();
  const hang = hasFault(state, 'syncHang', name);
  const fail = hasFault(state, 'syncFail', name);
  const { one, source } = revisionsOf(state, app, opts);
  const selected = (r) => opts.selectResource(r);
  const operation = {
    sync: { ...one, ...(opts.prune ? { prune: true } : {}), ...(opts.dryRun ? { dryRun: true } : {}), syncStrategy: { hook: {} } },
    // The controller's own syncs say `automated: true` instead of a user.
    initiatedBy: opts.automated ? { automated: true } : { username: state.user ?? 'admin' },
    retry: {},
  };
  const status = structuredClone(app.status ?? {});
  const startedAt = isoSeconds(now);
  const finishedAt = isoSeconds(now + duration);

  let root = null;
  if (state.roots?.[name]) {
    // A selective root sync (--resource argoproj.io:Application:NAME) applies only those children from Git.
    const entries = compareRoot(state, name, await readGitApps(state, name));
    const asResource = (e) => ({ group: 'argoproj.io', kind: 'Application', name: e.name, namespace: e.namespace });
    const chosen = opts.filtered ? entries.filter((e) => selected(asResource(e))) : entries;
    if (opts.dryRun || fail) root = { resources: rootResources(entries), results: [], pruneSkipped: 0 };
    else {
      root = applyRootSync(state, chosen, { prune: opts.prune });
      if (opts.filtered) root.resources = [...root.resources, ...rootResources(entries.filter((e) => !chosen.includes(e)))];
    }
  }
  const results = root && !opts.dryRun ? root.results : (status.resources ?? []).filter(selected).map((r) => resultFor(r, opts.dryRun));
  const opState = { operation, phase: 'Succeeded', message: SUCCESS, syncResult: { resources: results, ...one, ...source }, startedAt, finishedAt };

  if (opts.dryRun) return { ...app, status: { ...status, operationState: opState } };
  if (fail) {
    const first = (status.resources ?? []).find(selected);
    const reason = failureReason(app, first);
    if (results[0]) Object.assign(results[0], { status: 'SyncFailed', message: reason });
    Object.assign(opState, { phase: 'Failed', message: `one or more objects failed to apply, reason: ${reason}` });
    status.operationState = opState;
  } else {
    if (root) status.resources = root.resources;
    else for (const r of status.resources ?? []) if (selected(r)) r.status = 'Synced';
    const allSynced = (status.resources ?? []).every((r) => r.status === 'Synced');
    status.sync = { status: allSynced ? 'Synced' : 'OutOfSync', ...one, comparedTo: { ...source, destination: app.spec?.destination ?? {} } };
    status.history = [...(status.history ?? []), {
      ...one, ...source, deployedAt: finishedAt, deployStartedAt: startedAt,
      id: (status.history ?? []).reduce((max, h) => Math.max(max, h.id ?? 0), 0) + 1,
      initiatedBy: operation.initiatedBy,
    }].slice(-10);
    status.operationState = opState;
    status.reconciledAt = finishedAt;
    // A sync that succeeds clears the controller's "Failed last sync attempt" condition.
    if (status.conditions) status.conditions = status.conditions.filter((c) => c.type !== 'SyncError');
  }
  const target = hasFault(state, 'degraded', name) ? 'Degraded' : 'Healthy';
  const later = !fail && !hasFault(state, 'neverHealthy', name) && healthyAfterMs() > 0;
  if (!fail) {
    const holder = { status };
    setHealth(holder, later || hasFault(state, 'neverHealthy', name) ? 'Progressing' : target);
  }
  const healthEntry = later ? { healthAt: now + duration + healthyAfterMs(), health: target } : {};
  if (duration === 0 && !hang) {
    app.status = status;
    if (later) schedule(state, name, healthEntry);
  } else {
    app.status = { ...(app.status ?? {}), operationState: { operation, phase: 'Running', message: 'one or more tasks are running', startedAt } };
    schedule(state, name, { final: status, opDoneAt: hang ? null : now + duration, ...healthEntry });
  }
  return null;
}

// App-of-apps: compare a root's Git children with the live Applications, and apply a root sync
// (create missing children, update changed specs, prune or flag orphans).
import { findApp } from './state.mjs';
import { markOutOfSync, sameJson, sourcesOf } from './app-model.mjs';
import { isoSeconds } from './output.mjs';
import { unschedule } from './timeline.mjs';
import { readGitApps } from './git-apps.mjs';
import { autoRefreshOn } from './knobs.mjs';

export const TRACK_LABEL = 'app.kubernetes.io/instance';
export const TRACK_ANNOTATION = 'argocd.argoproj.io/tracking-id';

/** Is `app` managed by root `root` (v2 label or v3 annotation tracking)? */
export function trackedBy(app, root) {
  if (app.metadata?.labels?.[TRACK_LABEL] === root) return true;
  const id = app.metadata?.annotations?.[TRACK_ANNOTATION];
  return typeof id === 'string' && id.startsWith(`${root}:argoproj.io/Application:`);
}

/** The child as Argo CD would apply it: Git's metadata plus the root's tracking mark. */
function desiredChild(doc, root, method) {
  const name = doc.metadata.name;
  const namespace = doc.metadata.namespace ?? 'argocd';
  const labels = { ...(doc.metadata.labels ?? {}) };
  const annotations = { ...(doc.metadata.annotations ?? {}) };
  if (method.includes('label')) labels[TRACK_LABEL] = root;
  if (method.includes('annotation')) annotations[TRACK_ANNOTATION] = `${root}:argoproj.io/Application:${namespace}/${name}`;
  const metadata = { name, namespace };
  if (Object.keys(labels).length) metadata.labels = labels;
  if (Object.keys(annotations).length) metadata.annotations = annotations;
  if (doc.metadata.finalizers) metadata.finalizers = doc.metadata.finalizers;
  return { metadata, spec: doc.spec ?? {} };
}

function metadataDiffers(live, desired) {
  for (const field of ['labels', 'annotations']) {
    const want = desired.metadata[field] ?? {};
    const have = live.metadata?.[field] ?? {};
    if (Object.keys(want).some((k) => have[k] !== want[k])) return true;
  }
  return false;
}

/**
 * One entry per child: `action` create | update | same | orphan, with `desired` (from Git) and
 * `live`. `self` marks the root's own manifest when it sits in its own folder.
 */
export function compareRoot(state, rootName, gitDocs) {
  const method = state.trackingMethod ?? 'label';
  const entries = [];
  const inGit = new Set();
  for (const doc of gitDocs) {
    const desired = desiredChild(doc, rootName, method);
    const name = desired.metadata.name;
    inGit.add(name);
    const live = findApp(state, name);
    const specChanged = live ? !sameJson(live.spec, desired.spec) : true;
    let action = 'same';
    if (!live) action = 'create';
    else if (specChanged || metadataDiffers(live, desired)) action = 'update';
    entries.push({ name, namespace: desired.metadata.namespace, desired, live, action, specChanged, self: name === rootName });
  }
  for (const live of state.apps) {
    const name = live.metadata?.name;
    if (name === rootName || inGit.has(name) || !trackedBy(live, rootName)) continue;
    entries.push({ name, namespace: live.metadata?.namespace ?? 'argocd', live, action: 'orphan' });
  }
  return entries.sort((a, b) => a.name.localeCompare(b.name));
}

function resourceEntry(e, status, extra = {}) {
  return { group: 'argoproj.io', version: 'v1alpha1', kind: 'Application', namespace: e.namespace, name: e.name, status, ...extra };
}

/** The root's status.resources[] as a refresh would compute it (nothing applied). */
export function rootResources(entries) {
  return entries.map((e) => {
    if (e.action === 'orphan') return resourceEntry(e, 'OutOfSync', { requiresPruning: true });
    return resourceEntry(e, e.action === 'same' ? 'Synced' : 'OutOfSync');
  });
}

/** Recompute the root's sync status and resources from Git (a refresh); mutates the root. */
export function refreshRoot(root, entries) {
  root.status ??= {};
  root.status.resources = rootResources(entries);
  const outOfSync = root.status.resources.some((r) => r.status !== 'Synced');
  root.status.sync = { ...(root.status.sync ?? {}), status: outOfSync ? 'OutOfSync' : 'Synced' };
  root.status.reconciledAt = isoSeconds();
}

function newChildStatus(desired) {
  const dest = desired.spec.destination ?? {};
  const sources = sourcesOf(desired);
  const comparedTo = sources.length > 1 || desired.spec.sources ? { sources, destination: dest } : { source: sources[0] ?? {}, destination: dest };
  return {
    sync: { status: 'OutOfSync', comparedTo },
    health: { status: 'Missing' },
    // A plausible workload, so `app diff CHILD` and `app sync CHILD` have a resource to show.
    resources: [{ group: 'apps', version: 'v1', kind: 'Deployment', namespace: dest.namespace ?? '', name: desired.metadata.name, status: 'OutOfSync', health: { status: 'Missing' } }],
    reconciledAt: isoSeconds(),
  };
}

function result(e, status, message) {
  return { group: 'argoproj.io', version: 'v1alpha1', kind: 'Application', namespace: e.namespace, name: e.name, status, message, syncPhase: 'Sync' };
}

/**
 * Apply a root sync to `state`: returns { resources (the root's new status.resources),
 * results (syncResult.resources), pruneSkipped (orphans left because --prune was not given) }.
 */
export function applyRootSync(state, entries, { prune }) {
  const resources = [];
  const results = [];
  let pruneSkipped = 0;
  for (const e of entries) {
    if (e.action === 'orphan') {
      if (prune) {
        state.apps = state.apps.filter((a) => a !== e.live);
        unschedule(state, e.name);
        results.push({ ...result(e, 'Pruned', 'pruned') });
      } else {
        pruneSkipped++;
        results.push(result(e, 'PruneSkipped', 'ignored (requires pruning)'));
        resources.push(resourceEntry(e, 'OutOfSync', { requiresPruning: true }));
      }
      continue;
    }
    if (e.action === 'create') {
      state.apps.push({ ...e.desired, status: newChildStatus(e.desired) });
      results.push(result(e, 'Synced', `application.argoproj.io/${e.name} created`));
    } else if (e.action === 'update') {
      e.live.metadata = { ...e.live.metadata, ...e.desired.metadata,
        labels: { ...(e.live.metadata?.labels ?? {}), ...(e.desired.metadata.labels ?? {}) } };
      if (e.desired.metadata.annotations) {
        e.live.metadata.annotations = { ...(e.live.metadata.annotations ?? {}), ...e.desired.metadata.annotations };
      }
      e.live.spec = e.desired.spec;
      if (e.specChanged && !e.self) markOutOfSync(e.live);
      results.push(result(e, 'Synced', `application.argoproj.io/${e.name} configured`));
    } else {
      results.push(result(e, 'Synced', `application.argoproj.io/${e.name} unchanged`));
    }
    resources.push(resourceEntry(e, 'Synced'));
  }
  return { resources, results, pruneSkipped };
}

/** Compare root `name` with Git and refresh its status in memory. */
export async function refreshRootFromGit(state, name) {
  const root = findApp(state, name);
  if (!root) return;
  const entries = compareRoot(state, name, await readGitApps(state, name));
  refreshRoot(root, entries);
}

/** For reads: refresh the roots whose auto-refresh is on (as if Argo CD had polled Git). */
export async function autoRefreshRoots(state, onlyName) {
  for (const name of Object.keys(state.roots ?? {})) {
    if ((onlyName && name !== onlyName) || !autoRefreshOn(state, name)) continue;
    await refreshRootFromGit(state, name);
  }
}

// Small facts about Application objects shared by the commands.
import { createHash } from 'node:crypto';
import { localRepo, resolveCommit } from './git-source.mjs';

/**
 * The object the API returns: the stored one minus emulator-only fields (`headRevision` and
 * `autoSyncAt` on the app, `diff` on a resource). Apps without them are returned as they are
 * (fast for big lists).
 */
export function apiView(app) {
  const resources = app.status?.resources;
  const hasDiff = Array.isArray(resources) && resources.some((r) => r && 'diff' in r);
  if (!('headRevision' in app) && !('autoSyncAt' in app) && !hasDiff) return app;
  const { headRevision, autoSyncAt, ...rest } = app;
  if (!hasDiff) return rest;
  return {
    ...rest,
    status: { ...rest.status, resources: resources.map(({ diff, ...r }) => r) },
  };
}

/** Multi-source apps use spec.sources[] and have no spec.source. */
export function isMultiSource(app) {
  return !app.spec?.source && Array.isArray(app.spec?.sources) && app.spec.sources.length > 0;
}

/** The app's sources as a list (one element for a single-source app). */
export function sourcesOf(app) {
  if (isMultiSource(app)) return app.spec.sources;
  return app.spec?.source ? [app.spec.source] : [];
}

/** A deterministic fake commit sha for a ref name. */
export function fakeSha(ref) {
  return createHash('sha1').update(String(ref)).digest('hex');
}

const SHA = /^[0-9a-f]{40}$/;

/**
 * The commit a sync lands on. An explicit sha is itself; the source's own targetRevision resolves
 * to the app's `headRevision`; a ref of a local repository (git-source.mjs) to its real commit;
 * else the tracked ref to the state's top-level `revision`, else a fake sha of the ref.
 */
export function resolveRevision(state, app, source, requested) {
  const tracked = source?.targetRevision || 'HEAD';
  const ref = requested || tracked;
  if (SHA.test(ref)) return ref;
  if (ref === tracked && typeof app.headRevision === 'string' && app.headRevision) return app.headRevision;
  const repo = localRepo(state, source?.repoURL);
  const commit = repo ? resolveCommit(repo, ref) : null;
  if (commit) return commit;
  if (ref === tracked && typeof state.revision === 'string' && state.revision) return state.revision;
  return fakeSha(ref);
}

/** Is Argo CD's automated sync on for this app (`automated` set and not `enabled: false`)? */
export function isAutomated(app) {
  const automated = app.spec?.syncPolicy?.automated;
  return automated !== null && typeof automated === 'object' && automated.enabled !== false;
}

/** After a spec change: the app and each of its resources are OutOfSync. */
export function markOutOfSync(app) {
  app.status ??= {};
  app.status.sync = { ...(app.status.sync ?? {}), status: 'OutOfSync' };
  for (const r of app.status.resources ?? []) r.status = 'OutOfSync';
}

/** `Manual`, `Auto` or `Auto-Prune`, as the list table and summary show it. */
export function syncPolicyText(app) {
  if (!isAutomated(app)) return 'Manual';
  return app.spec.syncPolicy.automated.prune ? 'Auto-Prune' : 'Auto';
}

/** `ns/name` as the CLI prints names. */
export function qualifiedName(app) {
  const ns = app.metadata?.namespace;
  return ns ? `${ns}/${app.metadata?.name}` : app.metadata?.name;
}

/** JSON with keys sorted at every level: for comparing specs and printing manifests. */
export function sortKeys(value) {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.keys(value).sort().map((k) => [k, sortKeys(value[k])]));
  }
  return value;
}

export function sameJson(a, b) {
  return JSON.stringify(sortKeys(a ?? null)) === JSON.stringify(sortKeys(b ?? null));
}

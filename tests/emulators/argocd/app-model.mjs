// Small facts about Application objects shared by the commands.
import { createHash } from 'node:crypto';

/**
 * The object the API returns: the stored one minus emulator-only fields (`headRevision` on the
 * app, `diff` on a resource). Apps without them are returned as they are (fast for big lists).
 */
export function apiView(app) {
  const resources = app.status?.resources;
  const hasDiff = Array.isArray(resources) && resources.some((r) => r && 'diff' in r);
  if (!('headRevision' in app) && !hasDiff) return app;
  const { headRevision, ...rest } = app;
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
 * to the app's `headRevision`, else the state's top-level `revision`, else a fake sha of the ref.
 */
export function resolveRevision(state, app, source, requested) {
  const tracked = source?.targetRevision || 'HEAD';
  const ref = requested || tracked;
  if (SHA.test(ref)) return ref;
  if (ref === tracked) {
    if (typeof app.headRevision === 'string' && app.headRevision) return app.headRevision;
    if (typeof state.revision === 'string' && state.revision) return state.revision;
  }
  return fakeSha(ref);
}

/** After a spec change: the app and each of its resources are OutOfSync. */
export function markOutOfSync(app) {
  app.status ??= {};
  app.status.sync = { ...(app.status.sync ?? {}), status: 'OutOfSync' };
  for (const r of app.status.resources ?? []) r.status = 'OutOfSync';
}

/** `Manual`, `Auto` or `Auto-Prune`, as the list table and summary show it. */
export function syncPolicyText(app) {
  const auto = app.spec?.syncPolicy?.automated;
  if (!auto) return 'Manual';
  return auto.prune ? 'Auto-Prune' : 'Auto';
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

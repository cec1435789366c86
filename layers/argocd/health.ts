/** Warnings about a live app's state that no sync by blumeops decides on its own: health, operations, Unknown. */
import type { LiveApp } from './schema.js';

const BAD_HEALTH = new Set(['Degraded', 'Missing']);

export function isOutOfSync(app: LiveApp): boolean {
  return app.status.sync?.status === 'OutOfSync';
}

/**
 * OutOfSync, and a sync could change something: with pruning off, an app whose only out-of-sync
 * resources are ones that require pruning stays as it is after a sync, so it is not a change.
 */
export function needsSync(app: LiveApp, prune: boolean): boolean {
  if (!isOutOfSync(app)) return false;
  const drifted = (app.status.resources ?? []).filter((resource) => resource.status === 'OutOfSync');
  return prune || drifted.length === 0 || drifted.some((resource) => !resource.requiresPruning);
}

/** `cv: 2 resources require pruning; kept …` (the root's child Applications are reported as deletes instead). */
export function pruningWarning(app: LiveApp, prune: boolean, isRoot: boolean): string | undefined {
  if (prune) return undefined;
  const orphans = (app.status.resources ?? []).filter((r) => r.requiresPruning && !(isRoot && r.kind === 'Application'));
  if (orphans.length === 0) return undefined;
  const names = orphans.slice(0, 5).map((r) => `${r.kind}/${r.name}`).join(', ');
  const more = orphans.length > 5 ? ', …' : '';
  return `${app.metadata.name}: ${orphans.length} resource${orphans.length > 1 ? 's' : ''} require${orphans.length > 1 ? '' : 's'} pruning (${names}${more}); kept because pruning is off`;
}

/** With `automated`, a failed operation and an Unknown sync status are left to the app's auto-sync unit. */
export function statusWarnings(app: LiveApp, options: { automated?: boolean } = {}): string[] {
  const name = app.metadata.name;
  const warnings: string[] = [];
  const health = app.status.health;
  if (health?.status && BAD_HEALTH.has(health.status)) {
    warnings.push(`${name} is ${health.status}${health.message ? `: ${health.message}` : ''}`);
  }
  const operation = app.status.operationState;
  if (operation?.phase === 'Running' || operation?.phase === 'Terminating') {
    const since = operation.startedAt ? ` (started ${operation.startedAt})` : '';
    warnings.push(`${name}: a sync operation is ${operation.phase.toLowerCase()}${since}`);
  } else if ((operation?.phase === 'Failed' || operation?.phase === 'Error') && !options.automated) {
    warnings.push(`${name}: the last sync ${operation.phase === 'Error' ? 'errored' : 'failed'}${operation.message ? `: ${operation.message}` : ''}`);
  }
  if (app.status.sync?.status === 'Unknown' && !options.automated) {
    const condition = app.status.conditions?.find((c) => c.message)?.message;
    warnings.push(`${name}: sync status is Unknown (ArgoCD could not compare it${condition ? `: ${condition}` : ''})`);
  }
  return warnings;
}

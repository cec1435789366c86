/** Warnings about a live app's state that no sync by blumeops decides on its own: health, operations, Unknown. */
import type { LiveApp } from './schema.js';

const BAD_HEALTH = new Set(['Degraded', 'Missing']);

export function isOutOfSync(app: LiveApp): boolean {
  return app.status.sync?.status === 'OutOfSync';
}

export function statusWarnings(app: LiveApp): string[] {
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
  } else if (operation?.phase === 'Failed' || operation?.phase === 'Error') {
    warnings.push(`${name}: the last sync ${operation.phase === 'Error' ? 'errored' : 'failed'}${operation.message ? `: ${operation.message}` : ''}`);
  }
  if (app.status.sync?.status === 'Unknown') {
    const condition = app.status.conditions?.find((c) => c.message)?.message;
    warnings.push(`${name}: sync status is Unknown (ArgoCD could not compare it${condition ? `: ${condition}` : ''})`);
  }
  return warnings;
}

/**
 * `blumeops context` for an argocd layer: the apps folder, the root, and the apps per destination
 * cluster — read from Git only (no argocd call), so it works offline.
 */
import type { LayerContext, LayerDescription } from '../../src/reconciler.js';
import { readApps } from './apps.js';
import type { ArgocdConfig } from './schema.js';
import { clusterOf } from './spec.js';
import { syncModeLabel } from './sync-mode.js';

export async function describeArgocd(ctx: LayerContext<ArgocdConfig>): Promise<LayerDescription> {
  const { apps, warnings } = readApps(ctx.dir, ctx.config.apps);
  const perCluster = new Map<string, number>();
  for (const app of apps) perCluster.set(clusterOf(app.spec) || '(no destination)', (perCluster.get(clusterOf(app.spec) || '(no destination)') ?? 0) + 1);
  const facts = [...perCluster].map(([cluster, count]) => `${count} app${count === 1 ? '' : 's'} on ${cluster}`);
  if (ctx.config.prune) facts.push('prune: on (apps that leave Git are deleted)');
  const automated = apps.filter((app) => app.spec.sync?.automated);
  if (automated.length > 0) {
    const list = automated.map((app) => `${app.name} (${syncModeLabel(app.spec.sync)})`).join(', ');
    facts.push(`sync themselves (ArgoCD auto-sync, per Git; blumeops reports them and never syncs them on top of ArgoCD, unless --force-sync): ${list}`);
  }
  facts.push(...warnings);
  return {
    summary: `${apps.length} ArgoCD Applications in ${ctx.config.apps}${ctx.config.root ? `, app-of-apps root ${ctx.config.root}` : ' (no root)'}`,
    facts,
    detail: apps.map((app) => {
      const source = app.spec.sources[0];
      const where = source?.path ?? (source?.chart ? `chart ${source.chart}` : source?.repoURL ?? '');
      const mode = app.spec.sync?.automated ? ` [${syncModeLabel(app.spec.sync)}]` : '';
      return `${app.name}: ${where}@${source?.targetRevision ?? 'HEAD'} → ${clusterOf(app.spec)}/${app.spec.destination.namespace ?? ''}${mode}`;
    }),
  };
}

/**
 * Manual children of a root that syncs itself. ArgoCD's auto-sync of the root applies their new
 * Application spec, which leaves them OutOfSync, and ArgoCD never syncs a manual app: blumeops does,
 * but only after the root's own sync (a sync of the root on top of ArgoCD's would race it, and a
 * child synced before would deploy the spec it is about to lose). So: wait for ArgoCD to sync the
 * root (await-argocd.ts), list the apps again, and hand back the children that are out of sync.
 * When the root's auto-sync fails or times out, the children fail with its reason.
 */
import type { LayerContext } from '../../src/reconciler.js';
import { listArgs } from './args.js';
import { awaitArgocd, type AwaitSettings } from './await-argocd.js';
import { needsSync } from './health.js';
import { parseAppList } from './parse.js';
import type { ArgocdConfig } from './schema.js';
import type { AppOutcome } from './sync-app.js';

export interface AfterRoot {
  /** The root's outcome, and the children that are already done with (failed, or never created). */
  outcomes: AppOutcome[];
  /** Children out of sync now that the root applied their spec: blumeops syncs each once. */
  toSync: string[];
  /** Children in sync once the root applied their spec (e.g. only the sync policy changed). */
  inSync: string[];
}

export async function awaitRootAutoSync(
  ctx: LayerContext<ArgocdConfig>,
  root: string,
  children: readonly string[],
  settings: AwaitSettings & { prune: boolean },
): Promise<AfterRoot> {
  // Synced is enough: the root's health may wait on these very children, which blumeops syncs next.
  const rootOutcome = await awaitArgocd(ctx, root, { ...settings, wait: false });
  if (!rootOutcome.ok) {
    const why = `not synced: ${root}'s auto-sync, which applies its new spec, did not finish (${rootOutcome.message ?? 'failed'})`;
    return { outcomes: [rootOutcome, ...children.map((name) => ({ name, ok: false, message: why }))], toSync: [], inSync: [] };
  }
  ctx.emit({ type: 'progress', message: 'argocd app list' });
  const live = new Map(parseAppList((await ctx.run('argocd', listArgs(ctx.config))).stdout).map((app) => [app.metadata.name, app]));
  const result: AfterRoot = { outcomes: [rootOutcome], toSync: [], inSync: [] };
  for (const name of children) {
    const app = live.get(name);
    if (!app) result.outcomes.push({ name, ok: false, message: `${root}'s auto-sync did not create it: is its manifest in ${root}'s path, and pushed?` });
    else if (needsSync(app, settings.prune)) result.toSync.push(name);
    else result.inSync.push(name);
  }
  return result;
}

/**
 * apply: (1) refuse unpushed commits; (2) sync the root when apps are created, changed or pruned
 * (exit 1 "N resources require pruning" without --prune is expected: warnings, go on); (3) list
 * the apps again, since the children the root just created or changed are out of sync now; (4)
 * sync each out-of-sync app, `concurrency` at a time, each its own call, then wait for it. An app
 * ArgoCD syncs by itself (live `syncPolicy.automated`) is never synced on top of ArgoCD: apply
 * waits for ArgoCD's own sync (await-argocd.ts) of those the root touched or that were converging,
 * unless --force-sync. When a root that syncs itself is converging and changes manual children,
 * apply waits for its auto-sync instead of (2), then syncs those children (after-root.ts). Branch
 * testing (--revision) replaces (2)–(3) with `argocd app set`.
 */
import { BlumeopsError, InterruptedError, PartialApplyError, ToolError } from '../../src/errors.js';
import type { ApplyResult, Change, LayerContext, Plan } from '../../src/reconciler.js';
import { listArgs, setRevisionArgs, timeoutSeconds } from './args.js';
import { awaitRootAutoSync } from './after-root.js';
import { awaitArgocd, type AwaitSettings } from './await-argocd.js';
import { needsSync } from './health.js';
import { rootView } from './managed.js';
import { errorMessage, parseAppList } from './parse.js';
import type { ArgocdPlanData } from './plan.js';
import { mapSettled as mapLimit, type Settled } from '../../src/limit.js';
import { unpushedMessage } from './push.js';
import type { ArgocdConfig, LiveApp } from './schema.js';
import { liveSpec } from './spec.js';
import { outcomeNote, syncApp, type AppOutcome, type SyncSettings } from './sync-app.js';

type Ctx = LayerContext<ArgocdConfig>;
const ROOT_ACTIONS = new Set(['create', 'update', 'delete']);

export async function apply(ctx: Ctx, plan: Plan): Promise<ApplyResult> {
  const data = (plan.data ?? { prune: ctx.config.prune, unpushed: 0 }) as ArgocdPlanData;
  if (data.unpushed > 0 && ctx.options.allowUnpushed !== true) {
    throw new BlumeopsError(data.unpushedWarning ?? unpushedMessage(data.unpushed), { hint: 'git push, or pass --allow-unpushed' });
  }
  const settings: Settings = {
    prune: data.prune,
    timeout: timeoutSeconds(ctx.config),
    wait: ctx.config.wait,
    // ArgoCD reports times to the second: an operation that started before the plan looked is old news.
    since: Math.floor(Math.min(data.plannedAt ?? Date.now(), Date.now()) / 1000) * 1000 - 1000,
  };
  const result: ApplyResult = { changes: [], warnings: [], notes: [] };
  const outcomes = data.revision !== undefined ? await testBranch(ctx, data, settings, result) : await reconcile(ctx, plan, data, settings, result);
  const failed = outcomes.filter((outcome) => !outcome.ok);
  const synced = outcomes.filter((outcome) => outcome.ok).map((outcome) => outcome.name);
  result.notes!.push(...outcomes.map(outcomeNote));
  for (const outcome of outcomes) if (outcome.pruningRequired) result.warnings.push(`${outcome.name}: ${pruningCount(outcome.pruningRequired)}; kept (pruning is off)`);
  const byTarget = new Map(plan.changes.map((change) => [change.target, change]));
  for (const outcome of outcomes.filter((candidate) => candidate.ok)) {
    const planned = byTarget.get(outcome.name);
    // What ArgoCD synced by itself is not a change blumeops made; the root's update before it was.
    if (outcome.by === 'argocd' && !(planned && ROOT_ACTIONS.has(planned.action))) continue;
    result.changes.push(planned ?? { action: 'sync', target: outcome.name, summary: `${outcome.name}: synced` });
  }
  if (failed.length > 0) {
    const list = failed.map((outcome) => `  ${outcome.name}: ${outcome.message ?? 'failed'}`).join('\n');
    const ok = synced.length > 0 ? `\nsynced: ${synced.join(', ')}` : '';
    throw new PartialApplyError(`${failed.length} of ${outcomes.length} apps failed to sync:\n${list}${ok}`, {
      hint: `argocd app get ${failed[0].name} shows the details`,
      applied: result,
    });
  }
  return result;
}

type Settings = SyncSettings & AwaitSettings;

async function reconcile(ctx: Ctx, plan: Plan, data: ArgocdPlanData, settings: Settings, result: ApplyResult): Promise<AppOutcome[]> {
  const root = data.root;
  const afterRoot = data.syncAfterRoot ?? [];
  const rootChanges = plan.changes.filter((change) => ROOT_ACTIONS.has(change.action) && !afterRoot.includes(change.target));
  const rootPlanned = plan.changes.find((change) => change.target === root);
  const planned = plan.changes.filter((change) => change.action === 'sync' && change.target !== root).map((change) => change.target);
  const converging = data.converging ?? [];
  if (root && afterRoot.length > 0) {
    // The root converges by itself: wait for it, then sync the manual children it changed.
    const after = await awaitRootAutoSync(ctx, root, afterRoot, settings);
    const byTarget = new Map(plan.changes.map((change) => [change.target, change]));
    for (const name of after.inSync) {
      const change = byTarget.get(name);
      if (change) result.changes.push(change);
      result.notes!.push(`${name}: in sync once ${root}'s auto-sync applied it; nothing to sync`);
    }
    const toSync = [...new Set([...planned, ...after.toSync])];
    return [...after.outcomes, ...(await settle(ctx, toSync, converging.filter((name) => name !== root), settings))];
  }
  if (!root || (rootChanges.length === 0 && !rootPlanned)) {
    if (rootChanges.length > 0) result.warnings.push(`no root is configured: ${rootChanges.map((c) => c.target).join(', ')} cannot be applied by blumeops`);
    return settle(ctx, planned, converging, settings);
  }
  if (data.rootMissing) {
    throw new BlumeopsError(`the root app ${root} is not in ArgoCD, so it cannot create or change ${rootChanges.map((change) => change.target).join(', ')}`, {
      hint: `create it once by hand (kubectl apply -n argocd -f <its manifest>), then run blumeops sync ${ctx.name} again`,
    });
  }
  await syncRoot(ctx, root, rootChanges, Boolean(rootPlanned), settings, result);
  ctx.emit({ type: 'progress', message: 'argocd app list' });
  const live = parseAppList((await ctx.run('argocd', listArgs(ctx.config))).stdout);
  const liveNames = new Set(live.map((app) => app.metadata.name));
  const view = rootView(root, live);
  const gone = new Set([...view.orphans, ...plan.changes.filter((c) => c.action === 'delete').map((c) => c.target)]);
  const changed = rootChanges.filter((change) => change.action !== 'delete').map((change) => change.target);
  const missing = changed.filter((name) => !liveNames.has(name));
  const drifted = live
    .filter((app) => needsSync(app, data.prune) && view.managed.has(app.metadata.name) && !gone.has(app.metadata.name))
    .map((app) => app.metadata.name)
    .filter((name) => ctx.targets.length === 0 || ctx.targets.includes(name));
  // ArgoCD syncs an automated app the root touched by itself; one it was not touching is its business.
  const byName = new Map(live.map((app) => [app.metadata.name, app]));
  const touched = new Set(changed);
  const selfSyncing = (name: string) => !data.forceSync && !planned.includes(name) && isAutomated(byName.get(name));
  const names = [...new Set([...changed.filter((name) => liveNames.has(name)), ...planned, ...drifted])].filter((name) => name !== root);
  const toSync = names.filter((name) => !selfSyncing(name));
  const toAwait = [...names.filter((name) => selfSyncing(name) && touched.has(name)), ...converging].filter((name) => name !== root && liveNames.has(name));
  const missed: AppOutcome[] = missing.map((name) => ({ name, ok: false, message: `syncing ${root} did not create it: ${data.unpushed > 0 ? `ArgoCD reads the remote, which lacks ${data.unpushed} local commit(s) (git push)` : `is its manifest in ${root}'s path?`}` }));
  if (rootPlanned) result.changes.push(rootPlanned);
  for (const pruned of rootChanges.filter((change) => change.action === 'delete')) {
    result.changes.push(pruned);
    result.notes!.push(`${pruned.target}: ${liveNames.has(pruned.target) ? 'deletion requested (pruned by' : 'deleted (pruned by'} ${root})`);
  }
  return [...missed, ...(await settle(ctx, toSync, toAwait, settings))];
}

function isAutomated(app: LiveApp | undefined): boolean {
  return app !== undefined && Boolean(liveSpec(app).sync?.automated);
}

/** The root first: children are created and changed by it. A failed root sync stops the apply. */
async function syncRoot(ctx: Ctx, root: string, changes: Change[], whole: boolean, settings: Settings, result: ApplyResult): Promise<void> {
  const selective = ctx.targets.length > 0 && !whole && !ctx.targets.includes(root);
  const resources = selective ? changes.map((change) => `argoproj.io:Application:${change.target}`) : undefined;
  const outcome = await syncApp(ctx, root, { ...settings, wait: false, resources });
  if (!outcome.ok) {
    throw new ToolError({ tool: 'argocd', message: `syncing the root app ${root} failed: ${outcome.message}`, exitCode: 1, tail: outcome.message ?? '', hint: `argocd app get ${root} shows the details` });
  }
  result.notes!.push(outcomeNote(outcome));
  if (outcome.pruningRequired) result.warnings.push(`${root}: ${pruningCount(outcome.pruningRequired)}; kept because pruning is off (pass --prune or set prune: true)`);
}

/** Branch testing: point each named app at the revision, then sync it (or let ArgoCD auto-sync it). */
async function testBranch(ctx: Ctx, data: ArgocdPlanData, settings: Settings, result: ApplyResult): Promise<AppOutcome[]> {
  const revision = data.revision!;
  return collect(await mapLimit(data.revisionTargets ?? [], ctx.config.concurrency, async (target): Promise<AppOutcome> => {
    ctx.emit({ type: 'progress', message: `argocd app set ${target.name} --revision ${revision}` });
    const set = await ctx.run('argocd', setRevisionArgs(ctx.config, target.name, revision, target.sourcePosition), { okExitCodes: [1, 20] });
    if (set.exitCode !== 0) return { name: target.name, ok: false, message: `argocd app set --revision ${revision}: ${errorMessage(set.stderr)}` };
    result.notes!.push(`${target.name}: pointed at ${revision} (was ${target.previous}): argocd app set ${target.name} --revision ${revision}`);
    return target.automated && !data.forceSync ? awaitArgocd(ctx, target.name, settings) : syncApp(ctx, target.name, settings);
  }, ctx.signal), data.revisionTargets?.map((target) => target.name) ?? [], ctx.signal);
}

/** Syncs `toSync` and waits for ArgoCD's own sync of `toAwait`, `concurrency` at a time. */
async function settle(ctx: Ctx, toSync: string[], toAwait: string[], settings: Settings): Promise<AppOutcome[]> {
  const awaited = toAwait.filter((name) => !toSync.includes(name));
  const tasks = [...toSync.map((name) => ({ name, run: () => syncApp(ctx, name, settings) })), ...awaited.map((name) => ({ name, run: () => awaitArgocd(ctx, name, settings) }))];
  return collect(await mapLimit(tasks, ctx.config.concurrency, (task) => task.run(), ctx.signal), tasks.map((task) => task.name), ctx.signal);
}

/** Settled tasks → outcomes; an interruption wins over everything else. */
function collect(settled: Settled<AppOutcome>[], names: string[], signal: AbortSignal): AppOutcome[] {
  for (const entry of settled) if (!entry.ok && entry.error instanceof InterruptedError) throw entry.error;
  if (signal.aborted) throw new InterruptedError();
  return settled.map((entry, index) =>
    entry.ok ? entry.value : { name: names[index], ok: false, message: entry.error instanceof Error ? entry.error.message : String(entry.error) },
  );
}

function pruningCount(count: number): string {
  return count === 1 ? '1 resource requires pruning' : `${count} resources require pruning`;
}

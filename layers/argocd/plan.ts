/**
 * plan: Applications in Git vs ONE `argocd app list -o json`, plus the push state; per-resource
 * diffs (`argocd app diff`) only with -v or for the apps the operator named. Read-only.
 */
import { parseDuration } from '../../src/duration.js';
import type { Change, LayerContext, Plan } from '../../src/reconciler.js';
import { readApps } from './apps.js';
import { diffArgs } from './args.js';
import { targetRevisions } from './auto-sync.js';
import { listApps } from './connection.js';
import { compare } from './compare.js';
import { isOutOfSync } from './health.js';
import { errorMessage, parseAppList } from './parse.js';
import { mapSettled as mapLimit } from '../../src/limit.js';
import { commitTimes, pushState, remoteBranchKnown, repoPaths, unpushedMessage } from './push.js';
import { revisionPlan, type RevisionTarget } from './revision.js';
import type { ArgocdConfig, LiveApp } from './schema.js';
import { liveSpec } from './spec.js';

/** What apply needs from the plan (Plan.data). */
export interface ArgocdPlanData {
  root?: string;
  prune: boolean;
  /** Local commits the remote lacks, and the message that says so. */
  unpushed: number;
  unpushedWarning?: string;
  /** The root is configured but not in ArgoCD: it cannot create or change anything yet. */
  rootMissing?: boolean;
  /** Branch testing (--revision): the revision and the apps to point at it. */
  revision?: string;
  revisionTargets?: RevisionTarget[];
  /** --force-sync: sync apps that ArgoCD syncs by itself instead of waiting for ArgoCD. */
  forceSync?: boolean;
  /** Apps ArgoCD is converging by itself: apply waits for them (refresh, then ArgoCD's own sync). */
  converging?: string[];
  /** Manual children of a root that syncs itself: apply waits for the root's auto-sync, then syncs them. */
  syncAfterRoot?: string[];
  /** When the plan looked (epoch ms): an auto-sync that failed after this is news for apply. */
  plannedAt?: number;
}

export async function plan(ctx: Ctx): Promise<Plan> {
  const { config } = ctx;
  const revision = optionString(ctx.options.revision);
  const prune = config.prune || ctx.options.prune === true;
  ctx.emit({ type: 'progress', message: `reading ${config.apps}` });
  const git = readApps(ctx.dir, config.apps);
  ctx.emit({ type: 'progress', message: 'argocd app list' });
  const [listed, push] = await Promise.all([
    listApps(ctx),
    pushState({ run: ctx.run, repoRoot: ctx.repoRoot, commit: ctx.commit, apps: git.apps }),
  ]);
  const live = parseAppList(listed.stdout, listed.logPath);
  const forceSync = ctx.options.forceSync === true;
  const auto = {
    now: Date.now(),
    graceMs: parseDuration(config.autoSyncGrace),
    graceText: config.autoSyncGrace,
    prune,
    commitTimes: await commitTimes(ctx.run, ctx.repoRoot, live.filter((app) => liveSpec(app).sync?.automated).flatMap(targetRevisions)),
  };
  const comparison = compare(git.apps, live, { root: config.root, targets: ctx.targets, prune, forceSync, auto, pathsOf: (app) => repoPaths(app, push.remoteUrl) });
  const liveNames = new Set(live.map((app) => app.metadata.name));
  const converging = comparison.autoSync.filter((unit) => unit.state === 'converging' && liveNames.has(unit.target)).map((unit) => unit.target);
  const data: ArgocdPlanData = { root: config.root, prune, unpushed: 0, forceSync, converging, syncAfterRoot: comparison.syncAfterRoot, plannedAt: auto.now };
  const warnings = [...git.warnings, ...comparison.warnings];
  if (config.root && !live.some((app) => app.metadata.name === config.root)) {
    data.rootMissing = true;
    warnings.push(`the root app ${config.root} is not in ArgoCD: create it once by hand (kubectl apply -n argocd -f <its manifest>)`);
  }
  let changes = comparison.changes;
  if (revision === undefined) {
    // Git's branch must hold the commit; with --revision the branch under test matters instead.
    warnings.unshift(...push.warnings);
    data.unpushed = push.unpushed;
    if (push.unpushed > 0) data.unpushedWarning = unpushedMessage(push.unpushed);
  } else {
    const branch = revisionPlan(ctx.targets, live, revision, { remoteUrl: push.remoteUrl, root: config.root, forceSync });
    changes = branch.changes;
    Object.assign(data, { revision, revisionTargets: branch.targets });
    // Only when the apps follow a remote of this repo can a local remote-tracking branch tell.
    if (push.remote && !(await remoteBranchKnown(ctx.run, ctx.repoRoot, push.remote, revision))) {
      warnings.push(`${push.remote}/${revision} is not known locally; ArgoCD can only sync a revision that is pushed`);
    }
  }
  await attachDiffs(ctx, changes, live, warnings, revision);
  if (ctx.extraArgs.length > 0) ctx.emit({ type: 'info', message: `arguments after -- are for argocd app sync, not for the plan's app list and diff: ${ctx.extraArgs.join(' ')}` });
  return { changes, warnings, autoSync: comparison.autoSync, data };
}

type Ctx = LayerContext<ArgocdConfig>;

/**
 * `argocd app diff` for out-of-sync apps when the operator asked (-v, or named the app); with
 * --revision, against the manifests at that revision. A failed diff is a warning, not a failed plan.
 */
async function attachDiffs(ctx: Ctx, changes: Change[], live: LiveApp[], warnings: string[], revision?: string): Promise<void> {
  const byName = new Map(live.map((app) => [app.metadata.name, app]));
  const wanted = changes.filter((change) => {
    const app = byName.get(change.target);
    if (app === undefined || !(ctx.verbose || ctx.targets.includes(change.target))) return false;
    return revision !== undefined || isOutOfSync(app);
  });
  const results = await mapLimit(wanted, ctx.config.concurrency, async (change) => {
    ctx.emit({ type: 'progress', message: `argocd app diff ${change.target}` });
    const result = await ctx.run('argocd', diffArgs(ctx.config, change.target, revision), { okExitCodes: [1, 3, 20] });
    if (result.exitCode === 3) change.diff = result.stdout.replace(/^\n+/, '').trimEnd();
    else if (result.exitCode !== 0) warnings.push(`could not diff ${change.target}: ${errorMessage(result.stderr) || `argocd exited ${result.exitCode}`}`);
  }, ctx.signal);
  for (const result of results) if (!result.ok) throw result.error;
}

function optionString(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

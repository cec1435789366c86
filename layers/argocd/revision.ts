/**
 * Branch testing: `blumeops sync argocd cv --revision my-branch` points the named apps at a Git
 * revision (`argocd app set NAME --revision REV`) and syncs them, without syncing the root (which
 * would put Git's targetRevision back). Until the app is back on Git's revision, plan warns that
 * it is pinned. Pure: which apps, which source, and the changes to show.
 */
import { BlumeopsError } from '../../src/errors.js';
import type { Change } from '../../src/reconciler.js';
import { normalizeRepoUrl } from './push.js';
import type { LiveApp } from './schema.js';
import { clusterOf, liveSpec } from './spec.js';

export interface RevisionOptions {
  /** The normalized URL of the infra repo's remote (picks the source of a multi-source app). */
  remoteUrl?: string;
  /** The app-of-apps: if it syncs itself with selfHeal, it would undo the pin at once. */
  root?: string;
  /** Sync the app after pointing it, even when ArgoCD would auto-sync it. */
  forceSync?: boolean;
}

export interface RevisionTarget {
  name: string;
  /** 1-based `--source-position` for a multi-source app. */
  sourcePosition?: number;
  /** The revision the app tracked before. */
  previous: string;
  /** ArgoCD syncs it by itself: after `app set`, apply waits for ArgoCD instead of syncing. */
  automated: boolean;
}

export function revisionPlan(
  targets: readonly string[],
  live: readonly LiveApp[],
  revision: string,
  options: RevisionOptions = {},
): { changes: Change[]; targets: RevisionTarget[] } {
  const { remoteUrl, root } = options;
  if (targets.length === 0) {
    throw new BlumeopsError('--revision needs the app(s) to point at the revision', {
      hint: 'name them: blumeops sync argocd cv --revision my-branch',
    });
  }
  const byName = new Map(live.map((app) => [app.metadata.name, app]));
  const rootApp = root ? byName.get(root) : undefined;
  const rootSync = rootApp ? liveSpec(rootApp).sync : undefined;
  if (rootSync?.automated && rootSync.selfHeal && targets.some((name) => name !== root)) {
    throw new BlumeopsError(`cannot pin ${targets.join(', ')} to ${revision}: the root app ${root} syncs itself with selfHeal, so ArgoCD would put Git's targetRevision back at once`, {
      hint: `turn selfHeal off on ${root} in Git while testing the branch (or merge the branch and let ArgoCD sync it)`,
    });
  }
  const changes: Change[] = [];
  const result: RevisionTarget[] = [];
  for (const name of targets) {
    const app = byName.get(name);
    if (!app) {
      throw new BlumeopsError(`${name} is not in ArgoCD yet; --revision points an existing app at a branch`, {
        hint: `create it first: commit its manifest, push, and run blumeops sync argocd ${name}`,
      });
    }
    const spec = liveSpec(app);
    const position = spec.multiSource ? sourcePosition(name, app, remoteUrl) : undefined;
    const previous = spec.sources[(position ?? 1) - 1]?.targetRevision ?? 'HEAD';
    const automated = Boolean(spec.sync?.automated);
    result.push({ name, sourcePosition: position, previous, automated });
    const source = position === undefined ? '' : ` (source ${position})`;
    const then = automated && !options.forceSync ? 'ArgoCD then auto-syncs it' : 'then sync';
    changes.push({
      action: 'update',
      target: name,
      group: clusterOf(spec),
      summary: `${name}: set targetRevision${source} to ${revision} (was ${previous}), ${then}`,
    });
  }
  return { changes, targets: result };
}

/** The Git source to re-point: the only Git (non-chart) source, or the only one from the infra repo. */
function sourcePosition(name: string, app: LiveApp, remoteUrl?: string): number {
  const sources = liveSpec(app).sources.map((source, index) => ({ source, position: index + 1 }));
  const git = sources.filter(({ source }) => !source.chart);
  const infra = git.filter(({ source }) => remoteUrl !== undefined && normalizeRepoUrl(source.repoURL) === remoteUrl);
  const pick = git.length === 1 ? git : infra;
  if (pick.length === 1) return pick[0].position;
  throw new BlumeopsError(`${name} has ${sources.length} sources; cannot tell which one to point at the revision`, {
    hint: `run argocd app set ${name} --revision REV --source-position N yourself`,
  });
}

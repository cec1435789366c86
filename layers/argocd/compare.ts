/**
 * The plan as a pure comparison of the Applications in Git with ArgoCD's app list. Linear in the
 * number of apps (Maps by name). One change per app: the strongest action (create > delete >
 * update > sync); an update of an app that is also out of sync says so in its summary. With
 * pruning off, orphans and apps out of sync only by resources that require pruning are warnings:
 * they are kept on purpose, so they are not changes.
 */
import { BlumeopsError } from '../../src/errors.js';
import type { Change } from '../../src/reconciler.js';
import { didYouMean } from '../../src/suggest.js';
import { needsSync, pruningWarning, statusWarnings } from './health.js';
import { rootView } from './managed.js';
import type { LiveApp } from './schema.js';
import { clusterOf, diffSpec, liveSpec, type DesiredApp } from './spec.js';

export interface CompareOptions {
  /** The app-of-apps; it creates, changes and prunes the others. */
  root?: string;
  /** App names the operator gave; empty means all. */
  targets: readonly string[];
  prune: boolean;
}

export interface Comparison {
  changes: Change[];
  warnings: string[];
}

export function compare(git: readonly DesiredApp[], live: readonly LiveApp[], options: CompareOptions): Comparison {
  const { root, prune } = options;
  const liveByName = new Map(live.map((app) => [app.metadata.name, app]));
  const gitNames = new Set(git.map((app) => app.name));
  const inScope = scope(options.targets, gitNames, liveByName, root);
  const { managed } = rootView(root, live);
  const changes: Change[] = [];
  const warnings: string[] = [];
  const via = root ? `by syncing ${root}` : 'no root is configured to apply it';

  for (const want of git) {
    if (!inScope(want.name)) continue;
    const have = liveByName.get(want.name);
    const group = clusterOf(want.spec);
    if (!have) {
      // The root cannot create itself: plan.ts says how to bootstrap it.
      if (want.name === root) continue;
      changes.push({ action: 'create', target: want.name, group, summary: `${want.name}: new app (created ${via})` });
      if (!root) warnings.push(`${want.name} is not in ArgoCD and no root is configured: apply ${want.file} once by hand`);
      continue;
    }
    const diff = diffSpec(want.spec, liveSpec(have));
    const outOfSync = needsSync(have, prune);
    if (diff.fields.length > 0) {
      const pin = diff.pinned ? ` (pinned to ${diff.pinned.live}, Git says ${diff.pinned.git})` : '';
      const summary = `${want.name}: ${diff.fields.join(', ')}${pin}${outOfSync ? '; out of sync' : ''}`;
      changes.push({ action: 'update', target: want.name, group, summary });
      if (diff.pinned) warnings.push(`${want.name} is pinned to ${diff.pinned.live} (Git says ${diff.pinned.git})`);
      if (!root) warnings.push(`${want.name} differs from Git and no root is configured to apply it`);
    } else if (outOfSync) {
      changes.push({ action: 'sync', target: want.name, group, summary: `${want.name}: out of sync` });
    }
    warnings.push(...liveWarnings(have, prune, want.name === root));
  }

  for (const have of live) {
    const name = have.metadata.name;
    if (gitNames.has(name) || !inScope(name)) continue;
    const group = clusterOf(liveSpec(have));
    if (name === root) {
      if (needsSync(have, prune)) changes.push({ action: 'sync', target: name, group, summary: `${name}: out of sync` });
    } else if (managed.has(name)) {
      // Without pruning an orphan is kept on purpose: a warning, not a change apply would make.
      if (prune) changes.push({ action: 'delete', target: name, group, summary: `${name}: no longer in Git (pruned by syncing ${root})` });
      else warnings.push(`${name} is no longer in Git; kept because pruning is off (pass --prune or set prune: true)`);
    } else {
      if (options.targets.includes(name)) warnings.push(`${name} is not managed by blumeops (not in Git, not managed by ${root ?? 'a root'}); ignored`);
      continue;
    }
    warnings.push(...liveWarnings(have, prune, name === root));
  }

  changes.sort((a, b) => Number(b.target === root) - Number(a.target === root) || a.target.localeCompare(b.target));
  return { changes, warnings };
}

function liveWarnings(app: LiveApp, prune: boolean, isRoot: boolean): string[] {
  const pruning = pruningWarning(app, prune, isRoot);
  return pruning ? [...statusWarnings(app), pruning] : statusWarnings(app);
}

/** A name filter for ctx.targets; an unknown name is an error suggesting the nearest known one. */
function scope(targets: readonly string[], gitNames: Set<string>, live: Map<string, LiveApp>, root?: string): (name: string) => boolean {
  if (targets.length === 0) return () => true;
  const known = new Set([...gitNames, ...live.keys(), ...(root ? [root] : [])]);
  const unknown = targets.filter((name) => !known.has(name));
  if (unknown.length > 0) {
    const candidates = [...known];
    const hint = didYouMean(unknown[0], candidates) || `known apps: ${candidates.sort().slice(0, 12).join(', ')}`;
    const names = unknown.map((name) => `"${name}"`).join(', ');
    throw new BlumeopsError(`unknown app${unknown.length > 1 ? 's' : ''} ${names}: not in Git and not in ArgoCD`, { hint });
  }
  const wanted = new Set(targets);
  return (name) => wanted.has(name);
}

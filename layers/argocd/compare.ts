/**
 * The plan as a pure comparison of the Applications in Git with ArgoCD's app list. Linear in the
 * number of apps (Maps by name). One change per app: the strongest action (create > delete >
 * update > sync); an update of an app that is also out of sync says so in its summary. With
 * pruning off, orphans and apps out of sync only by resources that require pruning are warnings:
 * they are kept on purpose, so they are not changes. An app ArgoCD syncs by itself
 * (`syncPolicy.automated`, live) is an auto-sync unit, not a `sync` change, unless --force-sync;
 * what the root creates, changes or prunes is a change unless the root is converging by itself,
 * and then still a change for a manual child: ArgoCD's auto-sync of the root applies its new spec,
 * but ArgoCD never syncs a manual app, so blumeops syncs it after the root (apply.ts).
 */
import { BlumeopsError } from '../../src/errors.js';
import type { AutoSyncUnit, Change } from '../../src/reconciler.js';
import { didYouMean } from '../../src/suggest.js';
import { autoSyncUnit, type AutoSyncContext } from './auto-sync.js';
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
  /** Sync apps that ArgoCD syncs by itself anyway (`--force-sync`). */
  forceSync?: boolean;
  /** How to judge auto-synced apps (time, grace, commit times); default: now, 5m, none known. */
  auto?: AutoSyncContext;
  /** The repo paths an app deploys from this repo (auto-synced apps' paths are the tool's to apply). */
  pathsOf?: (app: DesiredApp) => string[];
}

export interface Comparison {
  changes: Change[];
  warnings: string[];
  autoSync: AutoSyncUnit[];
  /** Manual children that blumeops syncs once the root's own auto-sync has applied their spec. */
  syncAfterRoot?: string[];
}

/** A change the root makes to a child; `manual`: the child does not sync itself afterwards (per Git). */
interface ViaRoot {
  change: Change;
  manual: boolean;
}

const DEFAULT_AUTO: AutoSyncContext = { now: 0, graceMs: 300_000, graceText: '5m', prune: false, commitTimes: new Map() };

export function compare(git: readonly DesiredApp[], live: readonly LiveApp[], options: CompareOptions): Comparison {
  const { root, prune } = options;
  const auto = { ...DEFAULT_AUTO, now: Date.now(), ...options.auto, prune };
  const liveByName = new Map(live.map((app) => [app.metadata.name, app]));
  const gitNames = new Set(git.map((app) => app.name));
  const inScope = scope(options.targets, gitNames, liveByName, root);
  const { managed } = rootView(root, live);
  const changes: Change[] = [];
  const viaRoot: ViaRoot[] = [];
  const warnings: string[] = [];
  const units = new Map<string, AutoSyncUnit>();
  const via = root ? `by syncing ${root}` : 'no root is configured to apply it';
  const unitOf = (app: LiveApp, want?: DesiredApp) => {
    const unit = autoSyncUnit(app, auto, want && options.pathsOf ? options.pathsOf(want) : []);
    units.set(unit.target, unit);
    return unit;
  };

  for (const want of git) {
    if (!inScope(want.name)) continue;
    const have = liveByName.get(want.name);
    const group = clusterOf(want.spec);
    if (!have) {
      // The root cannot create itself: plan.ts says how to bootstrap it.
      if (want.name === root) continue;
      const then = want.spec.sync?.automated ? '; ArgoCD then syncs it itself' : '';
      const change: Change = { action: 'create', target: want.name, group, summary: `${want.name}: new app (created ${via}${then})` };
      viaRoot.push({ change, manual: !want.spec.sync?.automated });
      if (!root) warnings.push(`${want.name} is not in ArgoCD and no root is configured: apply ${want.file} once by hand`);
      continue;
    }
    const spec = liveSpec(have);
    const automated = Boolean(spec.sync?.automated);
    const diff = diffSpec(want.spec, spec);
    const unit = automated ? unitOf(have, want) : undefined;
    const outOfSync = !automated && needsSync(have, prune);
    if (diff.fields.length > 0) {
      const pin = diff.pinned ? ` (pinned to ${diff.pinned.live}, Git says ${diff.pinned.git})` : '';
      const update = { action: 'update' as const, target: want.name, group, summary: `${want.name}: ${diff.fields.join(', ')}${pin}${outOfSync ? '; out of sync' : ''}` };
      if (want.name === root) changes.push(update);
      else viaRoot.push({ change: update, manual: !want.spec.sync?.automated });
      if (diff.pinned) warnings.push(`${want.name} is pinned to ${diff.pinned.live} (Git says ${diff.pinned.git})${automated ? `; ArgoCD auto-syncs ${diff.pinned.live}` : ''}`);
      if (!root) warnings.push(`${want.name} differs from Git and no root is configured to apply it`);
    } else if (unit && unit.state !== 'in-sync' && options.forceSync) {
      units.delete(want.name);
      changes.push({ action: 'sync', target: want.name, group, summary: `${want.name}: out of sync (ArgoCD syncs it itself; --force-sync syncs it now)` });
    } else if (outOfSync) {
      changes.push({ action: 'sync', target: want.name, group, summary: `${want.name}: out of sync` });
    }
    warnings.push(...liveWarnings(have, prune, want.name === root, automated));
  }

  for (const have of live) {
    const name = have.metadata.name;
    if (gitNames.has(name) || !inScope(name)) continue;
    const group = clusterOf(liveSpec(have));
    const automated = Boolean(liveSpec(have).sync?.automated);
    if (name === root) {
      if (automated && !options.forceSync) unitOf(have);
      else if (needsSync(have, prune)) changes.push({ action: 'sync', target: name, group, summary: `${name}: out of sync` });
    } else if (managed.has(name)) {
      // Without pruning an orphan is kept on purpose: a warning, not a change apply would make.
      // A pruned child is gone: nothing is left for anyone to sync afterwards.
      if (prune) viaRoot.push({ change: { action: 'delete', target: name, group, summary: `${name}: no longer in Git (pruned by syncing ${root})` }, manual: false });
      else warnings.push(`${name} is no longer in Git; kept because pruning is off (pass --prune or set prune: true)`);
    } else {
      if (options.targets.includes(name)) warnings.push(`${name} is not managed by blumeops (not in Git, not managed by ${root ?? 'a root'}); ignored`);
      continue;
    }
    warnings.push(...liveWarnings(have, prune, name === root, automated));
  }

  const rootUnit = root ? units.get(root) : undefined;
  let syncAfterRoot: string[] = [];
  if (root && rootUnit?.state === 'converging') {
    const split = underConvergingRoot(viaRoot, root, rootUnit);
    changes.push(...split.changes);
    for (const unit of split.units) units.set(unit.target, unit);
    syncAfterRoot = split.syncAfterRoot;
  } else changes.push(...viaRoot.map((entry) => entry.change));

  changes.sort((a, b) => Number(b.target === root) - Number(a.target === root) || a.target.localeCompare(b.target));
  const autoSync = [...units.values()].sort((a, b) => a.target.localeCompare(b.target));
  return { changes, warnings, autoSync, ...(syncAfterRoot.length > 0 ? { syncAfterRoot } : {}) };
}

/**
 * While the root converges by itself, what it creates, changes or prunes is ArgoCD's doing too. But
 * it leaves a manual child OutOfSync, and ArgoCD never syncs that one: blumeops does, after the root.
 */
function underConvergingRoot(viaRoot: readonly ViaRoot[], root: string, rootUnit: AutoSyncUnit): { changes: Change[]; units: AutoSyncUnit[]; syncAfterRoot: string[] } {
  const byAutoSync = (summary: string) => summary.replace(`by syncing ${root}`, `by ${root}'s auto-sync`);
  const result = { changes: [] as Change[], units: [] as AutoSyncUnit[], syncAfterRoot: [] as string[] };
  for (const { change, manual } of viaRoot) {
    if (manual) {
      result.syncAfterRoot.push(change.target);
      const summary = change.action === 'create' ? byAutoSync(change.summary).replace(/\)$/, '; then synced by blumeops)') : `${change.summary} (applied by ${root}'s auto-sync; then synced by blumeops)`;
      result.changes.push({ ...change, summary });
    } else {
      const summary = change.action === 'update' ? `${change.summary} (applied by ${root}'s auto-sync; ArgoCD then syncs it itself)` : byAutoSync(change.summary);
      result.units.push({ target: change.target, state: 'converging', mode: rootUnit.mode, group: change.group, summary });
    }
  }
  return result;
}

/** For an auto-synced app, a failed operation and an Unknown sync status are its unit's business. */
function liveWarnings(app: LiveApp, prune: boolean, isRoot: boolean, automated: boolean): string[] {
  const pruning = pruningWarning(app, prune || Boolean(liveSpec(app).sync?.prune), isRoot);
  const status = statusWarnings(app, { automated });
  return pruning ? [...status, pruning] : status;
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

import { describe, expect, it } from 'vitest';
import { autoSyncUnit, type AutoSyncContext } from './auto-sync.js';
import { compare } from './compare.js';
import { LiveApp } from './schema.js';
import type { DesiredApp } from './spec.js';
import { syncModeOf } from './sync-mode.js';

const REPO = 'https://forge.example/erich/homelab.git';
const IN_CLUSTER = 'https://kubernetes.default.svc';
const NOW = Date.parse('2026-11-26T12:00:00Z');
const OLD = 'a'.repeat(40);
const NEW = 'b'.repeat(40);
const ctx: AutoSyncContext = { now: NOW, graceMs: 300_000, graceText: '5m', prune: false, commitTimes: new Map([[NEW, NOW - 60_000], [OLD, NOW - 86_400_000]]) };

interface Options {
  automated?: Record<string, unknown> | null;
  sync?: string;
  revision?: string;
  phase?: string;
  opRevision?: string;
  finishedAt?: string;
  startedAt?: string;
  created?: string;
  conditions?: { type: string; message: string }[];
  path?: string;
  targetRevision?: string;
}

function app(name: string, o: Options = {}): LiveApp {
  const sync = o.sync ?? 'OutOfSync';
  return LiveApp.parse({
    metadata: { name, namespace: 'argocd', labels: { 'app.kubernetes.io/instance': 'apps' }, creationTimestamp: o.created },
    spec: {
      project: 'default',
      source: { repoURL: REPO, path: o.path ?? `argocd/manifests/${name}`, targetRevision: o.targetRevision ?? 'main' },
      destination: { server: IN_CLUSTER, namespace: name },
      ...(o.automated === null ? {} : { syncPolicy: { automated: o.automated ?? {} } }),
    },
    status: {
      sync: { status: sync, revision: o.revision ?? NEW },
      health: { status: 'Healthy' },
      resources: [{ group: 'apps', version: 'v1', kind: 'Deployment', namespace: name, name, status: sync }],
      conditions: o.conditions,
      operationState: o.phase
        ? { phase: o.phase, message: `op ${o.phase}`, startedAt: o.startedAt ?? '2026-11-26T11:00:00Z', finishedAt: o.finishedAt ?? '2026-11-26T11:00:05Z', syncResult: { revision: o.opRevision ?? OLD } }
        : undefined,
    },
  });
}

const unit = (o: Options, context = ctx) => autoSyncUnit(app('cv', o), context, ['argocd/manifests/cv']);

describe('auto-sync units (ArgoCD automated-sync semantics)', () => {
  it('reads the sync mode from syncPolicy.automated; enabled: false is manual', () => {
    expect(syncModeOf({ automated: { selfHeal: true, prune: true } })).toEqual({ automated: true, prune: true, selfHeal: true });
    expect(syncModeOf({ automated: { enabled: false, selfHeal: true } })).toEqual({ automated: false, prune: false, selfHeal: false });
    expect(syncModeOf({})).toEqual({ automated: false, prune: false, selfHeal: false });
    expect(unit({ automated: { prune: true, selfHeal: true }, sync: 'Synced' }).mode).toBe('automated+prune+selfHeal');
  });

  it('in sync, with its health and the paths ArgoCD applies by itself', () => {
    expect(unit({ sync: 'Synced' })).toEqual({ target: 'cv', state: 'in-sync', summary: 'cv: in sync, Healthy', mode: 'automated', group: IN_CLUSTER, paths: ['argocd/manifests/cv'] });
  });

  it('converging on a new commit, or while an operation runs, or while selfHeal puts a live edit back', () => {
    expect(unit({ phase: 'Succeeded', opRevision: OLD })).toMatchObject({ state: 'converging', summary: 'cv: converging (ArgoCD auto-sync to bbbbbbb)' });
    expect(unit({})).toMatchObject({ state: 'converging' }); // never synced, commit a minute old
    const minuteAgo = new Date(NOW - 60_000).toISOString();
    expect(unit({ phase: 'Running', startedAt: minuteAgo }).state).toBe('converging');
    expect(unit({ automated: { selfHeal: true }, phase: 'Succeeded', opRevision: NEW, finishedAt: minuteAgo })).toMatchObject({ state: 'converging', summary: 'cv: converging (ArgoCD puts live edits back: selfHeal)' });
    // A pin: same commit, but the source changed since the last sync, so ArgoCD syncs again.
    const pinned = app('cv', { phase: 'Succeeded', opRevision: NEW });
    pinned.status.operationState!.syncResult!.source = { repoURL: REPO, path: 'argocd/manifests/cv', targetRevision: 'other' };
    expect(autoSyncUnit(pinned, ctx, []).state).toBe('converging');
  });

  it('failing: a failed attempt at the target commit, which ArgoCD does not retry', () => {
    expect(unit({ phase: 'Failed', opRevision: NEW })).toMatchObject({
      state: 'failing',
      summary: 'cv: the last sync to bbbbbbb failed and ArgoCD does not retry a commit it failed on: op Failed (--force-sync syncs it now)',
    });
    expect(unit({ phase: 'Failed', opRevision: NEW })).not.toHaveProperty('paths');
    // A failure at an older commit is history: ArgoCD tries the new one.
    expect(unit({ phase: 'Failed', opRevision: OLD }).state).toBe('converging');
    expect(unit({ conditions: [{ type: 'SyncError', message: `Failed last sync attempt to [${NEW}]: boom` }] })).toMatchObject({ state: 'failing', summary: `cv: auto-sync error: Failed last sync attempt to [${NEW}]: boom (--force-sync syncs it now)` });
  });

  it('failing: live drift without selfHeal, an Unknown comparison, or OutOfSync past the grace', () => {
    expect(unit({ phase: 'Succeeded', opRevision: NEW }).summary).toBe('cv: differs from Git after its last sync to bbbbbbb, and ArgoCD does not put live edits back without selfHeal (--force-sync syncs it now)');
    expect(unit({ sync: 'Unknown', conditions: [{ type: 'ComparisonError', message: 'repo unreachable' }] }).summary).toBe('cv: ArgoCD cannot compare it with Git, so it cannot auto-sync it: repo unreachable');
    const stuck = unit({ revision: OLD });
    expect(stuck).toMatchObject({ state: 'failing' });
    expect(stuck.summary).toBe('cv: OutOfSync for more than 5m to aaaaaaa and ArgoCD has not synced it: check the application controller and sync windows (--force-sync syncs it now)');
    // Measured from the later of the commit time and the last sync's end; unknown commit: cannot tell.
    expect(unit({ revision: OLD, phase: 'Succeeded', opRevision: NEW, finishedAt: new Date(NOW - 60_000).toISOString() }).state).toBe('converging');
    expect(unit({ revision: 'c'.repeat(40) })).toMatchObject({ state: 'converging', summary: 'cv: converging (ArgoCD auto-sync to ccccccc; since when is unknown)' });
    // A revision that is not a commit here (a chart version): an app never synced counts from its creation.
    expect(unit({ revision: '1.2.3', created: '2026-11-20T00:00:00Z' })).toMatchObject({ state: 'failing' });
    expect(unit({ revision: '1.2.3', created: new Date(NOW - 60_000).toISOString() }).state).toBe('converging');
  });

  it('failing: a sync or a selfHeal that goes on past the grace', () => {
    expect(unit({ phase: 'Running', startedAt: '2026-11-26T11:00:00Z' })).toEqual({
      target: 'cv',
      state: 'failing',
      mode: 'automated',
      group: IN_CLUSTER,
      summary: 'cv: ArgoCD has been syncing it since 2026-11-26T11:00:00Z, more than 5m: a hook or a resource it waits for may be stuck (argocd app get cv)',
    });
    expect(unit({ automated: { selfHeal: true }, phase: 'Succeeded', opRevision: NEW, finishedAt: '2026-11-26T11:00:05Z' })).toMatchObject({
      state: 'failing',
      summary: 'cv: still differs from Git 5m after its last sync to bbbbbbb, which selfHeal has not put right: something keeps changing it, or ArgoCD cannot apply it (--force-sync syncs it now)',
    });
  });
});

describe('compare with automated apps', () => {
  const desired = (name: string, automated?: Record<string, unknown>, path = `argocd/manifests/${name}`): DesiredApp => ({
    name,
    file: `argocd/apps/${name}.yaml`, line: 1, col: 1,
    spec: { project: 'default', destination: { server: IN_CLUSTER, namespace: name }, multiSource: false, sources: [{ repoURL: REPO, path, targetRevision: 'main', valueFiles: [] }], sync: syncModeOf(automated ? { automated } : {}) },
  });
  const root = (automated: Record<string, unknown> | null, sync = 'Synced') => {
    // An OutOfSync root has a new commit to sync: its last sync was of the one before.
    const live = app('apps', { automated, sync, path: 'argocd/apps', phase: 'Succeeded', opRevision: sync === 'Synced' ? NEW : OLD });
    live.status.resources = ['cv', 'web', 'new'].map((name) => ({ group: 'argoproj.io', kind: 'Application', name, status: 'Synced' }));
    return live;
  };
  const options = { root: 'apps', targets: [], prune: false, auto: ctx, pathsOf: (want: DesiredApp) => [want.spec.sources[0].path!] };

  it('an automated OutOfSync app is a converging unit, not a change; --force-sync makes it a sync', () => {
    const git = [desired('apps', undefined, 'argocd/apps'), desired('cv', {}), desired('web')];
    const live = [root(null), app('cv', { phase: 'Succeeded', opRevision: OLD }), app('web', { automated: null })];
    const plan = compare(git, live, options);
    expect(plan.changes.map((c) => `${c.action} ${c.target}`)).toEqual(['sync web']);
    expect(plan.autoSync).toEqual([expect.objectContaining({ target: 'cv', state: 'converging', paths: ['argocd/manifests/cv'] })]);
    const forced = compare(git, live, { ...options, forceSync: true });
    expect(forced.changes.map((c) => c.summary)).toEqual(['cv: out of sync (ArgoCD syncs it itself; --force-sync syncs it now)', 'web: out of sync']);
    expect(forced.autoSync).toEqual([]);
  });

  it('a change of the sync policy in Git is an update, applied by the root', () => {
    const plan = compare([desired('apps', undefined, 'argocd/apps'), desired('cv', { selfHeal: true })], [root(null), app('cv', { sync: 'Synced' })], options);
    expect(plan.changes).toEqual([expect.objectContaining({ action: 'update', target: 'cv', summary: 'cv: spec.syncPolicy.automated.selfHeal' })]);
    const off = compare([desired('apps', undefined, 'argocd/apps'), desired('cv')], [root(null), app('cv', { sync: 'Synced' })], options);
    expect(off.changes[0].summary).toBe('cv: spec.syncPolicy.automated');
  });

  it('a failed auto-sync is a failing unit and no warning twice', () => {
    const plan = compare([desired('cv', {})], [root(null), app('cv', { phase: 'Failed', opRevision: NEW })], options);
    expect(plan.changes).toEqual([]);
    expect(plan.autoSync.map((u) => u.state)).toEqual(['failing']);
    expect(plan.warnings.filter((w) => w.includes('failed'))).toEqual([]);
  });

  it('while a self-syncing root converges, what it creates is ArgoCD\'s doing; a root at rest leaves it to blumeops', () => {
    const git = [desired('apps', { selfHeal: true }, 'argocd/apps'), desired('new', {})];
    const converging = compare(git, [root({ selfHeal: true }, 'OutOfSync')], options);
    expect(converging.changes).toEqual([]);
    expect(converging.autoSync.map((u) => [u.target, u.state, u.summary])).toEqual([
      ['apps', 'converging', 'apps: converging (ArgoCD auto-sync to bbbbbbb)'],
      ['new', 'converging', "new: new app (created by apps's auto-sync; ArgoCD then syncs it itself)"],
    ]);
    const manualRoot = compare([desired('apps', undefined, 'argocd/apps'), desired('new', {})], [root(null, 'OutOfSync')], options);
    expect(manualRoot.changes.map((c) => `${c.action} ${c.target}`)).toEqual(['sync apps', 'create new']);
  });

  it('under a converging self-syncing root, a manual child it changes or creates is a change blumeops syncs afterwards; an automated one converges', () => {
    const git = [desired('apps', { selfHeal: true }, 'argocd/apps'), desired('cv', undefined, 'argocd/manifests/cv-new'), desired('web', {}, 'argocd/manifests/web-new'), desired('new')];
    const live = [root({ selfHeal: true }, 'OutOfSync'), app('cv', { automated: null, sync: 'Synced' }), app('web', { sync: 'Synced' })];
    const plan = compare(git, live, options);
    expect(plan.changes.map((c) => [c.action, c.target, c.summary])).toEqual([
      ['update', 'cv', "cv: spec.source.path (applied by apps's auto-sync; then synced by blumeops)"],
      ['create', 'new', "new: new app (created by apps's auto-sync; then synced by blumeops)"],
    ]);
    expect(plan.syncAfterRoot).toEqual(['cv', 'new']);
    expect(plan.autoSync.map((u) => [u.target, u.state, u.summary])).toEqual([
      ['apps', 'converging', 'apps: converging (ArgoCD auto-sync to bbbbbbb)'],
      ['web', 'converging', "web: spec.source.path (applied by apps's auto-sync; ArgoCD then syncs it itself)"],
    ]);
    // A root at rest: blumeops syncs it, and the children after it, as for a manual root.
    const atRest = compare(git, [root({ selfHeal: true }), ...live.slice(1)], options);
    expect(atRest.changes.map((c) => `${c.action} ${c.target}: ${c.summary}`)).toEqual([
      'update cv: cv: spec.source.path',
      'create new: new: new app (created by syncing apps)',
      'update web: web: spec.source.path',
    ]);
    expect(atRest.syncAfterRoot).toBeUndefined();
  });
});

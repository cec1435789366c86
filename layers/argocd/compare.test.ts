import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BlumeopsError } from '../../src/errors.js';
import { compare } from './compare.js';
import { parseAppList } from './parse.js';
import { LiveApp } from './schema.js';
import type { AppSpec, DesiredApp } from './spec.js';

const REPO = 'https://forge.ops.eblu.me/eblume/blumeops.git';
const IN_CLUSTER = 'https://kubernetes.default.svc';

function spec(name: string, over: { path?: string; revision?: string; namespace?: string; server?: string } = {}): AppSpec {
  return {
    project: 'default',
    destination: { server: over.server ?? IN_CLUSTER, namespace: over.namespace ?? name },
    multiSource: false,
    sources: [{ repoURL: REPO, path: over.path ?? `argocd/manifests/${name}`, targetRevision: over.revision ?? 'main', valueFiles: [] }],
  };
}

function desired(name: string, over: Parameters<typeof spec>[1] = {}): DesiredApp {
  return { name, spec: spec(name, over), file: `argocd/apps/${name}.yaml`, line: 4, col: 9 };
}

interface LiveOptions {
  path?: string;
  revision?: string;
  namespace?: string;
  server?: string;
  sync?: string;
  health?: string;
  phase?: string;
  message?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  children?: { name: string; requiresPruning?: boolean }[];
}

function live(name: string, o: LiveOptions = {}): LiveApp {
  const { destination, sources } = spec(name, o);
  const { valueFiles: _, ...source } = sources[0];
  return LiveApp.parse({
    metadata: { name, namespace: 'argocd', labels: o.labels, annotations: o.annotations },
    spec: { project: 'default', source, destination },
    status: {
      sync: { status: o.sync ?? 'Synced' },
      health: { status: o.health ?? 'Healthy', message: o.message },
      operationState: o.phase ? { phase: o.phase, message: o.message, startedAt: '2026-11-26T03:00:00Z' } : undefined,
      resources: o.children?.map((child) => ({ group: 'argoproj.io', version: 'v1alpha1', kind: 'Application', namespace: 'argocd', status: 'Synced', ...child })),
    },
  });
}

const root = (children: string[], extra: LiveOptions = {}) =>
  live('apps', { path: 'argocd/apps', namespace: 'argocd', children: children.map((name) => ({ name })), ...extra });
const child = (name: string, o: LiveOptions = {}) => live(name, { labels: { 'app.kubernetes.io/instance': 'apps' }, ...o });
const opts = { root: 'apps', targets: [] as string[], prune: false };

describe('compare', () => {
  it('is in sync when Git and ArgoCD agree', () => {
    expect(compare([desired('cv')], [root(['cv']), child('cv')], opts)).toEqual({ changes: [], warnings: [], autoSync: [] });
  });

  it('creates apps that are in Git only, grouped by destination cluster', () => {
    const { changes } = compare([desired('cv', { server: 'https://k3s.example:6443' })], [root([])], opts);
    expect(changes).toEqual([{ action: 'create', target: 'cv', group: 'https://k3s.example:6443', summary: 'cv: new app (created by syncing apps)' }]);
  });

  it('deletes apps the root manages but Git dropped only when pruning (else warns); ignores apps it does not manage', () => {
    const byResources = root(['old'], {});
    const byAnnotation = live('tracked', { annotations: { 'argocd.argoproj.io/tracking-id': 'apps:argoproj.io/Application:argocd/tracked' } });
    const unmanaged = live('manual', { sync: 'OutOfSync', health: 'Missing' });
    const otherRoot = live('theirs', { labels: { 'app.kubernetes.io/instance': 'platform' } });
    const kept = compare([], [byResources, live('old'), byAnnotation, unmanaged, otherRoot], opts);
    expect(kept.changes).toEqual([]);
    expect(kept.warnings).toEqual([
      'old is no longer in Git; kept because pruning is off (pass --prune or set prune: true)',
      'tracked is no longer in Git; kept because pruning is off (pass --prune or set prune: true)',
    ]);
    const pruned = compare([], [byResources, live('old')], { ...opts, prune: true });
    expect(pruned).toEqual({ changes: [{ action: 'delete', target: 'old', group: IN_CLUSTER, summary: 'old: no longer in Git (pruned by syncing apps)' }], warnings: [], autoSync: [] });
  });

  it('names the fields of an update, and that it is also out of sync', () => {
    const { changes } = compare(
      [desired('cv', { path: 'argocd/manifests/cv2', namespace: 'web' })],
      [root(['cv']), child('cv', { sync: 'OutOfSync' })],
      opts,
    );
    expect(changes).toEqual([
      { action: 'update', target: 'cv', group: IN_CLUSTER, summary: 'cv: spec.source.path, spec.destination.namespace; out of sync' },
    ]);
  });

  it('compares multi-source apps source by source, value files included', () => {
    const want = desired('immich');
    want.spec = { ...want.spec, multiSource: true, sources: [
      { repoURL: 'https://charts.example', chart: 'immich', targetRevision: '0.9.3', valueFiles: ['$values/a.yaml'] },
      { repoURL: REPO, targetRevision: 'main', ref: 'values', valueFiles: [] },
    ] };
    const have = LiveApp.parse({ metadata: { name: 'immich' }, spec: { project: 'default', destination: want.spec.destination, sources: [
      { repoURL: 'https://charts.example', chart: 'immich', targetRevision: '0.9.2', helm: { valueFiles: ['$values/b.yaml'] } },
      { repoURL: REPO, targetRevision: 'main', ref: 'values' },
    ] }, status: { sync: { status: 'Synced' } } });
    const { changes } = compare([want], [root(['immich']), have], opts);
    expect(changes[0].summary).toBe('immich: spec.sources[0].targetRevision, spec.sources[0].helm.valueFiles');
    const single = compare([desired('immich')], [root(['immich']), have], opts);
    expect(single.changes[0].summary).toBe('immich: spec.sources');
  });

  it('treats an unset targetRevision as HEAD, like ArgoCD', () => {
    const have = LiveApp.parse({ metadata: { name: 'cv' }, spec: { project: 'default', destination: spec('cv').destination, source: { repoURL: REPO, path: 'argocd/manifests/cv/', targetRevision: '' } } });
    expect(compare([desired('cv', { revision: 'HEAD' })], [have], opts).changes).toEqual([]);
  });

  it('warns when an app is pinned to a branch for testing', () => {
    const result = compare([desired('cv')], [root(['cv']), child('cv', { revision: 'my-branch' })], opts);
    expect(result.changes).toEqual([
      { action: 'update', target: 'cv', group: IN_CLUSTER, summary: 'cv: spec.source.targetRevision (pinned to my-branch, Git says main)' },
    ]);
    expect(result.warnings).toEqual(['cv is pinned to my-branch (Git says main)']);
  });

  it('syncs out-of-sync apps, the root included, root first', () => {
    const { changes } = compare([desired('cv'), desired('web')], [root(['cv', 'web'], { sync: 'OutOfSync' }), child('web', { sync: 'OutOfSync' }), child('cv')], opts);
    expect(changes.map((c) => [c.action, c.target, c.summary])).toEqual([
      ['sync', 'apps', 'apps: out of sync'],
      ['sync', 'web', 'web: out of sync'],
    ]);
  });

  it('does not sync an app out of sync only by resources that require pruning, unless pruning', () => {
    const orphaned = (name: string) => LiveApp.parse({ ...child(name, { sync: 'OutOfSync' }), status: { sync: { status: 'OutOfSync' }, resources: [
      { version: 'v1', kind: 'ConfigMap', namespace: name, name: 'stale', status: 'OutOfSync', requiresPruning: true },
      { group: 'apps', version: 'v1', kind: 'Deployment', namespace: name, name, status: 'Synced' }] } });
    const rootWithOrphan = LiveApp.parse({ ...root([]), status: { sync: { status: 'OutOfSync' }, resources: [
      { group: 'argoproj.io', kind: 'Application', name: 'old', status: 'OutOfSync', requiresPruning: true }] } });
    const kept = compare([desired('cv')], [rootWithOrphan, live('old'), orphaned('cv')], opts);
    expect(kept.changes).toEqual([]);
    expect(kept.warnings).toContain('cv: 1 resource requires pruning (ConfigMap/stale); kept because pruning is off');
    const pruned = compare([desired('cv')], [rootWithOrphan, live('old'), orphaned('cv')], { ...opts, prune: true });
    expect(pruned.changes.map((c) => `${c.action} ${c.target}`)).toEqual(['sync apps', 'sync cv', 'delete old']);
  });

  it('warns about health, operations and Unknown sync, naming the app', () => {
    const apps = [
      child('a', { health: 'Degraded', message: 'Deployment "a" exceeded its progress deadline' }),
      child('b', { health: 'Missing' }),
      child('c', { phase: 'Running' }),
      child('d', { phase: 'Failed', message: 'one or more objects failed to apply' }),
      child('e', { sync: 'Unknown' }),
      child('f', { health: 'Progressing', phase: 'Succeeded' }),
    ];
    const { changes, warnings } = compare(['a', 'b', 'c', 'd', 'e', 'f'].map((n) => desired(n)), [root([]), ...apps], opts);
    expect(changes).toEqual([]);
    expect(warnings).toEqual([
      'a is Degraded: Deployment "a" exceeded its progress deadline',
      'b is Missing',
      'c: a sync operation is running (started 2026-11-26T03:00:00Z)',
      'd: the last sync failed: one or more objects failed to apply',
      'e: sync status is Unknown (ArgoCD could not compare it)',
    ]);
  });

  it('restricts the plan to the named apps', () => {
    const git = [desired('cv', { namespace: 'x' }), desired('web')];
    const liveApps = [root(['cv', 'web', 'old']), child('cv'), child('old', { health: 'Degraded' })];
    const { changes, warnings } = compare(git, liveApps, { ...opts, targets: ['cv'] });
    expect(changes.map((c) => c.target)).toEqual(['cv']);
    expect(warnings).toEqual([]);
    expect(compare(git, liveApps, { ...opts, targets: ['old'], prune: true }).changes.map((c) => c.action)).toEqual(['delete']);
  });

  it('suggests the nearest name for an unknown target', () => {
    let error: unknown;
    try {
      compare([desired('immich')], [root([]), child('grafana')], { ...opts, targets: ['imich'] });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(BlumeopsError);
    expect((error as BlumeopsError).message).toBe('unknown app "imich": not in Git and not in ArgoCD');
    expect((error as BlumeopsError).hint).toBe('did you mean "immich"?');
  });

  it('reads the fixture app list: orphan, out-of-sync multi-source, degraded, unmanaged', () => {
    const liveApps = parseAppList(readFileSync(new URL('./__fixtures__/app-list.json', import.meta.url), 'utf8'));
    const fromLive = (name: string): DesiredApp => {
      const app = liveApps.find((a) => a.metadata.name === name)!;
      const multi = Boolean(app.spec.sources);
      const sources = (app.spec.sources ?? [app.spec.source!]).map((s) => ({ repoURL: s.repoURL!, path: s.path, targetRevision: s.targetRevision!, chart: s.chart, ref: s.ref, valueFiles: s.helm?.valueFiles ?? [] }));
      return { name, spec: { project: 'default', destination: { ...app.spec.destination }, multiSource: multi, sources }, file: 'x', line: 1, col: 1 };
    };
    const { changes, warnings } = compare(['cv', 'immich', 'grafana'].map(fromLive), liveApps, opts);
    expect(changes.map((c) => [c.action, c.target])).toEqual([['sync', 'apps'], ['sync', 'immich']]);
    expect(warnings).toContain('grafana is Degraded: Deployment "grafana" exceeded its progress deadline');
    expect(warnings.join('\n')).not.toMatch(/manual/);
  });

  it('plans 2,000 apps against 2,000 live apps quickly (linear, maps by name)', () => {
    const names = Array.from({ length: 2000 }, (_, i) => `app-${i}`);
    const git = names.map((n, i) => desired(n, { namespace: i % 10 === 0 ? 'moved' : n }));
    const liveApps = [root(names), ...names.map((n, i) => child(n, { sync: i % 7 === 0 ? 'OutOfSync' : 'Synced' }))];
    const started = performance.now();
    const { changes } = compare(git, liveApps, opts);
    const elapsed = performance.now() - started;
    expect(changes.filter((c) => c.action === 'update')).toHaveLength(200);
    expect(changes.length).toBeGreaterThan(400);
    expect(elapsed).toBeLessThan(500);
  });
});

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BlumeopsError } from '../../src/errors.js';
import { readApps } from './apps.js';

let repo: string;
beforeEach(() => {
  repo = mkdtempSync(join(tmpdir(), 'blumeops-argocd-apps-'));
  mkdirSync(join(repo, 'argocd/apps'), { recursive: true });
});
afterEach(() => rmSync(repo, { recursive: true, force: true }));

function write(name: string, text: string): void {
  writeFileSync(join(repo, 'argocd/apps', name), text);
}

function app(name: string, extra = ''): string {
  return `apiVersion: argoproj.io/v1alpha1
kind: Application
metadata:
  name: ${name}
  namespace: argocd
spec:
  project: default
  source:
    repoURL: https://forge.ops.eblu.me/eblume/blumeops.git
    path: argocd/manifests/${name}
    targetRevision: main
  destination:
    server: https://kubernetes.default.svc
    namespace: ${name}
${extra}`;
}

function failure(fn: () => unknown): BlumeopsError {
  try {
    fn();
  } catch (error) {
    if (error instanceof BlumeopsError) return error;
    throw error;
  }
  throw new Error('expected a BlumeopsError');
}

describe('readApps', () => {
  it('reads every document of every yaml file, sorted, comments allowed, other kinds ignored', () => {
    write('b.yml', `# the cv site\n${app('cv')}---\n# a namespace is not an app\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: cv\n---\n`);
    write('a.yaml', app('alpha'));
    write('notes.txt', 'not yaml: [');
    const { apps, warnings } = readApps(repo, 'argocd/apps');
    expect(apps.map((a) => [a.name, a.file, a.line])).toEqual([
      ['alpha', 'argocd/apps/a.yaml', 4],
      ['cv', 'argocd/apps/b.yml', 5],
    ]);
    expect(apps[1].spec).toMatchObject({ project: 'default', multiSource: false, destination: { namespace: 'cv' } });
    expect(apps[1].spec.sources[0]).toMatchObject({ path: 'argocd/manifests/cv', targetRevision: 'main', valueFiles: [] });
    expect(warnings).toEqual([]);
  });

  it('reads multi-source apps with ref: and $values value files', () => {
    write('immich.yaml', `apiVersion: argoproj.io/v1alpha1
kind: Application
metadata: { name: immich }
spec:
  project: default
  sources:
    - repoURL: https://immich-app.github.io/immich-charts
      chart: immich
      targetRevision: 0.9.3
      helm:
        valueFiles: [$values/argocd/manifests/immich/values.yaml]
    - repoURL: https://forge.ops.eblu.me/eblume/blumeops.git
      targetRevision: main
      ref: values
  destination: { name: in-cluster, namespace: immich }
`);
    const [immich] = readApps(repo, 'argocd/apps').apps;
    expect(immich.spec.multiSource).toBe(true);
    expect(immich.spec.sources).toEqual([
      { repoURL: 'https://immich-app.github.io/immich-charts', chart: 'immich', targetRevision: '0.9.3', valueFiles: ['$values/argocd/manifests/immich/values.yaml'], path: undefined, ref: undefined },
      { repoURL: 'https://forge.ops.eblu.me/eblume/blumeops.git', targetRevision: 'main', ref: 'values', valueFiles: [], path: undefined, chart: undefined },
    ]);
    expect(immich.spec.destination).toEqual({ name: 'in-cluster', namespace: 'immich', server: undefined });
  });

  it('points a malformed manifest at the offending node', () => {
    write('cv.yaml', app('cv').replace('    repoURL: https://forge.ops.eblu.me/eblume/blumeops.git\n', '    repoURL: 42\n'));
    const error = failure(() => readApps(repo, 'argocd/apps'));
    expect(error.message).toMatch(/Application "cv".*spec\.source\.repoURL/);
    expect(error.location).toEqual({ file: 'argocd/apps/cv.yaml', line: 9, col: 14, keyPath: 'spec.source.repoURL' });
  });

  it('counts lines across the documents of a file', () => {
    write('two.yaml', `${app('one')}---\n${app('two').replace('  project: default\n', '  project: 7\n')}`);
    const error = failure(() => readApps(repo, 'argocd/apps'));
    expect(error.message).toMatch(/Application "two": spec\.project: Invalid input: expected string, received number/);
    expect(error.location).toMatchObject({ file: 'argocd/apps/two.yaml', line: 22, col: 12 });
  });

  it('asks to quote a numeric targetRevision', () => {
    write('cv.yaml', app('cv').replace('targetRevision: main', 'targetRevision: 1.10'));
    const error = failure(() => readApps(repo, 'argocd/apps'));
    expect(error.message).toBe('invalid Application "cv": spec.source.targetRevision: expected a string: quote versions, e.g. "1.10"');
    expect(error.location).toMatchObject({ line: 11, col: 21 });
  });

  it('points a missing key at its parent', () => {
    write('cv.yaml', app('cv').replace('    server: https://kubernetes.default.svc\n', ''));
    const error = failure(() => readApps(repo, 'argocd/apps'));
    expect(error.message).toMatch(/spec\.destination: expected server or name/);
    expect(error.location).toMatchObject({ line: 12, col: 3, keyPath: 'spec.destination' });
  });

  it('rejects a $values file whose ref no source has, at that entry', () => {
    write('x.yaml', `apiVersion: argoproj.io/v1alpha1
kind: Application
metadata: { name: x }
spec:
  project: default
  destination: { server: https://kubernetes.default.svc }
  sources:
    - repoURL: https://charts.example
      chart: x
      helm:
        valueFiles:
          - $vals/x.yaml
`);
    const error = failure(() => readApps(repo, 'argocd/apps'));
    expect(error.message).toMatch(/no source has ref: vals/);
    expect(error.location).toMatchObject({ line: 12, col: 13, keyPath: 'spec.sources[0].helm.valueFiles[0]' });
  });

  it('gives the position of a YAML syntax error', () => {
    write('ok.yaml', app('ok'));
    write('z.yaml', 'apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata:\n  name: [broken\n');
    const error = failure(() => readApps(repo, 'argocd/apps'));
    expect(error.message).toMatch(/YAML syntax error in argocd\/apps\/z\.yaml/);
    expect(error.location?.file).toBe('argocd/apps/z.yaml');
    expect(error.location?.line).toBeGreaterThanOrEqual(4);
  });

  it('names both files of a duplicate app', () => {
    write('a.yaml', app('cv'));
    write('b.yaml', `# again\n\n${app('cv')}`);
    const error = failure(() => readApps(repo, 'argocd/apps'));
    expect(error.message).toBe('duplicate Application "cv": argocd/apps/a.yaml:4 and argocd/apps/b.yaml:6');
    expect(error.location).toMatchObject({ file: 'argocd/apps/b.yaml', line: 6 });
  });

  it('warns about ApplicationSets and an ignored spec.source', () => {
    write('sets.yaml', 'apiVersion: argoproj.io/v1alpha1\nkind: ApplicationSet\nmetadata:\n  name: clusters\nspec: {}\n');
    write('both.yaml', `${app('both')}  sources:\n    - repoURL: https://x.example/r.git\n      path: p\n`);
    const { apps, warnings } = readApps(repo, 'argocd/apps');
    expect(apps.map((a) => a.name)).toEqual(['both']);
    expect(apps[0].spec.sources[0].repoURL).toBe('https://x.example/r.git');
    expect(warnings).toEqual([
      'argocd/apps/both.yaml:8: both: spec.source is ignored because spec.sources is set',
      'argocd/apps/sets.yaml:1: ApplicationSet "clusters" is not reconciled by blumeops (ArgoCD generates its apps)',
    ]);
  });

  it('ignores another CRD named Application and fails on a missing folder', () => {
    write('k8s.yaml', 'apiVersion: app.k8s.io/v1beta1\nkind: Application\nmetadata:\n  name: other\n');
    expect(readApps(repo, 'argocd/apps').apps).toEqual([]);
    expect(() => readApps(repo, 'argocd/nope')).toThrow(/apps folder argocd\/nope does not exist/);
  });
});

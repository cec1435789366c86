import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { argocdPaths } from './paths.js';

let repo: string;
beforeEach(() => {
  repo = mkdtempSync(join(tmpdir(), 'blumeops-argocd-paths-'));
  mkdirSync(join(repo, 'argocd/apps'), { recursive: true });
  mkdirSync(join(repo, 'argocd/manifests/cv'), { recursive: true });
  mkdirSync(join(repo, 'argocd/manifests/immich'), { recursive: true });
});
afterEach(() => rmSync(repo, { recursive: true, force: true }));

describe('argocdPaths (defaultPaths)', () => {
  it('returns the apps folder and every in-repo source path, relative to the repo root', () => {
    writeFileSync(join(repo, 'argocd/apps/apps.yaml'), [
      'kind: Application\nmetadata: { name: apps }\nspec:\n  source: { repoURL: r, path: argocd/apps/ }',
      'kind: Application\nmetadata: { name: cv }\nspec:\n  source: { repoURL: r, path: ./argocd/manifests/cv }',
      'kind: Application\nmetadata: { name: immich }\nspec:\n  sources:\n    - { repoURL: c, chart: immich }\n    - { repoURL: r, path: argocd/manifests/immich }',
      'kind: Application\nmetadata: { name: elsewhere }\nspec:\n  source: { repoURL: https://github.com/x/y, path: deploy/prod }',
      'kind: Application\nmetadata: { name: whole }\nspec:\n  source: { repoURL: https://github.com/x/z, path: . }',
      'kind: ConfigMap\nmetadata: { name: x }\ndata: { path: argocd/manifests/cv }',
    ].join('\n---\n'));
    expect(argocdPaths({ apps: 'argocd/apps/' }, repo)).toEqual(['argocd/apps', 'argocd/manifests/cv', 'argocd/manifests/immich']);
  });

  it('counts the Helm value files a multi-source app reads through a ref source', () => {
    mkdirSync(join(repo, 'argocd/values'), { recursive: true });
    writeFileSync(join(repo, 'argocd/values/immich.yaml'), 'replicas: 1\n');
    writeFileSync(join(repo, 'argocd/apps/immich.yaml'), [
      'kind: Application',
      'metadata: { name: immich }',
      'spec:',
      '  sources:',
      '    - { repoURL: c, chart: immich, helm: { valueFiles: [$values/argocd/values/immich.yaml, $other/x.yaml] } }',
      '    - { repoURL: r, ref: values }',
    ].join('\n'));
    expect(argocdPaths({ apps: 'argocd/apps' }, repo)).toEqual(['argocd/apps', 'argocd/values/immich.yaml']);
  });

  it('leaves out paths that are not in the repo, and falls back to the apps folder on errors', () => {
    writeFileSync(join(repo, 'argocd/apps/cv.yaml'), 'kind: Application\nspec:\n  source: { path: deploy/cv }\n');
    expect(argocdPaths({ apps: 'argocd/apps' }, repo)).toEqual(['argocd/apps']);
    expect(argocdPaths({ apps: 'no/such/folder' }, repo)).toEqual(['no/such/folder']);
  });
});

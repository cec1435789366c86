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

  it('keeps every path when the repo dir is unknown, and falls back to the apps folder on errors', () => {
    writeFileSync(join(repo, 'argocd/apps/cv.yaml'), 'kind: Application\nspec:\n  source: { path: deploy/cv }\n');
    const cwd = process.cwd();
    try {
      process.chdir(repo);
      expect(argocdPaths({ apps: 'argocd/apps' }, undefined)).toEqual(['argocd/apps', 'deploy/cv']);
    } finally {
      process.chdir(cwd);
    }
    expect(argocdPaths({ apps: 'no/such/folder' }, repo)).toEqual(['no/such/folder']);
  });

  it('finds the repo from the cwd through blumeops.yaml', () => {
    writeFileSync(join(repo, 'blumeops.yaml'), 'version: 1\n');
    writeFileSync(join(repo, 'argocd/apps/cv.yaml'), 'kind: Application\nspec:\n  source: { path: argocd/manifests/cv }\n');
    const cwd = process.cwd();
    try {
      process.chdir(join(repo, 'argocd/manifests'));
      expect(argocdPaths({ apps: 'argocd/apps' })).toEqual(['argocd/apps', 'argocd/manifests/cv']);
    } finally {
      process.chdir(cwd);
    }
  });
});

import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoView } from '../detect/repo-view.js';
import { registry } from '../../layers/index.js';
import { finishLayers, scanRepo, type KindDetector } from './scan.js';
import { fileReader, scannedFiles, walk } from './walk.js';

const view = (files: Record<string, string>) => repoView(Object.keys(files), (file) => files[file]);

async function detectors(): Promise<KindDetector[]> {
  return Promise.all(registry.filter((kind) => kind.detect).map(async (kind) => ({ kind: kind.kind, detector: await (kind.detect as NonNullable<typeof kind.detect>)() })));
}

const app = (name: string, appPath: string) => `apiVersion: argoproj.io/v1alpha1
kind: Application
metadata:
  name: ${name}
spec:
  project: default
  source: { repoURL: https://example.invalid/infra.git, path: ${appPath}, targetRevision: main }
  destination: { server: https://kubernetes.default.svc, namespace: ${name} }
`;

const HOMELAB = {
  'argocd/apps/apps.yaml': app('apps', 'argocd/apps'),
  'argocd/apps/children.yaml': `${app('cv', 'argocd/manifests/cv')}---\n${app('immich', 'argocd/manifests/immich')}`,
  'ansible/playbooks/indri.yml': '- hosts: indri\n  tasks: []\n',
  'ansible/inventory/hosts.yml': 'all:\n  hosts:\n    indri: {}\n',
  'ansible/roles/caddy/tasks/main.yml': '- name: install\n  ansible.builtin.package: { name: caddy }\n',
  'pulumi/dns/Pulumi.yaml': 'name: dns\nruntime: yaml\n',
  'pulumi/dns/Pulumi.prod.yaml': 'config: {}\n',
  'pulumi/tailscale/Pulumi.yaml': 'name: blumeops-tailnet\nruntime: yaml\n',
  'pulumi/tailscale/Pulumi.tail8d86e.yaml': 'config: {}\n',
};

describe('scanRepo + finishLayers', () => {
  it('asks every kind, orders Pulumi → hosts → Kubernetes, and suggests needs', async () => {
    const { layers, skipped } = scanRepo(view(HOMELAB), await detectors());
    expect(skipped).toEqual([]);
    expect(finishLayers(layers).map(({ name, kind, needs }) => ({ name, kind, needs }))).toEqual([
      { name: 'dns', kind: 'pulumi', needs: [] },
      { name: 'tailnet', kind: 'pulumi', needs: [] },
      { name: 'indri', kind: 'ansible', needs: ['tailnet'] },
      { name: 'argocd', kind: 'argocd', needs: ['indri'] },
    ]);
  });

  it('makes names unique across kinds', async () => {
    const { layers } = scanRepo(view({ 'indri/Pulumi.yaml': 'name: x\n', 'indri/Pulumi.dev.yaml': '', 'indri.yml': '- hosts: all\n' }), await detectors());
    expect(finishLayers(layers).map((layer) => layer.name)).toEqual(['indri', 'indri-ansible']);
  });
});

describe('walk and scannedFiles', () => {
  it('walks a folder outside Git without .git or node_modules and without following links; layers are not looked for in hidden folders', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'blumeops-init-'));
    for (const file of ['a/Pulumi.yaml', '.git/config', 'node_modules/x/Pulumi.yaml', '.venv/site.yml', 'b/c/d.yml', '.mise/tasks/up']) {
      mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      writeFileSync(path.join(dir, file), 'x: 1\n');
    }
    symlinkSync(path.join(dir, 'a'), path.join(dir, 'loop'));
    const files = walk(dir);
    expect(files).toEqual(['.mise/tasks/up', '.venv/site.yml', 'a/Pulumi.yaml', 'b/c/d.yml']);
    expect(scannedFiles(files)).toEqual(['a/Pulumi.yaml', 'b/c/d.yml']);
    expect(fileReader(dir)('b/c/d.yml')).toBe('x: 1\n');
    expect(fileReader(dir)('missing.yml')).toBeUndefined();
  });
});

import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoView } from './repo-view.js';
import { scanRepo } from './scan.js';
import { fileReader, listFiles } from './walk.js';

const view = (files: Record<string, string>) => repoView(Object.keys(files), (file) => files[file]);

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
  'pulumi/tailscale/Pulumi.yaml': 'name: blumeops-tailnet\nruntime: yaml\n',
  'pulumi/tailscale/Pulumi.tail8d86e.yaml': 'config: {}\n',
  'ansible/playbooks/indri.yml': '- hosts: indri\n  tasks: []\n',
  'ansible/inventory/hosts.yml': 'all:\n  hosts:\n    indri: {}\n',
  'ansible/roles/caddy/tasks/main.yml': '- name: install\n  ansible.builtin.package: { name: caddy }\n',
  'argocd/apps/apps.yaml': app('apps', 'argocd/apps'),
  'argocd/apps/children.yaml': `${app('cv', 'argocd/manifests/cv')}---\n${app('immich', 'argocd/manifests/immich')}`,
  'argocd/manifests/cv/deployment.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: cv }\n',
};

describe('scanRepo', () => {
  it('finds the three layers of a typical homelab, with reasons and suggested needs', () => {
    const { layers, skipped } = scanRepo(view(HOMELAB));
    expect(skipped).toEqual([]);
    expect(layers.map(({ name, kind, config, needs }) => ({ name, kind, config, needs }))).toEqual([
      { name: 'tailnet', kind: 'pulumi', config: { dir: 'pulumi/tailscale', stack: 'tail8d86e' }, needs: [] },
      { name: 'indri', kind: 'ansible', config: { playbook: 'ansible/playbooks/indri.yml', inventory: 'ansible/inventory/hosts.yml', limit: 'indri' }, needs: ['tailnet'] },
      { name: 'argocd', kind: 'argocd', config: { apps: 'argocd/apps', root: 'apps' }, needs: ['indri'] },
    ]);
    expect(layers[0].reason).toBe('pulumi project pulumi/tailscale, stack tail8d86e (Pulumi.tail8d86e.yaml); named tailnet after its project name blumeops-tailnet');
    expect(layers[1].reason).toContain('limit indri (a host in the inventory)');
    expect(layers[2].reason).toContain('root apps (its source path is argocd/apps)');
  });

  it('names pulumi layers after the folder, suffixes several stacks, skips a project without a stack', () => {
    const { layers, skipped } = scanRepo(
      view({
        'infra/dns/Pulumi.yaml': 'name: homelab-dns\nruntime: yaml\n',
        'infra/dns/Pulumi.prod.yaml': 'encryptionsalt: v1:abc\n',
        'infra/dns/Pulumi.lab.yml': 'config: {}\n',
        'infra/net/Pulumi.yml': 'name: tailscale\n',
        'infra/net/Pulumi.home.yaml': '',
        'infra/empty/Pulumi.yaml': 'name: empty\n',
      }),
    );
    expect(layers.map((layer) => [layer.name, layer.config.stack, layer.tier])).toEqual([
      ['dns-lab', 'lab', 'other'],
      ['dns-prod', 'prod', 'other'],
      ['tailnet', 'home', 'tailnet'],
    ]);
    expect(layers[1].notes.join(' ')).toContain('PULUMI_CONFIG_PASSPHRASE');
    expect(skipped).toEqual([{ path: 'infra/empty', reason: expect.stringContaining('no stack file') }]);
  });

  it('finds playbooks anywhere but in roles and vars, and their inventories up to the ansible root', () => {
    const { layers } = scanRepo(
      view({
        'ops/ansible.cfg': '[defaults]\n',
        'ops/hosts': '[web]\nweb1 ansible_host=10.0.0.1\n[web:vars]\nx=1\n[nas:children]\nweb\n',
        'ops/plays/site.yml': '- import_playbook: web.yml\n',
        'ops/plays/web.yml': '- hosts: web\n  roles: [nginx]\n',
        'ops/plays/group_vars/all.yml': '- hosts: not-a-playbook\n',
        'ops/roles/nginx/tasks/main.yml': '- hosts: still-not\n',
        'elsewhere/lonely.yaml': '- name: a play\n  hosts: localhost\n',
        'k8s/list.yaml': '- a\n- b\n',
      }),
    );
    expect(layers.map((layer) => [layer.name, layer.config])).toEqual([
      ['lonely', { playbook: 'elsewhere/lonely.yaml' }],
      ['site', { playbook: 'ops/plays/site.yml', inventory: 'ops/hosts' }],
      ['web', { playbook: 'ops/plays/web.yml', inventory: 'ops/hosts', limit: 'web' }],
    ]);
    expect(layers[0].reason).toContain('no inventory found');
    expect(layers[2].reason).toContain('limit web (a group in the inventory)');
  });

  it('makes one argocd layer per folder, skips a bootstrap folder, and finds a root elsewhere', () => {
    const { layers, skipped } = scanRepo(
      view({
        'k8s/bootstrap/root.yaml': `${app('apps', 'k8s/apps')}---\n${app('infra', 'k8s/infra')}`,
        'k8s/apps/cv.yaml': app('cv', 'charts/cv'),
        'k8s/infra/cert-manager.yaml': app('cert-manager', 'charts/cert-manager'),
        'k8s/other/plain.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: x }\n',
        'k8s/broken/app.yaml': 'kind: Application\napiVersion: argoproj.io/v1alpha1\nmetadata: { name: {{ .Values.name }} }\n',
      }),
    );
    expect(layers.map((layer) => [layer.name, layer.config, layer.needs])).toEqual([
      ['argocd-apps', { apps: 'k8s/apps', root: 'apps' }, []],
      ['argocd-infra', { apps: 'k8s/infra', root: 'infra' }, []],
    ]);
    expect(layers[0].reason).toContain('manifest in k8s/bootstrap');
    expect(skipped).toEqual([{ path: 'k8s/bootstrap', reason: expect.stringContaining('only the root app(s) apps, infra') }]);
  });

  it('says when an apps folder has no root', () => {
    const { layers } = scanRepo(view({ 'argocd/cv.yaml': app('cv', 'charts/cv') }));
    expect(layers[0]).toMatchObject({ name: 'argocd', config: { apps: 'argocd' } });
    expect(layers[0].reason).toContain('no root app');
  });
});

describe('listFiles', () => {
  it('lists a temp repo without hidden folders, node_modules or symlinked folders', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'blumeops-init-'));
    for (const file of ['a/Pulumi.yaml', '.git/config', 'node_modules/x/Pulumi.yaml', '.venv/site.yml', 'b/c/d.yml']) {
      mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      writeFileSync(path.join(dir, file), 'x: 1\n');
    }
    symlinkSync(path.join(dir, 'a'), path.join(dir, 'loop'));
    expect(listFiles(dir)).toEqual(['a/Pulumi.yaml', 'b/c/d.yml']);
    expect(fileReader(dir)('b/c/d.yml')).toBe('x: 1\n');
    expect(fileReader(dir)('missing.yml')).toBeUndefined();
  });
});

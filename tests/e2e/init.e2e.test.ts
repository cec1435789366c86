import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { blumeops } from '../helpers/cli.js';
import { makeRepo } from '../helpers/repo.js';

const app = (name: string, appPath: string) => `apiVersion: argoproj.io/v1alpha1
kind: Application
metadata:
  name: ${name}
  namespace: argocd
spec:
  project: default
  source:
    repoURL: https://git.example.invalid/erich/infra.git
    path: ${appPath}
    targetRevision: main
  destination:
    server: https://kubernetes.default.svc
    namespace: ${name}
`;

const MISE_TOML = '# the old tasks\n[tasks.tailnet-up]\nrun = "cd pulumi/tailscale && pulumi up --stack tail8d86e"\n';

/** A typical homelab infra repo before blumeops: Pulumi, Ansible, ArgoCD and one hand-written mise task. */
const HOMELAB = {
  'pulumi/tailscale/Pulumi.yaml': 'name: blumeops-tailnet\nruntime: yaml\nresources: {}\n',
  'pulumi/tailscale/Pulumi.tail8d86e.yaml': 'config:\n  tailscale:tailnet: tail8d86e.ts.net\n',
  'ansible/playbooks/indri.yml': '- name: indri\n  hosts: indri\n  roles: [caddy]\n',
  'ansible/roles/caddy/tasks/main.yml': '- name: install caddy\n  ansible.builtin.package: { name: caddy }\n',
  'ansible/inventory/hosts.yml': 'all:\n  hosts:\n    indri:\n      ansible_host: indri.tail8d86e.ts.net\n',
  'argocd/apps/apps.yaml': app('apps', 'argocd/apps'),
  'argocd/apps/cv.yaml': app('cv', 'argocd/manifests/cv'),
  'argocd/apps/immich.yaml': app('immich', 'argocd/manifests/immich'),
  'mise.toml': MISE_TOML,
};

describe('blumeops init', () => {
  it('writes a blumeops.yaml that `blumeops layers` accepts, explains each layer, and adds the mise wrappers', async () => {
    const repo = makeRepo(HOMELAB);
    // From a subfolder: the repo is the Git top level.
    const init = await blumeops(['init', '--mise', '--yes'], { cwd: path.join(repo, 'ansible/playbooks') });
    expect(init.code, init.stderr).toBe(0);
    expect(init.stdout).toContain('  tailnet: pulumi project pulumi/tailscale, stack tail8d86e (Pulumi.tail8d86e.yaml); named tailnet after its project name blumeops-tailnet\n');
    expect(init.stdout).toContain('  indri: ansible playbook ansible/playbooks/indri.yml, inventory ansible/inventory/hosts.yml, limit indri (a host in the inventory)\n');
    expect(init.stdout).toContain('  argocd: argocd Applications in argocd/apps (3: apps, cv, immich), root apps (its source path is argocd/apps)\n');
    expect(init.stdout).toContain('indri needs tailnet; argocd needs indri');
    expect(init.stdout).toContain(`wrote ${path.join(repo, 'blumeops.yaml')}`);
    expect(init.stdout).toContain('  tailnet-up (mise.toml) drives tailnet (apply): adopted stack tail8d86e (its --stack)\n');
    expect(init.stdout).toContain('rewrote as blumeops wrappers (the old scripts stay in Git history): tailnet-up\n');

    const config = readFileSync(path.join(repo, 'blumeops.yaml'), 'utf8');
    expect(config).toMatch(/^(#.*\n)*version: 1\n/);
    expect(config).toContain('# suggested order, tailnet → hosts → Kubernetes: check it');

    const mise = readFileSync(path.join(repo, 'mise.toml'), 'utf8');
    expect(mise.startsWith('# the old tasks\n[tasks.tailnet-up]\nrun = "blumeops up tailnet"\n')).toBe(true);
    // tailnet had a task: it gets no new ones; the other layers get both verbs.
    expect(mise).not.toContain('tailnet-preview');
    for (const [task, run] of [['provision-indri', 'provision indri'], ['check-indri', 'check indri'], ['argocd-sync', 'sync argocd'], ['argocd-diff', 'diff argocd'], ['blumeops-plan', 'plan'], ['blumeops-status', 'status']]) {
      expect(mise).toContain(`[tasks.${task}]\ndescription = `);
      expect(mise).toContain(`run = "blumeops ${run}"\n`);
    }

    const layers = await blumeops(['layers', '--json'], { cwd: repo });
    expect(layers.code, layers.stderr).toBe(0);
    const listed = (JSON.parse(layers.stdout) as { layers: { name: string; kind: string; needs: string[] }[] }).layers;
    expect(listed.map(({ name, kind, needs }) => ({ name, kind, needs }))).toEqual([
      { name: 'tailnet', kind: 'pulumi', needs: [] },
      { name: 'indri', kind: 'ansible', needs: ['tailnet'] },
      { name: 'argocd', kind: 'argocd', needs: ['indri'] },
    ]);
    const plain = await blumeops(['layers'], { cwd: repo });
    expect(plain.code).toBe(0);
    expect(plain.stdout).toMatch(/^indri +ansible +check\/provision +tailnet /m);
  });

  it('refuses to overwrite blumeops.yaml without --force, and overwrites it with --force (JSON output)', async () => {
    const repo = makeRepo({ ...HOMELAB, 'blumeops.yaml': 'version: 1\nlayers: {}\n' });
    const refused = await blumeops(['init'], { cwd: repo });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`error: ${path.join(repo, 'blumeops.yaml')} exists already: left as it is`);
    expect(refused.stderr).toContain('hint: pass --force');
    expect(readFileSync(path.join(repo, 'blumeops.yaml'), 'utf8')).toBe('version: 1\nlayers: {}\n');
    const empty = await blumeops(['init', '--mise'], { cwd: repo });
    expect(empty.code).toBe(1);
    expect(empty.stderr).toContain('has no layers: there is nothing to make mise wrappers for');
    expect(readFileSync(path.join(repo, 'mise.toml'), 'utf8')).toBe(MISE_TOML);

    const forced = await blumeops(['init', '--force', '--json', '--mise', '--yes', '-C', repo], { cwd: '/' });
    expect(forced.code, forced.stderr).toBe(0);
    expect(forced.stderr).toContain('  tailnet: pulumi project pulumi/tailscale');
    const document = JSON.parse(forced.stdout);
    expect(document).toMatchObject({
      version: 1,
      file: path.join(repo, 'blumeops.yaml'),
      keptConfig: false,
      layers: [
        { name: 'tailnet', kind: 'pulumi', reason: expect.stringContaining('stack tail8d86e'), config: { dir: 'pulumi/tailscale', stack: 'tail8d86e' } },
        { name: 'indri', kind: 'ansible', reason: expect.any(String), config: { playbook: 'ansible/playbooks/indri.yml', inventory: 'ansible/inventory/hosts.yml', limit: 'indri', needs: ['tailnet'] } },
        { name: 'argocd', kind: 'argocd', reason: expect.any(String), config: { apps: 'argocd/apps', root: 'apps', needs: ['indri'] } },
      ],
      skipped: [],
      mise: {
        file: 'mise.toml',
        rewritten: ['tailnet-up'],
        added: ['provision-indri', 'check-indri', 'argocd-sync', 'argocd-diff', 'blumeops-plan', 'blumeops-status'],
        kept: [],
        refused: [],
      },
      written: ['blumeops.yaml', 'mise.toml'],
      declined: false,
    });
    expect(document.tasks).toEqual([{ name: 'tailnet-up', file: 'mise.toml', layer: 'tailnet', verb: 'apply', wrapper: false, adopted: ['stack tail8d86e (its --stack)'], notUnderstood: [], blocked: null }]);
    expect(readFileSync(path.join(repo, 'blumeops.yaml'), 'utf8')).toContain('  argocd:\n    kind: argocd\n');
    expect((await blumeops(['layers'], { cwd: repo })).code).toBe(0);

    // The wrappers are there now: a second --force --mise finds nothing to change, so it asks nothing.
    const again = await blumeops(['init', '--force', '--mise', '--json'], { cwd: repo });
    expect(again.code, again.stderr).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ mise: { added: [], rewritten: [] }, written: [] });
    expect(again.stderr).toMatch(/^mise tasks that exist already, left as they are: .*blumeops-status/m);
  });
});

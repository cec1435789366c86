/** The ansible kind: a playbook + inventory, planned with `--check --diff`, applied by running it. */
import type { Reconciler } from '../../src/reconciler.js';
import { clean, findAnsibleCfg, parent } from './ansible-cfg.js';
import { ansibleProbes } from './probes.js';
import type { AnsibleConfig } from './schema.js';

const SIDE_DIRS = ['roles', 'group_vars', 'host_vars', 'ansible.cfg'];

export const reconciler = {
  kind: 'ansible',
  description: 'Hosts configured by an Ansible playbook (check: --check --diff; provision: run it)',
  verbs: { apply: 'provision', plan: 'check' },
  tools: [
    {
      name: 'ansible-playbook',
      install: 'apt-get install ansible-core (Debian/Ubuntu), or pipx install ansible-core',
      versionArgs: ['--version'],
      minVersion: '2.14.0',
    },
  ],
  loadSchema: async () => (await import('./schema.js')).AnsibleConfig,
  defaultPaths,
  plan: async (ctx) => (await import('./plan.js')).planAnsible(ctx),
  apply: async (ctx, plan) => (await import('./apply.js')).applyAnsible(ctx, plan),
  detect: async () => (await import('./detect.js')).detector,
  describe: async (ctx) => (await import('./describe.js')).describeAnsible(ctx),
  probes: ansibleProbes,
  toolConfig: findAnsibleCfg,
} satisfies Reconciler<AnsibleConfig>;

/**
 * The playbook, the inventory, and roles/, group_vars/, host_vars/ and ansible.cfg beside each — and
 * beside the playbook's folder too, for the common `ansible/playbooks/x.yml` + `ansible/roles/` layout
 * — and the layer's ansible.cfg with the same folders beside it.
 */
function defaultPaths(config: AnsibleConfig, repoDir?: string): string[] {
  const paths = [clean(config.playbook)];
  const playbookDir = parent(config.playbook);
  const dirs = [playbookDir];
  if (playbookDir !== '.') dirs.push(parent(playbookDir));
  const cfg = repoDir === undefined ? (config.config && clean(config.config)) : findAnsibleCfg(config, repoDir);
  if (cfg) {
    paths.push(cfg);
    dirs.push(parent(cfg));
  }
  // `localhost,` is an inline host list, not a file.
  if (config.inventory && !config.inventory.includes(',')) {
    paths.push(clean(config.inventory));
    dirs.push(parent(config.inventory));
  }
  for (const dir of dirs) for (const side of SIDE_DIRS) paths.push(dir === '.' ? side : `${dir}/${side}`);
  return [...new Set(paths)];
}

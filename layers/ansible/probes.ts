/**
 * What `doctor` checks for an ansible layer, run where the layer runs (the folder of its ansible.cfg):
 * that the ansible.cfg reads, and that the inventory parses — the layer's `inventory`, else the one
 * its ansible.cfg names. Light on purpose: index.ts loads it for `doctor` and `layers`.
 */
import path from 'node:path';
import type { DoctorProbe } from '../../src/reconciler.js';
import { cfgDefaults, clean, findAnsibleCfg, parent } from './ansible-cfg.js';
import type { AnsibleConfig } from './schema.js';

// ansible-inventory exits 0 even when it cannot parse the inventory: only its warning tells.
const UNPARSED = 'Unable to parse .*? as an inventory source';

export function ansibleProbes(config: AnsibleConfig, repoDir: string): DoctorProbe[] {
  const cfg = findAnsibleCfg(config, repoDir);
  const cwd = cfg ? parent(cfg) : '.';
  const env = cfg ? { ANSIBLE_CONFIG: path.join(repoDir, cfg) } : undefined;
  const probes: DoctorProbe[] = [];
  if (cfg) {
    probes.push({
      name: `ansible.cfg ${cfg}`,
      tool: 'ansible-config',
      args: ['dump', '--only-changed'],
      cwd,
      env,
      fix: `fix ${cfg}; \`ansible-config dump --only-changed\` in ${cwd} shows what ansible reads from it`,
    });
  }
  const inventory = config.inventory && !config.inventory.includes(',') ? config.inventory : undefined;
  if (inventory) {
    const relative = path.relative(path.join(repoDir, cwd), path.join(repoDir, clean(inventory))) || '.';
    probes.push({ name: 'inventory', tool: 'ansible-inventory', args: ['-i', relative, '--list'], json: true, failsOn: UNPARSED, cwd, env, fix: `fix the inventory; \`ansible-inventory -i ${relative} --list\`${cfg ? ` in ${cwd}` : ''} shows the parse errors` });
  } else if (cfg && cfgDefaults(repoDir, cfg).inventory) {
    probes.push({ name: `inventory (from ${cfg})`, tool: 'ansible-inventory', args: ['--list'], json: true, failsOn: UNPARSED, cwd, env, fix: `fix the inventory that ${cfg} names; \`ansible-inventory --list\` in ${cwd} shows the parse errors` });
  }
  return probes;
}

/**
 * `blumeops init` for Ansible: every playbook (a YAML file whose top level is a list of plays: maps
 * with `hosts:`, or playbook imports) becomes a layer named after its file (`indri.yml` → `indri`),
 * with the ansible.cfg that governs it, the inventory (the ansible.cfg's, else one found beside it)
 * and `limit: <name>` when that inventory has a host or group of that name. An old task that runs
 * `ansible-playbook` on it gives the layer its flags and env (adopt.ts).
 */
import { baseOf, dirOf, isRecord, joinPath, type RepoView } from '../../src/detect/repo-view.js';
import type { Detection, Detector } from '../../src/detect/types.js';
import { adoptAnsibleTask } from './detect-adopt.js';
import { cfgInventory, findInventory, governingCfg, inventoryNames } from './detect-inventory.js';

/** Folders that hold parts of playbooks (task lists, variables), never playbooks themselves. */
const NOT_PLAYBOOKS = /(^|\/)(roles|group_vars|host_vars|collections|molecule)\//;
const IMPORT_KEYS = ['import_playbook', 'ansible.builtin.import_playbook'];

export const detector: Detector = { scan: scanAnsible, adopt: adoptAnsibleTask };

export function scanAnsible(repo: RepoView): Detection {
  const result: Detection = { layers: [], skipped: [] };
  for (const file of repo.files) {
    if (!/\.ya?ml$/i.test(file) || NOT_PLAYBOOKS.test(file) || !isPlaybook(repo.yaml(file))) continue;
    const stem = baseOf(file).replace(/\.ya?ml$/i, '');
    const config: Record<string, string> = { playbook: file };
    const found = [`ansible playbook ${file}`];
    const notes: string[] = [];
    const cfg = governingCfg(repo, file);
    let inventory: string | undefined;
    if (cfg) {
      config.config = cfg;
      const fromCfg = cfgInventory(repo, cfg);
      if (fromCfg) {
        inventory = fromCfg;
        found.push(`ansible.cfg ${cfg} (inventory ${fromCfg})`);
      } else found.push(`ansible.cfg ${cfg}`);
      const requirements = ['requirements.yml', 'requirements.yaml', 'collections/requirements.yml'].map((name) => joinPath(dirOf(cfg), name)).find((name) => repo.files.includes(name));
      if (requirements) notes.push(`the playbook may need what ${requirements} lists: ansible-galaxy install -r ${requirements}`);
    }
    if (!inventory) {
      inventory = findInventory(repo, file);
      if (inventory) {
        config.inventory = inventory;
        found.push(`inventory ${inventory}`);
      } else found.push("no inventory found beside it (ansible's default is used)");
    }
    if (inventory) {
      const names = inventoryNames(repo, inventory);
      const role = names.hosts.has(stem) ? 'host' : names.groups.has(stem) ? 'group' : undefined;
      if (role) {
        config.limit = stem;
        found.push(`limit ${stem} (a ${role} in the inventory)`);
      }
    }
    result.layers.push({ name: stem, kind: 'ansible', reason: found.join(', '), config, tier: 'hosts', notes });
  }
  return result;
}

/** A list of plays: every item a map with `hosts:` or a playbook import, at least one item. */
export function isPlaybook(docs: unknown[] | undefined): boolean {
  if (!docs || docs.length !== 1) return false;
  const plays = docs[0];
  return (
    Array.isArray(plays) &&
    plays.length > 0 &&
    plays.every((play) => isRecord(play) && ('hosts' in play || IMPORT_KEYS.some((key) => key in play)))
  );
}

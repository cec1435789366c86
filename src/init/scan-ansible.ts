import type { ScanResult } from './candidate.js';
import { findInventory, inventoryNames } from './inventory.js';
import { baseOf, isRecord, type RepoView } from './repo-view.js';

/** Folders that hold parts of playbooks (task lists, variables), never playbooks themselves. */
const NOT_PLAYBOOKS = /(^|\/)(roles|group_vars|host_vars|collections|molecule)\//;
const IMPORT_KEYS = ['import_playbook', 'ansible.builtin.import_playbook'];

/**
 * Every playbook (a YAML file whose top level is a list of plays: maps with `hosts:`, or playbook
 * imports) becomes an ansible layer named after its file (`indri.yml` → `indri`), with the inventory
 * found beside it, and `limit: <name>` when that inventory has a host or group of that name.
 */
export function scanAnsible(repo: RepoView): ScanResult {
  const result: ScanResult = { layers: [], skipped: [] };
  for (const file of repo.files) {
    if (!/\.ya?ml$/i.test(file) || NOT_PLAYBOOKS.test(file) || !isPlaybook(repo.yaml(file))) continue;
    const stem = baseOf(file).replace(/\.ya?ml$/i, '');
    const config: Record<string, string> = { playbook: file };
    const found = [`ansible playbook ${file}`];
    const inventory = findInventory(repo, file);
    if (inventory) {
      config.inventory = inventory;
      found.push(`inventory ${inventory}`);
      const names = inventoryNames(repo, inventory);
      const role = names.hosts.has(stem) ? 'host' : names.groups.has(stem) ? 'group' : undefined;
      if (role) {
        config.limit = stem;
        found.push(`limit ${stem} (a ${role} in the inventory)`);
      }
    } else {
      found.push("no inventory found beside it (ansible's default is used)");
    }
    result.layers.push({ name: stem, kind: 'ansible', reason: found.join(', '), config, tier: 'hosts', needs: [], notes: [] });
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

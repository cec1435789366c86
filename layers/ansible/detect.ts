/**
 * `blumeops init` for Ansible: every playbook (a YAML file whose top level is a list of plays: maps
 * with `hosts:`, or playbook imports) becomes a layer named after its file (`indri.yml` → `indri`),
 * with the ansible.cfg that governs it, the inventory (the ansible.cfg's, else one found beside it)
 * and `limit: <name>` when that inventory has a host or group of that name. An old task that runs
 * `ansible-playbook` on it gives the layer its flags and env (adopt.ts).
 */
import { baseOf, dirOf, isRecord, joinPath, type RepoView } from '../../src/detect/repo-view.js';
import type { Detection, Detector } from '../../src/detect/types.js';
import { readCfgDefaults } from './ansible-cfg.js';
import { adoptAnsibleTask } from './detect-adopt.js';
import { findInventory, inventoryNames } from './detect-inventory.js';

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

/** The nearest ansible.cfg upward from the playbook's folder, within the repo (as the layer finds it). */
export function governingCfg(repo: RepoView, playbook: string): string | undefined {
  for (let dir = dirOf(playbook); ; dir = dirOf(dir)) {
    const candidate = joinPath(dir, 'ansible.cfg');
    if (repo.files.includes(candidate)) return candidate;
    if (dir === '.') return undefined;
  }
}

/** The first inventory an ansible.cfg names, repo-relative (ansible resolves it against the file's folder). */
export function cfgInventory(repo: RepoView, cfg: string): string | undefined {
  const value = readCfgDefaults(repo.text(cfg) ?? '').inventory;
  const first = value?.split(',').map((entry) => entry.trim()).find(Boolean);
  if (!first || first.startsWith('/') || first.startsWith('~')) return first;
  const parts = joinPath(dirOf(cfg), first).split('/');
  const out: string[] = [];
  for (const part of parts) {
    if (part === '..') out.pop();
    else if (part !== '.' && part !== '') out.push(part);
  }
  return out.join('/') || '.';
}

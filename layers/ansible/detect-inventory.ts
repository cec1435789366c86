import { baseOf, dirOf, isRecord, joinPath, type RepoView } from '../../src/detect/repo-view.js';
import { readCfgDefaults } from './ansible-cfg.js';

/** Inventory files looked for in each folder, best first; `inventory/` as a folder comes after its hosts files. */
const INVENTORY_FILES = ['inventory/hosts.yml', 'inventory/hosts.yaml', 'inventory/hosts.ini', 'inventory/hosts'];
const LATER_FILES = ['inventory.yml', 'inventory.yaml', 'inventory.ini', 'inventory', 'hosts.yml', 'hosts.yaml', 'hosts.ini', 'hosts'];
const SIDE_DIRS = /(^|\/)(group_vars|host_vars)\//;

/**
 * The inventory of a playbook: looked for beside it, then in each parent folder up to the ansible
 * root (the nearest folder with an ansible.cfg, else the nearest one called `ansible`, else the repo
 * root). In each folder: inventory/hosts.{yml,yaml,ini}, inventory/hosts, the inventory/ folder,
 * inventory.{yml,yaml,ini}, inventory, hosts.{yml,yaml,ini}, hosts.
 */
export function findInventory(repo: RepoView, playbook: string): string | undefined {
  const files = new Set(repo.files);
  const root = ansibleRoot(repo, dirOf(playbook));
  for (let dir = dirOf(playbook); ; dir = dirOf(dir)) {
    const found =
      INVENTORY_FILES.map((name) => joinPath(dir, name)).find((file) => files.has(file)) ??
      inventoryDir(repo, joinPath(dir, 'inventory')) ??
      LATER_FILES.map((name) => joinPath(dir, name)).find((file) => files.has(file) && !isPlaybookLike(repo, file));
    if (found) return found;
    if (dir === root || dir === '.') return undefined;
  }
}

/** Host and group names an inventory (file or folder, YAML or INI) defines. */
export function inventoryNames(repo: RepoView, inventory: string): { hosts: Set<string>; groups: Set<string> } {
  const names = { hosts: new Set<string>(), groups: new Set<string>() };
  const files = repo.files.includes(inventory) ? [inventory] : repo.files.filter((file) => file.startsWith(`${inventory}/`) && !SIDE_DIRS.test(file));
  for (const file of files) {
    const docs = repo.yaml(file);
    if (docs) for (const doc of docs) readYamlGroups(doc, names);
    else readIni(repo.text(file) ?? '', names);
  }
  return names;
}

function ansibleRoot(repo: RepoView, start: string): string {
  const dirs: string[] = [];
  for (let dir = start; ; dir = dirOf(dir)) {
    dirs.push(dir);
    if (dir === '.') break;
  }
  return dirs.find((dir) => repo.files.includes(joinPath(dir, 'ansible.cfg'))) ?? dirs.find((dir) => baseOf(dir) === 'ansible') ?? '.';
}

/** inventory/ as a folder: its one inventory file when it has one, else the folder itself. */
function inventoryDir(repo: RepoView, dir: string): string | undefined {
  const inside = repo.files.filter((file) => file.startsWith(`${dir}/`) && !SIDE_DIRS.test(file));
  if (inside.length === 0) return undefined;
  return inside.length === 1 ? inside[0] : dir;
}

function isPlaybookLike(repo: RepoView, file: string): boolean {
  return Array.isArray(repo.yaml(file)?.[0]);
}

function readYamlGroups(doc: unknown, names: { hosts: Set<string>; groups: Set<string> }): void {
  if (!isRecord(doc)) return;
  for (const [group, body] of Object.entries(doc)) {
    names.groups.add(group);
    if (!isRecord(body)) continue;
    if (isRecord(body.hosts)) for (const host of Object.keys(body.hosts)) names.hosts.add(host);
    if (isRecord(body.children)) readYamlGroups(body.children, names);
  }
}

function readIni(text: string, names: { hosts: Set<string>; groups: Set<string> }): void {
  let section: 'hosts' | 'children' | 'vars' = 'hosts';
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || line.startsWith(';')) continue;
    const header = /^\[([^\]]+)\]$/.exec(line);
    if (header) {
      const [group, suffix] = header[1].split(':');
      names.groups.add(group);
      section = suffix === 'children' ? 'children' : suffix === 'vars' ? 'vars' : 'hosts';
      continue;
    }
    const first = line.split(/\s+/)[0];
    if (section === 'hosts') names.hosts.add(first);
    else if (section === 'children') names.groups.add(first);
  }
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

/**
 * The ansible.cfg that governs a layer, and where ansible-playbook runs for it. ansible reads
 * `./ansible.cfg` from its working directory only, and resolves the relative paths in it
 * (`inventory`, `roles_path`, …) against the file's own folder: so a layer runs in that folder,
 * exactly as the old `cd ansible && ansible-playbook …` task did.
 */
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { AnsibleConfig } from './schema.js';

export const CFG_NAME = 'ansible.cfg';

/**
 * The repo-relative path of the layer's ansible.cfg: the `config` key when set, else the nearest
 * ansible.cfg upward from the playbook's folder up to the repo root (`repoDir`); undefined when none.
 */
export function findAnsibleCfg(config: Pick<AnsibleConfig, 'playbook' | 'config'>, repoDir: string): string | undefined {
  if (config.config) return clean(config.config);
  for (let dir = parent(clean(config.playbook)); ; dir = parent(dir)) {
    const candidate = dir === '.' ? CFG_NAME : `${dir}/${CFG_NAME}`;
    if (isFile(path.join(repoDir, candidate))) return candidate;
    if (dir === '.') return undefined;
  }
}

/**
 * The `[defaults]` keys of an ansible.cfg (lower-cased names, values trimmed). Hand-written because
 * only this one section of Python's configparser INI is read, and no INI library is a dependency:
 * `key = value` or `key: value`, whole-line `#`/`;` comments, inline ` ;` comments (as ansible's
 * parser strips them), indented continuation lines joined.
 */
export function readCfgDefaults(text: string): Record<string, string> {
  const values: Record<string, string> = {};
  let section = '';
  let last: string | undefined;
  for (const raw of text.split(/\r?\n/)) {
    if (/^\s*([#;]|$)/.test(raw)) continue;
    const header = /^\s*\[([^\]]+)\]\s*$/.exec(raw);
    if (header) {
      section = header[1].trim().toLowerCase();
      last = undefined;
      continue;
    }
    if (section !== 'defaults') continue;
    if (/^\s/.test(raw) && last !== undefined) {
      values[last] = `${values[last]}\n${stripComment(raw).trim()}`.trim();
      continue;
    }
    const entry = /^([^=:]+?)\s*[=:]\s*(.*)$/.exec(raw);
    if (!entry) continue;
    last = entry[1].trim().toLowerCase();
    values[last] = stripComment(entry[2]).trim();
  }
  return values;
}

/** The `[defaults]` of the repo's ansible.cfg at `cfg` (repo-relative); empty when unreadable. */
export function cfgDefaults(repoDir: string, cfg: string | undefined): Record<string, string> {
  if (!cfg) return {};
  try {
    return readCfgDefaults(readFileSync(path.join(repoDir, cfg), 'utf8'));
  } catch {
    return {};
  }
}

function stripComment(value: string): string {
  const at = value.search(/\s;/);
  return at === -1 ? value : value.slice(0, at);
}

function isFile(file: string): boolean {
  try {
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

export function clean(file: string): string {
  return file.replace(/\\/g, '/').replace(/^(?:\.\/)+/, '').replace(/\/+$/, '') || '.';
}

export function parent(file: string): string {
  const cleaned = clean(file);
  const slash = cleaned.lastIndexOf('/');
  return slash === -1 ? '.' : cleaned.slice(0, slash);
}

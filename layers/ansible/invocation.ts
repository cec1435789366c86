/** The ansible-playbook command line, working directory and environment for one layer. */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { BlumeopsError } from '../../src/errors.js';
import { cfgDefaults, findAnsibleCfg } from './ansible-cfg.js';
import type { AnsibleConfig } from './schema.js';

/** The callback's file name without `.py` (ANSIBLE_STDOUT_CALLBACK). */
export const CALLBACK_NAME = 'blumeops_events';

/** ansible's own default for callback_plugins, kept after ours when nothing else names any. */
const DEFAULT_CALLBACK_PLUGINS = ['~/.ansible/plugins/callback', '/usr/share/ansible/plugins/callback'];

export type PlaybookMode = 'syntax-check' | 'check' | 'apply';

/** Where ansible runs for a layer, as absolute paths under `dir` (the repo, or a worktree of it). */
export interface Place {
  /** The folder of the layer's ansible.cfg, else `dir`. */
  cwd: string;
  /** The ansible.cfg in use, or undefined when the repo has none for this layer. */
  cfg?: string;
  /** Its `callback_plugins`, resolved against its folder (ansible resolves config paths so). */
  callbackPlugins?: string[];
}

export function placeOf(config: Pick<AnsibleConfig, 'playbook' | 'config'>, dir: string): Place {
  const cfg = findAnsibleCfg(config, dir);
  if (!cfg) return { cwd: dir };
  const file = path.join(dir, cfg);
  const cwd = path.dirname(file);
  const plugins = cfgDefaults(dir, cfg).callback_plugins;
  const callbackPlugins = plugins ? plugins.split(path.delimiter).filter(Boolean).map((entry) => (entry.startsWith('~') ? entry : path.resolve(cwd, entry))) : undefined;
  return { cwd, cfg: file, callbackPlugins };
}

/** A repo-relative path as ansible sees it from `place.cwd` (an inline host list `a,b,` stays as it is). */
export function fromPlace(place: Place, dir: string, repoPath: string): string {
  if (repoPath.includes(',') || path.isAbsolute(repoPath)) return repoPath;
  return path.relative(place.cwd, path.join(dir, repoPath)) || '.';
}

/**
 * `-i`, `--limit`, `--tags`, `--skip-tags`, `--extra-vars <json>`, the mode's flags, the arguments
 * after `--` (unchanged), then the playbook. `at` maps a repo-relative path to the run's cwd.
 */
export function playbookArgs(config: AnsibleConfig, extraArgs: readonly string[], mode: PlaybookMode, at: (repoPath: string) => string = (file) => file): string[] {
  const args: string[] = [];
  if (config.inventory) args.push('-i', at(config.inventory));
  if (config.limit) args.push('--limit', config.limit);
  if (config.tags) args.push('--tags', joinTags(config.tags));
  if (config.skipTags) args.push('--skip-tags', joinTags(config.skipTags));
  if (config.extraVars && Object.keys(config.extraVars).length > 0) {
    args.push('--extra-vars', JSON.stringify(config.extraVars));
  }
  if (mode === 'syntax-check') args.push('--syntax-check');
  else if (mode === 'check') args.push('--check', '--diff');
  else args.push('--diff');
  args.push(...extraArgs, at(config.playbook));
  return args;
}

/**
 * What blumeops sets, and nothing that the operator's ansible.cfg decides (layers/ansible/README.md
 * says why for each): our stdout callback and the folder it is in (before the folders the operator
 * names, so their own callback plugins still load), the ansible.cfg in use, unbuffered Python.
 * `inheritedPlugins` is ANSIBLE_CALLBACK_PLUGINS from blumeops' own environment, which wins over
 * the file for ansible too.
 */
export function ansibleEnv(callbackDir: string, place: Place = { cwd: '.' }, inheritedPlugins?: string): Record<string, string> {
  const theirs = inheritedPlugins ? inheritedPlugins.split(path.delimiter).filter(Boolean) : (place.callbackPlugins ?? DEFAULT_CALLBACK_PLUGINS);
  const env: Record<string, string> = {
    ANSIBLE_STDOUT_CALLBACK: CALLBACK_NAME,
    ANSIBLE_CALLBACK_PLUGINS: [callbackDir, ...theirs.filter((dir) => dir !== callbackDir)].join(path.delimiter),
    PYTHONUNBUFFERED: '1',
  };
  if (place.cfg) env.ANSIBLE_CONFIG = place.cfg;
  return env;
}

/** Everything a run needs: cwd, env and the argument mapping, from the layer's config and `dir`. */
export function invocation(config: AnsibleConfig, dir: string, callbackDir: string, inheritedPlugins = process.env.ANSIBLE_CALLBACK_PLUGINS) {
  const place = placeOf(config, dir);
  if (config.config && !existsSync(path.join(dir, config.config))) {
    throw new BlumeopsError(`the ansible.cfg ${config.config} (the layer's \`config\`) does not exist`, {
      hint: 'config: is repo-relative; remove it to use the nearest ansible.cfg upward from the playbook',
    });
  }
  return {
    place,
    cwd: place.cwd,
    env: ansibleEnv(callbackDir, place, inheritedPlugins),
    args: (extraArgs: readonly string[], mode: PlaybookMode) => playbookArgs(config, extraArgs, mode, (file) => fromPlace(place, dir, file)),
  };
}

function joinTags(tags: string | string[]): string {
  return typeof tags === 'string' ? tags : tags.join(',');
}

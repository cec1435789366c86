/** The ansible-playbook command line and environment for one layer (pure). */
import type { AnsibleConfig } from './schema.js';

/** The callback's file name without `.py` (ANSIBLE_STDOUT_CALLBACK). */
export const CALLBACK_NAME = 'blumeops_events';

export type PlaybookMode = 'syntax-check' | 'check' | 'apply';

/**
 * `-i`, `--limit`, `--tags`, `--skip-tags`, `--extra-vars <json>`, the mode's flags, the arguments
 * after `--` (unchanged), then the playbook. Paths stay repo-relative: the run's cwd is the repo.
 */
export function playbookArgs(config: AnsibleConfig, extraArgs: readonly string[], mode: PlaybookMode): string[] {
  const args: string[] = [];
  if (config.inventory) args.push('-i', config.inventory);
  if (config.limit) args.push('--limit', config.limit);
  if (config.tags) args.push('--tags', joinTags(config.tags));
  if (config.skipTags) args.push('--skip-tags', joinTags(config.skipTags));
  if (config.extraVars && Object.keys(config.extraVars).length > 0) {
    args.push('--extra-vars', JSON.stringify(config.extraVars));
  }
  if (mode === 'syntax-check') args.push('--syntax-check');
  else if (mode === 'check') args.push('--check', '--diff');
  else args.push('--diff');
  args.push(...extraArgs, config.playbook);
  return args;
}

/** Our stdout callback, no colour, no retry files, no host-key prompt, unbuffered events. */
export function ansibleEnv(callbackDir: string): Record<string, string> {
  return {
    ANSIBLE_STDOUT_CALLBACK: CALLBACK_NAME,
    ANSIBLE_CALLBACK_PLUGINS: callbackDir,
    ANSIBLE_NOCOLOR: '1',
    ANSIBLE_RETRY_FILES_ENABLED: '0',
    ANSIBLE_HOST_KEY_CHECKING: 'False',
    PYTHONUNBUFFERED: '1',
  };
}

function joinTags(tags: string | string[]): string {
  return typeof tags === 'string' ? tags : tags.join(',');
}

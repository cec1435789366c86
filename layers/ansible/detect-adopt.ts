/**
 * An old task that runs `ansible-playbook` on a playbook blumeops found: the layer it drives, the
 * flags it passed (`-i`, `--limit`, `--tags`, `-e k=v`), the ansible.cfg of the folder it ran in,
 * and the variables it exported.
 */
import { adoptEnv, readFlags } from '../../src/detect/adopt-helpers.js';
import { joinPath, type RepoView } from '../../src/detect/repo-view.js';
import { repoPath, type TaskScript } from '../../src/detect/task-script.js';
import type { Adoption, DetectedLayer } from '../../src/detect/types.js';
import { governingCfg } from './detect-inventory.js';

const WITH_VALUE = {
  '--inventory': ['-i', '--inventory-file'],
  '--limit': ['-l'],
  '--tags': ['-t'],
  '--skip-tags': [],
  '--extra-vars': ['-e'],
  '--forks': ['-f'],
  '--user': ['-u'],
  '--connection': ['-c'],
  '--become-user': [],
  '--vault-id': [],
  '--vault-password-file': [],
  '--private-key': [],
};
const SWITCHES = { '--check': ['-C'], '--diff': ['-D'], '-v': ['-vv', '-vvv', '-vvvv', '--verbose'], '--become': ['-b'], '--ask-become-pass': ['-K'], '--ask-pass': ['-k'], '--ask-vault-pass': ['-J'] };
/** Switches that ask on the terminal: ansible under blumeops has no one to answer. */
const PROMPTS = new Set(['--ask-become-pass', '--ask-pass', '--ask-vault-pass']);

export function adoptAnsibleTask(task: TaskScript, layers: readonly DetectedLayer[], repo: RepoView): Adoption | undefined {
  const tool = task.steps.find((step) => step.kind === 'command' && step.argv[0] === 'ansible-playbook');
  if (!tool) return undefined;
  const flags = readFlags(tool.argv.slice(1), WITH_VALUE, SWITCHES);
  const playbook = flags.positional[0] === undefined ? undefined : repoPath(flags.positional[0], tool.cwd);
  const layer = layers.find((candidate) => candidate.kind === 'ansible' && candidate.config.playbook === playbook);
  if (!layer) return undefined;
  const adoption: Adoption = { layer, verb: flags.switches.has('--check') ? 'plan' : 'apply', targets: [], config: {}, env: adoptEnv(tool, ['ANSIBLE_CONFIG']), adopted: [], consumed: [tool], notAdopted: [] };
  const skip = (reason: string) => adoption.notAdopted.push({ step: tool, reason });

  const cfg = configOf(tool.env.ANSIBLE_CONFIG, tool.cwd, repo);
  if (cfg) {
    // The one the layer finds by itself needs no key (a hand-written layer without `config:` is not different).
    if (cfg !== governingCfg(repo, layer.config.playbook as string) || layer.config.config !== undefined) adoption.config.config = cfg;
    adoption.adopted.push(`config ${cfg} (${tool.env.ANSIBLE_CONFIG ? 'ANSIBLE_CONFIG' : `the ansible.cfg of ${tool.cwd}, where it ran`})`);
  } else if (layer.config.config) {
    adoption.adopted.push(`note: it ran in ${tool.cwd}, where ansible reads no ansible.cfg; blumeops uses ${layer.config.config as string} (found upward from the playbook): check that this is right`);
  }
  const [inventory, ...moreInventories] = flags.values.get('--inventory') ?? [];
  if (inventory !== undefined) {
    const inline = inventory.includes(',');
    const resolved = inline ? inventory : repoPath(inventory, tool.cwd);
    if (resolved === undefined || moreInventories.length > 0) skip(`-i ${inventory}: give inventory: by hand`);
    else {
      adoption.config.inventory = resolved;
      adoption.adopted.push(`inventory ${resolved} (-i)`);
    }
  }
  const limit = flags.values.get('--limit');
  if (limit) {
    adoption.config.limit = limit.join(',');
    adoption.adopted.push(`limit ${adoption.config.limit}`);
  }
  for (const [flag, key] of [['--tags', 'tags'], ['--skip-tags', 'skipTags']] as const) {
    const tags = flags.values.get(flag)?.flatMap((value) => value.split(',')).filter(Boolean);
    if (tags?.length) {
      adoption.config[key] = tags;
      adoption.adopted.push(`${key} ${tags.join(', ')}`);
    }
  }
  const extraVars: Record<string, string> = {};
  for (const value of flags.values.get('--extra-vars') ?? []) {
    const pairs = value.split(/\s+/).map((pair) => /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(pair));
    if (pairs.every(Boolean)) for (const pair of pairs) extraVars[(pair as RegExpExecArray)[1]] = (pair as RegExpExecArray)[2];
    else skip(`-e ${value}: only key=value pairs are carried over; give extraVars: by hand`);
  }
  if (Object.keys(extraVars).length > 0) {
    adoption.config.extraVars = extraVars;
    adoption.adopted.push(`extraVars ${Object.keys(extraVars).join(', ')}`);
  }
  if (flags.switches.has('--diff')) adoption.adopted.push('--diff (blumeops always runs with --diff)');
  for (const prompt of [...flags.switches].filter((flag) => PROMPTS.has(flag))) skip(`${prompt} asks on the terminal, which ansible under blumeops does not have: use a vault password file, or sudo without a password`);
  if (flags.switches.has('--become')) skip('--become: set `become: true` in the playbook, or `become = True` under [privilege_escalation] in ansible.cfg');
  for (const flag of ['--forks', '--user', '--connection', '--become-user', '--vault-id', '--vault-password-file', '--private-key']) {
    for (const value of flags.values.get(flag) ?? []) skip(`${flag} ${value}: set it in ansible.cfg, or pass it after \`--\``);
  }
  for (const word of [...flags.unknown, ...flags.positional.slice(1)]) skip(`\`${word}\` is not carried over: pass it after \`--\``);
  if (!tool.plain.every(Boolean)) skip('a word blumeops cannot read');
  return adoption;
}

/** ANSIBLE_CONFIG when the task set it, else the ansible.cfg of the folder the task ran in. */
function configOf(fromEnv: { literal: string } | { secret: string } | undefined, cwd: string, repo: RepoView): string | undefined {
  if (fromEnv && 'literal' in fromEnv) return repoPath(fromEnv.literal, cwd);
  const beside = joinPath(cwd, 'ansible.cfg');
  return repo.files.includes(beside) ? beside : undefined;
}

/**
 * `blumeops init` for Pulumi: every folder with a Pulumi.yaml becomes one layer per stack file
 * `Pulumi.<stack>.yaml`, and an old task that runs `pulumi up` / `pulumi preview` there gives the
 * layer its stack, its env and its dependency step (`uv sync`, `npm ci`, … → `prepare`).
 *
 * Naming: the folder's name (`pulumi/gandi` → `gandi`), except that a project whose `name:` says
 * tailnet or tailscale is called `tailnet`. With several stacks each layer gets `-<stack>`. A project
 * without a stack file is skipped, unless an old task names its stack.
 */
import { adoptEnv, readFlags } from '../../src/detect/adopt-helpers.js';
import { baseOf, dirOf, isRecord, joinPath, type RepoView } from '../../src/detect/repo-view.js';
import { repoPath, type TaskScript, type TaskStep } from '../../src/detect/task-script.js';
import type { Adoption, DetectedLayer, Detection, Detector } from '../../src/detect/types.js';

const PROJECT_FILE = /^Pulumi\.ya?ml$/;
const STACK_FILE = /^Pulumi\.(.+)\.ya?ml$/;
const TAILNET = /tailnet|tailscale/i;
/** Package managers whose install step readies a Pulumi program: they become `prepare`. */
const DEPENDENCY_TOOLS = new Set(['uv', 'pip', 'pip3', 'poetry', 'npm', 'pnpm', 'yarn', 'bun', 'go', 'dotnet']);
const GLOBAL_WITH_VALUE = { '--cwd': ['-C'], '--color': [] };
const UP_WITH_VALUE = { ...GLOBAL_WITH_VALUE, '--stack': ['-s'], '--message': ['-m'], '--parallel': ['-p'] };
const UP_SWITCHES = { '--yes': ['-y'], '--skip-preview': ['-f'], '--non-interactive': [], '--diff': [], '--refresh': ['-r'], '--suppress-outputs': [], '--suppress-progress': [] };

export const detector: Detector = { scan: scanPulumi, adopt: adoptPulumiTask };

export function scanPulumi(repo: RepoView): Detection {
  const result: Detection = { layers: [], skipped: [] };
  for (const dir of projectDirs(repo)) {
    const stacks = repo.files.filter((other) => dirOf(other) === dir && STACK_FILE.test(baseOf(other)));
    if (stacks.length === 0) {
      result.skipped.push({ path: dir, reason: `pulumi project ${dir} has no stack file (Pulumi.<stack>.yaml): add its layer by hand with its stack` });
      continue;
    }
    for (const stackFile of stacks) {
      const stack = (STACK_FILE.exec(baseOf(stackFile)) as RegExpExecArray)[1];
      result.layers.push(projectLayer(repo, dir, stack, stacks.length > 1, `stack ${stack} (${baseOf(stackFile)})`));
    }
  }
  return result;
}

function projectDirs(repo: RepoView): string[] {
  return [...new Set(repo.files.filter((file) => PROJECT_FILE.test(baseOf(file))).map(dirOf))];
}

function projectLayer(repo: RepoView, dir: string, stack: string, suffixed: boolean, found: string): DetectedLayer {
  const project = projectName(repo, dir);
  const namedTailnet = project !== undefined && TAILNET.test(project);
  const base = namedTailnet ? 'tailnet' : dir === '.' ? (project ?? 'pulumi') : baseOf(dir);
  return {
    name: suffixed ? `${base}-${stack}` : base,
    kind: 'pulumi',
    reason: `pulumi project ${dir}, ${found}${namedTailnet ? `; named tailnet after its project name ${project}` : ''}`,
    config: { dir, stack },
    tier: namedTailnet || TAILNET.test(baseOf(dir)) ? 'tailnet' : 'other',
    notes: stackNotes(repo, joinPath(dir, `Pulumi.${stack}.yaml`)),
  };
}

function projectName(repo: RepoView, dir: string): string | undefined {
  const file = ['Pulumi.yaml', 'Pulumi.yml'].map((name) => joinPath(dir, name)).find((name) => repo.files.includes(name));
  const doc = file ? repo.yaml(file)?.[0] : undefined;
  return isRecord(doc) && typeof doc.name === 'string' ? doc.name : undefined;
}

/** A stack with a passphrase-encrypted config needs PULUMI_CONFIG_PASSPHRASE; say where it goes. */
function stackNotes(repo: RepoView, stackFile: string): string[] {
  const doc = repo.yaml(stackFile)?.[0];
  if (!isRecord(doc) || typeof doc.encryptionsalt !== 'string') return [];
  return ['this stack encrypts secrets with a passphrase: give it as a secret, e.g.', 'env: { PULUMI_CONFIG_PASSPHRASE: op://vault/item/field }'];
}

/** `pulumi up|preview` in a project folder: which layer, its stack, env and dependency step. */
export function adoptPulumiTask(task: TaskScript, layers: readonly DetectedLayer[], repo: RepoView): Adoption | undefined {
  const tool = task.steps.find((step) => step.kind === 'command' && step.argv[0] === 'pulumi' && verbOf(step.argv) !== undefined);
  if (!tool) return undefined;
  const verb = verbOf(tool.argv) as 'plan' | 'apply';
  const flags = readFlags(tool.argv.slice(1), UP_WITH_VALUE, UP_SWITCHES);
  const dir = repoPath(flags.values.get('--cwd')?.[0] ?? '.', tool.cwd);
  if (dir === undefined || !projectDirs(repo).includes(dir)) return undefined;
  const consumed: TaskStep[] = [tool];
  const notAdopted: Adoption['notAdopted'] = [];
  const adopted: string[] = [];
  let stack = flags.values.get('--stack')?.[0];
  let stackFrom = 'its --stack';
  const before = task.steps.slice(0, task.steps.indexOf(tool));
  for (const step of before.filter((candidate) => candidate.kind === 'command')) {
    const words = step.argv;
    if (words[0] === 'pulumi' && words[1] === 'stack' && words[2] === 'select' && repoPath(readFlags(words.slice(3), GLOBAL_WITH_VALUE, {}).values.get('--cwd')?.[0] ?? '.', step.cwd) === dir) {
      const select = readFlags(words.slice(3), { ...GLOBAL_WITH_VALUE, '--stack': ['-s'], '--secrets-provider': [] }, { '--create': ['-c'], '--non-interactive': [] });
      stack ??= select.values.get('--stack')?.[0] ?? select.positional[0];
      stackFrom = '`pulumi stack select`';
      consumed.push(step);
    } else if (DEPENDENCY_TOOLS.has(words[0]) && step.cwd === dir && step.plain.every(Boolean)) {
      consumed.push(step);
    }
  }
  const prepare = consumed.filter((step) => DEPENDENCY_TOOLS.has(step.argv[0]));
  if (!stack) {
    // No stack named: pulumi uses the one selected in the folder, which is the project's only stack
    // file when there is exactly one; with several (or none) it cannot be told from the repo.
    const own = layers.filter((layer) => layer.kind === 'pulumi' && layer.config.dir === dir);
    if (own.length !== 1) return undefined;
    stack = own[0].config.stack as string;
    stackFrom = `the project's only stack: the task selects none`;
  }
  const layer = matchLayer(repo, layers, dir, stack);
  adopted.push(`stack ${stack} (${stackFrom})`);
  const config: Adoption['config'] = { stack };
  if (prepare.length === 1) {
    const words = prepare[0].argv;
    config.prepare = words.every((word) => /^[^\s|&;<>()$`'"\\*?]+$/.test(word)) ? words.join(' ') : words;
    adopted.push(`prepare: ${words.join(' ')}${prepare[0].fallback ? ' (its `||` fallback: blumeops fails the layer itself, with a hint)' : ''}`);
  } else if (prepare.length > 1) {
    for (const step of prepare) notAdopted.push({ step, reason: 'more than one dependency step: give prepare: by hand (or wrap them in one script)' });
  }
  if (verb === 'apply' && flags.switches.has('--yes')) adopted.push('--yes left out: blumeops shows the plan and asks first (`mise run TASK -- --yes` does not ask)');
  for (const word of flags.unknown) notAdopted.push({ step: tool, reason: `\`${word}\` is not carried over: pass it after \`--\`, e.g. blumeops ${verb === 'apply' ? 'up' : 'preview'} LAYER -- ${word}` });
  if (!tool.plain.every(Boolean)) notAdopted.push({ step: tool, reason: 'a word blumeops cannot read' });
  return { layer, verb, targets: [], config, env: adoptEnv(tool), adopted, consumed, notAdopted };
}

function verbOf(argv: readonly string[]): 'plan' | 'apply' | undefined {
  const sub = readFlags(argv.slice(1), GLOBAL_WITH_VALUE, { '--non-interactive': [] }).positional[0];
  if (sub === 'up' || sub === 'update') return 'apply';
  if (sub === 'preview' || sub === 'pre') return 'plan';
  return undefined;
}

/** The layer of this folder and stack; else the folder's only layer; else a new one for the stack. */
function matchLayer(repo: RepoView, layers: readonly DetectedLayer[], dir: string, stack: string): DetectedLayer {
  const own = layers.filter((layer) => layer.kind === 'pulumi' && layer.config.dir === dir);
  const exact = own.find((layer) => layer.config.stack === stack);
  if (exact) return exact;
  if (own.length === 1 && !repo.files.includes(joinPath(dir, `Pulumi.${own[0].config.stack as string}.yaml`))) return own[0];
  return projectLayer(repo, dir, stack, own.length > 0, `stack ${stack} (from an old task)`);
}

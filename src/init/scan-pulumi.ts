import type { ScanResult } from './candidate.js';
import { baseOf, dirOf, isRecord, joinPath, type RepoView } from './repo-view.js';

const PROJECT_FILE = /^Pulumi\.ya?ml$/;
const STACK_FILE = /^Pulumi\.(.+)\.ya?ml$/;
/** A project about the tailnet: its layer is called `tailnet`, and host layers need it. */
const TAILNET = /tailnet|tailscale/i;

/**
 * Every folder with a Pulumi.yaml becomes one pulumi layer per stack file `Pulumi.<stack>.yaml`.
 *
 * Naming: the folder's name (`pulumi/dns` → `dns`), except that a project whose `name:` says
 * tailnet or tailscale (`blumeops-tailnet`, `tailscale`) is called `tailnet`. With several stacks,
 * each layer gets `-<stack>` appended (`tailnet-prod`, `tailnet-lab`). A project without a stack
 * file is skipped: its stack name cannot be guessed.
 */
export function scanPulumi(repo: RepoView): ScanResult {
  const result: ScanResult = { layers: [], skipped: [] };
  const seen = new Set<string>();
  for (const file of repo.files) {
    if (!PROJECT_FILE.test(baseOf(file))) continue;
    const dir = dirOf(file);
    if (seen.has(dir)) continue;
    seen.add(dir);
    const project = projectName(repo, file);
    const stacks = repo.files.filter((other) => dirOf(other) === dir && STACK_FILE.test(baseOf(other)));
    if (stacks.length === 0) {
      result.skipped.push({ path: dir, reason: `pulumi project ${dir} has no stack file (Pulumi.<stack>.yaml): add its layer by hand with its stack` });
      continue;
    }
    const namedTailnet = project !== undefined && TAILNET.test(project);
    const base = namedTailnet ? 'tailnet' : dir === '.' ? (project ?? 'pulumi') : baseOf(dir);
    for (const stackFile of stacks) {
      const stack = (STACK_FILE.exec(baseOf(stackFile)) as RegExpExecArray)[1];
      result.layers.push({
        name: stacks.length > 1 ? `${base}-${stack}` : base,
        kind: 'pulumi',
        reason: `pulumi project ${dir}, stack ${stack} (${baseOf(stackFile)})${namedTailnet ? `; named tailnet after its project name ${project}` : ''}`,
        config: { dir, stack },
        tier: namedTailnet || TAILNET.test(baseOf(dir)) ? 'tailnet' : 'other',
        needs: [],
        notes: stackNotes(repo, joinPath(dir, baseOf(stackFile))),
      });
    }
  }
  return result;
}

function projectName(repo: RepoView, file: string): string | undefined {
  const doc = repo.yaml(file)?.[0];
  return isRecord(doc) && typeof doc.name === 'string' ? doc.name : undefined;
}

/** A stack with a passphrase-encrypted config needs PULUMI_CONFIG_PASSPHRASE; say where it goes. */
function stackNotes(repo: RepoView, stackFile: string): string[] {
  const doc = repo.yaml(stackFile)?.[0];
  if (!isRecord(doc) || typeof doc.encryptionsalt !== 'string') return [];
  return ['this stack encrypts secrets with a passphrase: give it as a secret, e.g.', 'env: { PULUMI_CONFIG_PASSPHRASE: op://vault/item/field }'];
}

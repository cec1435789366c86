import { statSync } from 'node:fs';
import path from 'node:path';
import { BlumeopsError } from '../errors.js';
import { repoTopLevel } from '../engine/workspace.js';
import { runInit, type InitResult } from '../init/init.js';
import { printJson } from '../output/json.js';

/**
 * `blumeops init [--force] [--mise] [-C DIR] [--json]`: scan the infra repo for Pulumi projects,
 * Ansible playbooks and ArgoCD Applications, write a commented blumeops.yaml at its root, and with
 * --mise add wrapper tasks to its mise.toml. The repo is -C DIR, else the Git top level of the cwd,
 * else the cwd.
 */
export async function initCommand(flags: { repo?: string; force: boolean; mise: boolean; json: boolean }): Promise<number> {
  const root = await repoRoot(flags.repo);
  const result = await runInit(root, { force: flags.force, mise: flags.mise });
  const out = flags.json ? process.stderr : process.stdout;
  out.write(`${describe(root, result).join('\n')}\n`);
  if (flags.json) {
    printJson({
      version: 1,
      file: result.file,
      layers: result.layers.map((layer) => ({
        name: layer.name,
        kind: layer.kind,
        reason: layer.reason,
        config: layer.needs.length > 0 ? { ...layer.config, needs: layer.needs } : layer.config,
      })),
      skipped: result.skipped,
      mise: result.mise && { file: result.mise.file, added: result.mise.added, kept: result.mise.kept },
    });
  }
  return 0;
}

async function repoRoot(repo: string | undefined): Promise<string> {
  if (repo !== undefined) {
    const dir = path.resolve(repo);
    if (!isDirectory(dir)) throw new BlumeopsError(`${dir} is not a directory`, { hint: '-C takes the folder of your infra repo' });
    return dir;
  }
  return (await repoTopLevel(process.cwd())) ?? process.cwd();
}

/** What init found and did, for a person: one line per layer, with the reason. */
function describe(root: string, result: InitResult): string[] {
  const lines = [`scanned ${root}: ${result.layers.length} layer${result.layers.length === 1 ? '' : 's'}`];
  for (const layer of result.layers) lines.push(`  ${layer.name}: ${layer.reason}`);
  for (const skip of result.skipped) lines.push(`  skipped ${skip.path}: ${skip.reason}`);
  const needs = result.layers.filter((layer) => layer.needs.length > 0).map((layer) => `${layer.name} needs ${layer.needs.join(', ')}`);
  if (needs.length > 0) lines.push(`suggested order (tailnet → hosts → Kubernetes; check it): ${needs.join('; ')}`);
  lines.push(`wrote ${result.file}`);
  if (result.mise) {
    const name = path.basename(result.mise.file);
    if (result.mise.added.length > 0) lines.push(`${result.mise.created ? 'created' : 'added to'} ${name}: ${result.mise.added.join(', ')}`);
    for (const task of result.mise.kept) lines.push(`mise task ${task} exists already: left as it is`);
  }
  lines.push('next: `blumeops layers`, then `blumeops plan`');
  return lines;
}

function isDirectory(dir: string): boolean {
  try {
    return statSync(dir).isDirectory();
  } catch {
    return false;
  }
}

import { statSync } from 'node:fs';
import path from 'node:path';
import { BlumeopsError } from '../errors.js';
import { repoTopLevel } from '../engine/workspace.js';
import type { TaskReport } from '../init/adopt.js';
import { unifiedDiff } from '../init/diff.js';
import { runInit, type InitResult } from '../init/init.js';
import type { FileChange } from '../init/wrappers.js';
import { printJson } from '../output/json.js';
import { terminal, type Terminal } from '../output/terminal.js';
import { confirm } from './confirm.js';

interface InitFlags {
  repo?: string;
  force: boolean;
  mise: boolean;
  yes: boolean;
  json: boolean;
}

/**
 * `blumeops init [--force] [--mise] [--yes] [-C DIR] [--json]`: scan the infra repo for Pulumi
 * projects, Ansible playbooks and ArgoCD Applications, learn from its mise tasks, write a commented
 * blumeops.yaml at its root, and with --mise turn the old tasks into blumeops wrappers. Before it
 * changes files the operator has, it shows the diffs and asks (--yes: it does not ask). The repo is
 * -C DIR, else the Git top level of the cwd, else the cwd.
 */
export async function initCommand(flags: InitFlags): Promise<number> {
  const root = await repoRoot(flags.repo);
  const out = terminal({ document: flags.json, color: false });
  const result = await runInit(root, { force: flags.force, mise: flags.mise, review: (changes) => review(changes, flags, out) });
  out.write(`${describe(root, result).join('\n')}\n`);
  if (flags.json) printJson(jsonOf(result));
  return result.declined ? 1 : 0;
}

async function review(changes: readonly FileChange[], flags: InitFlags, out: Terminal): Promise<boolean> {
  for (const change of changes) out.write(unifiedDiff(change));
  const files = `${changes.length} file${changes.length === 1 ? '' : 's'}`;
  if (flags.yes) return true;
  if (!out.canAsk) {
    throw new BlumeopsError(`init would change ${files} (the diffs are above), and there is no one to ask (no terminal, or CI)`, {
      hint: 'run it on a terminal to review and answer, or pass --yes to write them (the old content stays in Git history)',
    });
  }
  return confirm(`write these ${files}?`);
}

async function repoRoot(repo: string | undefined): Promise<string> {
  if (repo !== undefined) {
    const dir = path.resolve(repo);
    if (!isDirectory(dir)) throw new BlumeopsError(`${dir} is not a directory`, { hint: '-C takes the folder of your infra repo' });
    return dir;
  }
  return (await repoTopLevel(process.cwd())) ?? process.cwd();
}

/** What init found and did, for a person: one line per layer and per task, with the reasons. */
function describe(root: string, result: InitResult): string[] {
  const lines = [result.keptConfig ? `${result.file} exists: kept; its layers get the wrappers` : `scanned ${root}: ${count(result.layers.length, 'layer')}`];
  if (!result.keptConfig) for (const layer of result.layers) lines.push(`  ${layer.name}: ${layer.reason}`);
  for (const skip of result.skipped) lines.push(`  skipped ${skip.path}: ${skip.reason}`);
  const needs = result.layers.filter((layer) => layer.needs.length > 0).map((layer) => `${layer.name} needs ${layer.needs.join(', ')}`);
  if (!result.keptConfig && needs.length > 0) lines.push(`suggested order (tailnet → hosts → Kubernetes; check it): ${needs.join('; ')}`);
  lines.push(...describeTasks(result.tasks));
  const written = result.declined ? 'nothing written (answered no)' : undefined;
  if (written) lines.push(written);
  else if (!result.keptConfig) lines.push(`wrote ${result.file}`);
  if (result.mise && !result.declined) {
    const mise = result.mise;
    const created = result.changes.some((change) => change.file === mise.configFile && change.before === undefined);
    if (mise.rewritten.length > 0) lines.push(`rewrote as blumeops wrappers (the old scripts stay in Git history): ${mise.rewritten.join(', ')}`);
    if (mise.added.length > 0) lines.push(`${created ? 'created' : 'added to'} ${mise.configFile}: ${mise.added.join(', ')}`);
    if (mise.kept.length > 0) lines.push(`mise tasks that exist already, left as they are: ${mise.kept.join(', ')}`);
    for (const refused of mise.refused) lines.push(`mise task ${refused.name} not rewritten: ${refused.reason}`);
    if (result.changes.length === 0) lines.push('nothing to change');
  }
  if (!result.declined) lines.push('next: `blumeops layers`, then `blumeops doctor` and `blumeops plan`');
  return lines;
}

function describeTasks(tasks: readonly TaskReport[]): string[] {
  if (tasks.length === 0) return [];
  const driving = tasks.filter((task) => task.drives);
  const others = tasks.filter((task) => !task.drives && !task.wrapper && !task.blocked);
  const lines = [`mise tasks: ${count(driving.length, 'drives a layer', 'drive a layer')}, ${count(tasks.filter((task) => task.wrapper).length, 'is a blumeops wrapper', 'are blumeops wrappers')}, ${others.length} other`];
  for (const task of driving) {
    const { layer, verb, targets } = task.drives as NonNullable<TaskReport['drives']>;
    lines.push(`  ${task.name} (${task.file}) drives ${layer.name} (${verb}${targets.length > 0 ? ` of ${targets.join(', ')}` : ''})${task.adopted.length > 0 ? `: adopted ${task.adopted.join('; ')}` : ''}`);
    for (const item of task.notUnderstood) lines.push(`    not carried over: ${item.line > 0 ? `line ${item.line}: ` : ''}\`${item.text}\`: ${item.reason}`);
  }
  for (const task of tasks.filter((candidate) => !candidate.drives && candidate.blocked)) lines.push(`  ${task.name} (${task.file}): ${task.blocked}`);
  if (others.length > 0) lines.push(`  left alone (they drive no layer): ${others.map((task) => task.name).join(', ')}`);
  return lines;
}

function jsonOf(result: InitResult) {
  return {
    version: 1,
    file: result.file,
    keptConfig: result.keptConfig,
    layers: result.layers.map((layer) => ({
      name: layer.name,
      kind: layer.kind,
      reason: layer.reason,
      config: { ...layer.config, ...(Object.keys(layer.env).length > 0 ? { env: layer.env } : {}), ...(layer.needs.length > 0 ? { needs: layer.needs } : {}) },
    })),
    skipped: result.skipped,
    tasks: result.tasks.map((task) => ({
      name: task.name,
      file: task.file,
      layer: task.drives?.layer.name ?? null,
      verb: task.drives?.verb ?? null,
      wrapper: task.wrapper,
      adopted: task.adopted,
      notUnderstood: task.notUnderstood,
      blocked: task.blocked ?? null,
    })),
    mise: result.mise && { file: result.mise.configFile, rewritten: result.mise.rewritten, added: result.mise.added, kept: result.mise.kept, refused: result.mise.refused },
    written: result.declined ? [] : result.changes.map((change) => change.file),
    declined: result.declined,
  };
}

function count(n: number, singular: string, plural = `${singular}s`): string {
  return `${n} ${n === 1 ? singular : plural}`;
}

function isDirectory(dir: string): boolean {
  try {
    return statSync(dir).isDirectory();
  } catch {
    return false;
  }
}

import path from 'node:path';
import { findConfigFile } from '../config/find.js';
import { loadConfig, type Config, type LayerConfig } from '../config/load.js';
import { BlumeopsError, InterruptedError } from '../errors.js';
import { repoInfo, resolveRevision, type RepoInfo } from '../git/git.js';
import { checkoutWorktree } from '../git/worktree.js';
import { didYouMean } from '../suggest.js';
import { registry } from '../../layers/index.js';
import { dependencyOrder } from './graph.js';

/** The infra repo, its config, and where the layers read desired state (the repo, or a worktree at --ref). */
export interface Workspace {
  repo: RepoInfo;
  config: Config;
  /** The folder holding blumeops.yaml in the tree being reconciled. */
  dir: string;
  commit: string | null;
  ref: string;
  /** Desired state comes from a commit checked out in a temporary worktree (--ref), not the work tree. */
  atRef: boolean;
  close(): Promise<void>;
}

export interface WorkspaceFlags {
  repo?: string;
  ref?: string;
}

/** The infra repo around blumeops.yaml (found from `-C DIR` or the cwd), for commands that need no config. */
export async function openRepo(repoFlag?: string): Promise<RepoInfo> {
  return repoInfo(path.dirname(findConfigFile(repoFlag ?? process.cwd())));
}

/** The Git top level around `dir`, or undefined outside a repository (for `init`). */
export async function repoTopLevel(dir: string): Promise<string | undefined> {
  try {
    return (await repoInfo(dir)).root;
  } catch (error) {
    if (error instanceof BlumeopsError) return undefined;
    throw error;
  }
}

/**
 * Opens the workspace; with --ref, through a temporary worktree that is removed on any failure and
 * on an interruption while it is being made (the `signal`).
 */
export async function openWorkspace(flags: WorkspaceFlags, signal?: AbortSignal): Promise<Workspace> {
  const configFile = findConfigFile(flags.repo ?? process.cwd());
  if (!flags.ref) {
    // git runs while the config is parsed; a repo problem is reported before a config problem.
    const [repoResult, configResult] = await Promise.allSettled([repoInfo(path.dirname(configFile)), loadConfig(configFile, registry)]);
    if (repoResult.status === 'rejected') throw repoResult.reason;
    if (configResult.status === 'rejected') throw configResult.reason;
    const [repo, config] = [repoResult.value, configResult.value];
    dependencyOrder(config.layers);
    return { repo, config, dir: config.root, commit: repo.head, ref: 'HEAD', atRef: false, close: async () => {} };
  }
  const repo = await repoInfo(path.dirname(configFile));
  const commit = await resolveRevision(repo.root, flags.ref);
  const worktree = await checkoutWorktree(repo, commit, signal);
  try {
    if (signal?.aborted) throw new InterruptedError('interrupted while checking out the worktree');
    const relative = path.relative(repo.root, configFile);
    const config = await loadConfig(path.join(worktree.dir, relative), registry);
    dependencyOrder(config.layers);
    return { repo, config, dir: config.root, commit, ref: flags.ref, atRef: true, close: worktree.remove };
  } catch (error) {
    await worktree.remove();
    throw error;
  }
}

/** The named layers (all when none), in file order; an unknown name suggests the nearest. */
export function selectLayers(config: Config, names: readonly string[], expect?: { kind: string; phase: 'plan' | 'apply' }): LayerConfig[] {
  if (names.length === 0) return config.layers;
  const known = config.layers.map((layer) => layer.name);
  for (const name of names) {
    if (!known.includes(name)) {
      const suggestion = didYouMean(name, known);
      throw new BlumeopsError(`unknown layer "${name}"`, { hint: suggestion || `layers in ${path.basename(config.file)}: ${known.join(', ')}` });
    }
  }
  const selected = config.layers.filter((layer) => names.includes(layer.name));
  for (const layer of selected) {
    if (expect && layer.kind !== expect.kind) {
      const verb = layer.reconciler.verbs[expect.phase];
      throw new BlumeopsError(`${layer.name} is ${/^[aeiou]/.test(layer.kind) ? 'an' : 'a'} ${layer.kind} layer, not ${expect.kind}`, {
        hint: `use \`blumeops ${verb} ${layer.name}\` (or \`blumeops ${expect.phase} ${layer.name}\`)`,
      });
    }
  }
  return selected;
}

/** A workspace opened for the duration of `body`, closed (worktree removed) whatever happens. */
export async function withWorkspace<T>(flags: WorkspaceFlags, signal: AbortSignal | undefined, body: (workspace: Workspace) => Promise<T>): Promise<T> {
  const workspace = await openWorkspace(flags, signal);
  try {
    return await body(workspace);
  } finally {
    await workspace.close();
  }
}

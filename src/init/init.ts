import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { CONFIG_FILE } from '../config/find.js';
import { loadConfig, parseConfig } from '../config/load.js';
import { repoView } from '../detect/repo-view.js';
import type { ConfigValue } from '../detect/types.js';
import { dependencyOrder } from '../engine/graph.js';
import { BlumeopsError } from '../errors.js';
import { findKind, registry } from '../../layers/index.js';
import { adoptTasks, type TaskReport } from './adopt.js';
import type { Candidate, Skipped } from './candidate.js';
import { readMiseConfig, readOldTasks } from './old-tasks.js';
import { renderConfig } from './render.js';
import { finishLayers, scanRepo, type KindDetector } from './scan.js';
import { fileReader, repoFiles, scannedFiles } from './walk.js';
import { planWrappers, type FileChange, type WrapperPlan } from './wrappers.js';

export interface InitOptions {
  force: boolean;
  mise: boolean;
  /**
   * Shown the changes before anything is written, when init changes files the operator has (with
   * --mise, or --force over blumeops.yaml); false keeps everything as it is.
   */
  review?: (changes: readonly FileChange[]) => Promise<boolean>;
}

export interface InitResult {
  /** Absolute path of blumeops.yaml. */
  file: string;
  /** blumeops.yaml existed and was kept (init --mise on a configured repo). */
  keptConfig: boolean;
  layers: Candidate[];
  skipped: Skipped[];
  /** Every mise task, and what init made of it. */
  tasks: TaskReport[];
  /** With --mise: the wrappers. */
  mise: WrapperPlan | null;
  /** The files written (or that would have been, when the review said no). */
  changes: FileChange[];
  /** The review said no: nothing was written. */
  declined: boolean;
}

/** Scans `root`, learns from its mise tasks, and writes blumeops.yaml (and with `mise`, the wrappers). */
export async function runInit(root: string, options: InitOptions): Promise<InitResult> {
  const configPath = path.join(root, CONFIG_FILE);
  const existing = existsSync(configPath);
  if (existing && !options.force && !options.mise) throw exists(configPath);
  const files = await repoFiles(root);
  const read = fileReader(root);
  const repo = repoView(scannedFiles(files), read);
  const detectors = await loadDetectors();
  const keptConfig = existing && !options.force;
  const { layers, skipped } = keptConfig ? await configuredLayers(configPath) : scanRepo(repo, detectors);
  const { config: miseConfig, error: miseError } = readMiseConfig(root, files);
  // A broken mise.toml stops --mise (it would be edited); plain init reads the file tasks and says so.
  if (miseError && options.mise) throw miseError;
  if (miseError) skipped.push({ path: miseError.location?.file ?? 'mise.toml', reason: `${miseError.message}: its tasks were not read` });
  const oldTasks = readOldTasks(root, files, miseConfig);
  const tasks = adoptTasks(layers, skipped, oldTasks, detectors, repo, keptConfig);
  const ordered = keptConfig ? layers : finishLayers(layers);
  if (ordered.length === 0 && keptConfig) {
    throw new BlumeopsError(`${configPath} has no layers: there is nothing to make mise wrappers for`, { hint: `add layers to it, or replace it with what init finds: blumeops init --force --mise` });
  }
  if (ordered.length === 0) {
    throw new BlumeopsError(`found no Pulumi project, Ansible playbook or ArgoCD Application in ${root}`, {
      hint: `run blumeops init at the root of your infra repo (or pass -C DIR), or write ${CONFIG_FILE} by hand (see the README)`,
    });
  }
  const changes: FileChange[] = [];
  if (!keptConfig) {
    const text = renderConfig(ordered);
    await checkLoads(text, configPath);
    const before = existing ? readFileSync(configPath, 'utf8') : undefined;
    if (before !== text) changes.push({ file: CONFIG_FILE, before, after: text });
  }
  const mise = options.mise ? planWrappers(oldTasks, tasks, ordered, miseConfig, verbsOf) : null;
  if (mise) changes.push(...mise.changes);
  const result: InitResult = { file: configPath, keptConfig, layers: ordered, skipped, tasks, mise, changes, declined: false };
  const asks = options.mise || existing;
  if (asks && changes.length > 0 && options.review && !(await options.review(changes))) return { ...result, declined: true };
  for (const change of changes) write(root, change, options.force);
  return result;
}

async function loadDetectors(): Promise<KindDetector[]> {
  const found = await Promise.all(registry.map(async (kind) => (kind.detect ? { kind: kind.kind, detector: await kind.detect() } : undefined)));
  return found.filter((entry) => entry !== undefined);
}

/** The layers of an existing blumeops.yaml, as init's candidates (nothing of them is changed). */
async function configuredLayers(file: string): Promise<{ layers: Candidate[]; skipped: Skipped[] }> {
  const config = await loadConfig(file, registry);
  const layers = config.layers.map((layer): Candidate => ({
    name: layer.name,
    kind: layer.kind,
    reason: `in ${CONFIG_FILE}`,
    config: layer.config as Record<string, ConfigValue>,
    tier: 'other',
    notes: [],
    needs: layer.needs,
    env: layer.env,
    tasks: [],
  }));
  return { layers, skipped: [] };
}

function write(root: string, change: FileChange, force: boolean): void {
  const file = path.join(root, change.file);
  try {
    // blumeops.yaml is never overwritten without --force, even if it appeared since the scan.
    writeFileSync(file, change.after, { flag: change.file === CONFIG_FILE && !force ? 'wx' : 'w' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw exists(file);
    throw error;
  }
}

function exists(file: string): BlumeopsError {
  return new BlumeopsError(`${file} exists already: left as it is`, {
    hint: 'pass --force to replace it with what init finds (commit it first if you want to compare), or --mise to make mise wrappers for the layers it has',
  });
}

/** What init writes must load as it is: a failure here is a bug in init, not the user's doing. */
async function checkLoads(text: string, file: string): Promise<void> {
  try {
    dependencyOrder((await parseConfig(text, file, registry)).layers);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`blumeops init produced a ${CONFIG_FILE} that does not load (${reason}):\n${text}`);
  }
}

function verbsOf(kind: string): { plan: string; apply: string } {
  const reconciler = findKind(kind);
  if (!reconciler) throw new Error(`blumeops init found a ${kind} layer, but no ${kind} kind is registered`);
  return reconciler.verbs;
}

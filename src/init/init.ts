import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { CONFIG_FILE } from '../config/find.js';
import { parseConfig } from '../config/load.js';
import { dependencyOrder } from '../engine/graph.js';
import { BlumeopsError } from '../errors.js';
import { findKind, registry } from '../../layers/index.js';
import type { Candidate, Skipped } from './candidate.js';
import { prepareMise, writeMise, type MiseOutcome } from './mise-file.js';
import { wrapperTasks } from './mise-tasks.js';
import { renderConfig } from './render.js';
import { repoView } from './repo-view.js';
import { scanRepo } from './scan.js';
import { fileReader, listFiles } from './walk.js';

export interface InitResult {
  /** Absolute path of the blumeops.yaml written. */
  file: string;
  layers: Candidate[];
  skipped: Skipped[];
  /** With --mise: the mise config and the wrapper tasks added or kept. */
  mise: MiseOutcome | null;
}

/** Scans `root`, writes its blumeops.yaml (and with `mise`, the wrapper tasks), and says what it did. */
export async function runInit(root: string, options: { force: boolean; mise: boolean }): Promise<InitResult> {
  const file = path.join(root, CONFIG_FILE);
  if (!options.force && existsSync(file)) throw exists(file);
  const { layers, skipped } = scanRepo(repoView(listFiles(root), fileReader(root)));
  if (layers.length === 0) {
    throw new BlumeopsError(`found no Pulumi project, Ansible playbook or ArgoCD Application in ${root}`, {
      hint: `run blumeops init at the root of your infra repo (or pass -C DIR), or write ${CONFIG_FILE} by hand (see the README)`,
    });
  }
  const text = renderConfig(layers);
  await checkLoads(text, file);
  const mise = options.mise ? prepareMise(root, wrapperTasks(layers.map((layer) => ({ ...layer, verbs: verbsOf(layer.kind) })))) : null;
  try {
    writeFileSync(file, text, { flag: options.force ? 'w' : 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw exists(file);
    throw error;
  }
  if (mise) writeMise(mise);
  return { file, layers, skipped, mise: mise && { file: mise.file, created: mise.created, added: mise.added, kept: mise.kept } };
}

function exists(file: string): BlumeopsError {
  return new BlumeopsError(`${file} exists already: left as it is`, {
    hint: 'pass --force to replace it with what init finds (commit it first if you want to compare)',
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

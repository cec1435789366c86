import path from 'node:path';
import { findConfigFile } from '../config/find.js';
import { loadConfig } from '../config/load.js';
import { registry } from '../../layers/index.js';
import { readRawLayers } from '../config/raw-layers.js';

/** The layer names of the repo's blumeops.yaml (only those of `kind` when given), in file order. */
export async function layerNames(repo: string | undefined, kind?: string): Promise<string[]> {
  const layers = (await readRawLayers(findConfigFile(repo ?? process.cwd()))) ?? [];
  return layers.filter((layer) => !kind || layer.kind === kind).map((layer) => layer.name);
}

/** The sub-units (ArgoCD apps) of one layer, from its desired state in the repo; [] when its kind has none. */
export async function targetNames(repo: string | undefined, layerName: string): Promise<string[]> {
  const file = findConfigFile(repo ?? process.cwd());
  const config = await loadConfig(file, registry);
  const layer = config.layers.find((candidate) => candidate.name === layerName);
  const targets = layer?.reconciler.targets;
  if (!layer || !targets?.list) return [];
  return [...new Set(await targets.list(layer.config, path.dirname(file)))];
}

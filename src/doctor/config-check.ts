import path from 'node:path';
import { findConfigFile } from '../config/find.js';
import { loadConfig, type Registry } from '../config/load.js';
import { readRawLayers } from '../config/raw-layers.js';
import { dependencyOrder } from '../engine/graph.js';
import { BlumeopsError } from '../errors.js';
import type { Reconciler } from '../reconciler.js';
import { fail, ok, type DoctorCheck } from './schema.js';

/** A layer as far as doctor can know it: `config` is there only when blumeops.yaml is valid. */
export interface DoctorLayer {
  name: string;
  reconciler: Reconciler<any>;
  env: Record<string, string>;
  config?: unknown;
}

export interface DoctorSetup {
  /** The `config` row. */
  row: DoctorCheck;
  /** The folder of blumeops.yaml, when one was found. */
  root?: string;
  /** The layers of known kinds; read leniently when the file does not validate. */
  layers: DoctorLayer[];
}

/** Finds, loads and validates blumeops.yaml; an invalid file is a failed row, not an error. */
export async function readSetup(repo: string | undefined, registry: Registry): Promise<DoctorSetup> {
  let file: string;
  try {
    file = findConfigFile(repo ?? process.cwd());
  } catch (error) {
    if (!(error instanceof BlumeopsError)) throw error;
    return { row: fail('config', error.message, error.hint ?? 'run blumeops inside your infra repo'), layers: [] };
  }
  const root = path.dirname(file);
  try {
    const config = await loadConfig(file, registry);
    dependencyOrder(config.layers);
    const names = config.layers.map((layer) => layer.name);
    const count = `${names.length} layer${names.length === 1 ? '' : 's'}`;
    return {
      row: ok('config', `${path.basename(file)}: ${count}${names.length ? ` (${names.join(', ')})` : ''}`),
      root,
      layers: config.layers.map((layer) => ({ name: layer.name, reconciler: layer.reconciler, env: layer.env, config: layer.config })),
    };
  } catch (error) {
    if (!(error instanceof BlumeopsError)) throw error;
    const raw = (await readRawLayers(file)) ?? [];
    const layers = raw.flatMap((layer) => {
      const reconciler = registry.find((candidate) => candidate.kind === layer.kind);
      return reconciler ? [{ name: layer.name, reconciler, env: layer.env }] : [];
    });
    return { row: fail('config', error.message, error.hint ?? `fix ${path.basename(file)}`), root, layers };
  }
}

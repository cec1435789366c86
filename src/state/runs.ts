import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { runsDir } from './paths.js';

/** Run logs kept per repo; older run folders are removed when a new run starts. */
export const KEPT_RUNS = 50;

/** Creates the run's log folder and prunes the oldest beyond KEPT_RUNS. */
export function createRunDir(gitDir: string, runId: string): string {
  const root = runsDir(gitDir);
  const dir = path.join(root, runId);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const runs = readdirSync(root).sort();
  for (const old of runs.slice(0, Math.max(0, runs.length - KEPT_RUNS))) {
    rmSync(path.join(root, old), { recursive: true, force: true });
  }
  return dir;
}

export function layerLogPath(runDir: string, layer: string): string {
  return path.join(runDir, `${layer}.log`);
}

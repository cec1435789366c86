import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { readsDir, runsDir } from './paths.js';

/** Run folders kept per repo (the newest). */
export const KEPT_RUNS = 50;
/** Apply runs kept per layer whatever else ran since: a day of `watch` plans must not evict them. */
export const KEPT_APPLY_RUNS = 20;
/** Read-only runs kept (a `status` from cron must not fill the disk). */
export const KEPT_READS = 20;

const MARKER = 'apply.json';

/** The folder of a run's logs (not created: a run that starts no tool leaves nothing behind). */
export function runDir(gitDir: string, runId: string): string {
  return path.join(runsDir(gitDir), runId);
}

/** The folder of a read-only run's logs, under reads/ (not created until a tool runs). */
export function readRunDir(gitDir: string, runId: string): string {
  return path.join(readsDir(gitDir), runId);
}

/** Removes the oldest read-only run folders beyond KEPT_READS; plan and apply runs are not there. */
export function pruneReads(gitDir: string): void {
  const root = readsDir(gitDir);
  if (!existsSync(root)) return;
  const reads = readdirSync(root).sort();
  for (const run of reads.slice(0, Math.max(0, reads.length - KEPT_READS))) rmSync(path.join(root, run), { recursive: true, force: true });
}

export function layerLogPath(dir: string, layer: string): string {
  return path.join(dir, `${layer}.log`);
}

/** Marks a run as an apply of these layers, so pruning keeps it among each layer's last applies. */
export function markApplyRun(dir: string, layers: readonly string[]): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  writeFileSync(path.join(dir, MARKER), `${JSON.stringify({ layers })}\n`, { mode: 0o600 });
}

/**
 * Removes the oldest run folders beyond KEPT_RUNS, never one of the last KEPT_APPLY_RUNS applies of
 * any layer. Run ids sort by time.
 */
export function pruneRuns(gitDir: string): void {
  const root = runsDir(gitDir);
  if (!existsSync(root)) return;
  const runs = readdirSync(root).sort();
  const protectedRuns = new Set<string>();
  const appliesSeen = new Map<string, number>();
  for (const run of [...runs].reverse()) {
    for (const layer of appliedLayers(path.join(root, run))) {
      const seen = appliesSeen.get(layer) ?? 0;
      if (seen < KEPT_APPLY_RUNS) protectedRuns.add(run);
      appliesSeen.set(layer, seen + 1);
    }
  }
  const newest = new Set(runs.slice(-KEPT_RUNS));
  for (const run of runs) {
    if (!newest.has(run) && !protectedRuns.has(run)) rmSync(path.join(root, run), { recursive: true, force: true });
  }
}

function appliedLayers(dir: string): string[] {
  try {
    const parsed = JSON.parse(readFileSync(path.join(dir, MARKER), 'utf8')) as { layers?: unknown };
    return Array.isArray(parsed.layers) ? parsed.layers.filter((layer): layer is string => typeof layer === 'string') : [];
  } catch {
    return [];
  }
}

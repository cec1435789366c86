/** What `blumeops init` proposes: the kinds' detected layers, with what init adds to each. */
import type { DetectedLayer, Skipped } from '../detect/types.js';

export type { Skipped, Tier } from '../detect/types.js';

/** One layer init proposes. */
export interface Candidate extends DetectedLayer {
  /** Suggested `needs` (set by needs.ts). */
  needs: string[];
  /** The layer's env, from the old tasks (`op://` references stay references). */
  env: Record<string, string>;
  /** The old tasks that drive it, by name. */
  tasks: string[];
}

export interface ScanResult {
  layers: Candidate[];
  skipped: Skipped[];
}

export function candidateOf(layer: DetectedLayer): Candidate {
  return { ...layer, needs: [], env: {}, tasks: [] };
}

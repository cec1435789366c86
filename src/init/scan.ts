import type { RepoView } from '../detect/repo-view.js';
import type { Detector, Tier } from '../detect/types.js';
import { candidateOf, type Candidate, type ScanResult } from './candidate.js';
import { assignNames } from './names.js';
import { proposeNeeds } from './needs.js';

/** A kind's detector, with its kind. */
export interface KindDetector {
  kind: string;
  detector: Detector;
}

/** The homelab's order: Pulumi projects (tailnet, DNS) → hosts → Kubernetes. */
const TIER_RANK: Record<Tier, number> = { tailnet: 0, other: 0, hosts: 1, kubernetes: 2 };

/** Layers in the homelab's order, stable within a tier. */
export function inHomelabOrder<T extends Pick<Candidate, 'tier'>>(layers: readonly T[]): T[] {
  return [...layers].sort((a, b) => TIER_RANK[a.tier] - TIER_RANK[b.tier]);
}

/** Every layer the kinds find in a repo (names not yet made unique, no needs yet); pure over the view. */
export function scanRepo(repo: RepoView, detectors: readonly KindDetector[]): ScanResult {
  const results = detectors.map(({ detector }) => detector.scan(repo));
  return { layers: inHomelabOrder(results.flatMap((result) => result.layers).map(candidateOf)), skipped: results.flatMap((result) => result.skipped) };
}

/** Homelab order, valid unique names, suggested needs — set on the candidates themselves (task reports point at them). */
export function finishLayers(layers: Candidate[]): Candidate[] {
  const ordered = inHomelabOrder(layers);
  const named = assignNames(ordered);
  ordered.forEach((layer, index) => (layer.name = named[index].name));
  const withNeeds = proposeNeeds(ordered);
  ordered.forEach((layer, index) => (layer.needs = withNeeds[index].needs));
  return ordered;
}

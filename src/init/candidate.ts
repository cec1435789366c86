/** What `blumeops init` finds in an infra repo: the layers it proposes and what it passed over. */

/** The kinds init knows how to find (each one has a scanner in this folder). */
export type FoundKind = 'pulumi' | 'ansible' | 'argocd';

/**
 * Where a layer sits in the homelab's order, tailnet → hosts → Kubernetes; it decides the suggested
 * `needs`. `other` is a Pulumi project that is not the tailnet (DNS, a cloud account): nothing needs it.
 */
export type Tier = 'tailnet' | 'other' | 'hosts' | 'kubernetes';

/** One layer init proposes. */
export interface Candidate {
  /** The layer name: a wish from the scanner, made valid and unique by names.ts. */
  name: string;
  kind: FoundKind;
  /** What was found and why it became this layer, one line for the operator. */
  reason: string;
  /** The kind's own keys, in the order they are written to blumeops.yaml. */
  config: Record<string, string>;
  tier: Tier;
  /** Suggested `needs` (set by needs.ts). */
  needs: string[];
  /** Comment lines written under the layer (hints, e.g. a passphrase the stack needs). */
  notes: string[];
}

/** Something that looked like a layer but did not become one, and why. */
export interface Skipped {
  /** Repo-relative path of what was found. */
  path: string;
  reason: string;
}

export interface ScanResult {
  layers: Candidate[];
  skipped: Skipped[];
}

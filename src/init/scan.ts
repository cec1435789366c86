import type { ScanResult } from './candidate.js';
import { assignNames } from './names.js';
import { proposeNeeds } from './needs.js';
import type { RepoView } from './repo-view.js';
import { scanAnsible } from './scan-ansible.js';
import { scanArgocd } from './scan-argocd.js';
import { scanPulumi } from './scan-pulumi.js';

/** The scanners, in the homelab's order: tailnet (Pulumi) → hosts (Ansible) → Kubernetes (ArgoCD). */
const SCANNERS = [scanPulumi, scanAnsible, scanArgocd];

/** Every layer init proposes for a repo, with valid unique names and suggested needs; pure over the view. */
export function scanRepo(repo: RepoView): ScanResult {
  const results = SCANNERS.map((scan) => scan(repo));
  const layers = proposeNeeds(assignNames(results.flatMap((result) => result.layers)));
  return { layers, skipped: results.flatMap((result) => result.skipped) };
}

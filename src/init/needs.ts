import type { Candidate } from './candidate.js';

/**
 * The suggested `needs`, in the homelab's order tailnet → hosts → Kubernetes: every host layer
 * (ansible) needs the tailnet layers; every Kubernetes layer (argocd) needs the host layers, or the
 * tailnet layers when there are no host layers. Other Pulumi projects need nothing.
 */
export function proposeNeeds(layers: readonly Candidate[]): Candidate[] {
  const named = (tier: Candidate['tier']) => layers.filter((layer) => layer.tier === tier).map((layer) => layer.name);
  const tailnet = named('tailnet');
  const hosts = named('hosts');
  return layers.map((layer) => {
    if (layer.tier === 'hosts') return { ...layer, needs: tailnet };
    if (layer.tier === 'kubernetes') return { ...layer, needs: hosts.length > 0 ? hosts : tailnet };
    return { ...layer, needs: [] };
  });
}

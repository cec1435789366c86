// The emulated world the example homelab starts from, shared by the demo and the tests: a
// 1Password vault holding the ArgoCD token, and an ArgoCD that runs only the app-of-apps root
// (created once by hand, as in a real homelab), which reads the repo's argocd/apps folder.
// The tailnet starts empty: its stack exists (made once with `pulumi stack init`), with no resources.
import { writeFileSync } from 'node:fs';
import path from 'node:path';

export const DEMO_ARGOCD_TOKEN = 'demo-argocd-token';
const REPO_URL = 'https://forge.example/erich/homelab.git';

/** Writes the vault, the ArgoCD state and (when given) the pulumi stack for the example homelab copied to `repo`. */
export function seedEmulators({ repo, vaultFile, argocdStateFile, pulumiStateFile }) {
  if (pulumiStateFile) {
    const stacks = { tail8d86e: { project: 'blumeops-tailnet', resources: {} } };
    writeFileSync(pulumiStateFile, JSON.stringify({ version: 1, stacks, selected: {} }));
  }
  writeFileSync(vaultFile, JSON.stringify({ signedIn: true, vaults: { blumeops: { argocd: { token: DEMO_ARGOCD_TOKEN } } } }));
  const root = {
    metadata: { name: 'apps', namespace: 'argocd', labels: { 'app.kubernetes.io/instance': 'apps' } },
    spec: {
      project: 'default',
      source: { repoURL: REPO_URL, path: 'argocd/apps', targetRevision: 'main' },
      destination: { server: 'https://kubernetes.default.svc', namespace: 'argocd' },
    },
    status: { sync: { status: 'OutOfSync' }, health: { status: 'Healthy' } },
  };
  const state = {
    server: 'argocd.example:443',
    requiredToken: DEMO_ARGOCD_TOKEN,
    roots: { apps: { appsDir: path.join(repo, 'argocd/apps'), autoRefresh: true } },
    apps: [root],
  };
  writeFileSync(argocdStateFile, JSON.stringify(state));
}

/**
 * The argocd kind: Kubernetes apps as ArgoCD Applications in Git, created and pruned through an
 * app-of-apps root, synced per app. Thin: plan/apply/schema load lazily (no zod or yaml here).
 */
import type { Reconciler } from '../../src/reconciler.js';
import { argocdPaths } from './paths.js';
import type { ArgocdConfig } from './schema.js';

export const reconciler = {
  kind: 'argocd',
  description: 'Kubernetes apps: ArgoCD Applications in Git (app-of-apps), synced per app',
  verbs: { apply: 'sync', plan: 'diff' },
  loadSchema: async () => (await import('./schema.js')).ArgocdConfig,
  tools: [
    {
      name: 'argocd',
      install: 'brew install argocd, or mise use argocd (aqua:argoproj/argo-cd)',
      versionArgs: ['version', '--client', '--short'],
      minVersion: '2.14.0',
      // get-user-info exits 0 even with a bad token: only `loggedIn` tells.
      auth: { args: ['account', 'get-user-info', '-o', 'json'], jsonField: 'loggedIn', env: ['ARGOCD_AUTH_TOKEN'], fix: 'set ARGOCD_SERVER and ARGOCD_AUTH_TOKEN (an op:// reference) in the layer env, or run `argocd login SERVER`' },
    },
  ],
  /** The apps folder and every Application `path` in the repo, relative to the repo root (see paths.ts). */
  defaultPaths: (config, repoDir) => argocdPaths(config, repoDir),
  plan: async (ctx) => (await import('./plan.js')).plan(ctx),
  apply: async (ctx, plan) => (await import('./apply.js')).apply(ctx, plan),
  detect: async () => (await import('./detect.js')).detector,
  describe: async (ctx) => (await import('./describe.js')).describeArgocd(ctx),
  targets: { noun: 'app', list: async (config, repoDir) => (await import('./apps.js')).readApps(repoDir, config.apps).apps.map((app) => app.name) },
  options: [
    {
      flags: '--revision <rev>',
      description: 'point the named app(s) at a Git revision first (branch testing): runs argocd app set NAME --revision REV',
    },
    { flags: '--prune', description: 'delete apps and resources that left Git (default: the layer\'s prune key, false)' },
    { flags: '--allow-unpushed', description: 'sync even though local commits are not pushed (ArgoCD syncs from the remote)' },
    { flags: '--force-sync', description: 'sync apps that ArgoCD syncs by itself (syncPolicy.automated) too, instead of waiting for ArgoCD\'s own sync' },
  ],
  autoSyncOverride: '--force-sync',
} satisfies Reconciler<ArgocdConfig>;

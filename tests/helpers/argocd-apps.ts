/**
 * The apps of an ArgoCD test world, as Git declares them and as the argocd emulator holds them
 * live: one category per app (see AppCategory), manual or auto-synced.
 */
import { stringify } from 'yaml';

/** What an app looks like in Git and live. */
export type AppCategory =
  | 'synced' // in Git, live, Synced and Healthy
  | 'create' // in Git, not live
  | 'orphan' // live, tracked by the root, not in Git
  | 'update' // live with another path (or, for a Helm app, other value files)
  | 'pinned' // live targetRevision is PINNED_BRANCH
  | 'outOfSync' // live OutOfSync (one Deployment drifted)
  | 'degraded' // Synced, health Degraded
  | 'healthMissing' // Synced, health Missing
  | 'failedOp' // Synced, but the last sync operation failed
  | 'failedAuto' // OutOfSync; its last sync, at Git's commit, failed (ArgoCD does not retry it)
  | 'stuck'; // OutOfSync; last synced long ago at an older commit, and ArgoCD never syncs it (fault)

/** `spec.syncPolicy.automated`: ArgoCD syncs the app by itself. */
export interface Automated {
  selfHeal?: boolean;
  prune?: boolean;
}

export interface WorldApp {
  name: string;
  category: AppCategory;
  /** Destination cluster (server URL); default IN_CLUSTER. */
  cluster?: string;
  /** A multi-source Helm app (chart + `$values/…` value file + `ref: values` Git source). */
  helm?: boolean;
  /** Auto-sync in Git (and live, unless liveAutomated says otherwise). */
  automated?: Automated;
  /** The live sync policy when it differs from Git's; null: manual. */
  liveAutomated?: Automated | null;
}

export const IN_CLUSTER = 'https://kubernetes.default.svc';
export const NAS_CLUSTER = 'https://ringtail.tail8d86e.ts.net:6443';
export const ROOT = 'apps';
export const PINNED_BRANCH = 'my-branch';
export const TOKEN = 'argocd-t0ken-e2e-7f3a9c';
export const REVISION = 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678';
/** The repoURL of the example homelab's manifests (mapped to the world's remote in the emulator). */
export const HOMELAB_REPO_URL = 'https://forge.example/erich/homelab.git';
export const SERVER = 'argocd.example:443';

/** The live Application the emulator's state holds. */
export type LiveApp = { metadata: { name: string; labels?: Record<string, string> }; spec: Record<string, unknown>; status: Record<string, any> };

export function rootSpec(repoURL: string, automated?: Automated): Record<string, unknown> {
  return {
    project: 'default',
    source: { repoURL, path: 'argocd/apps', targetRevision: 'main' },
    destination: { server: IN_CLUSTER, namespace: 'argocd' },
    ...syncPolicy(automated),
  };
}

function syncPolicy(automated: Automated | null | undefined): Record<string, unknown> {
  return automated ? { syncPolicy: { automated: { ...automated } } } : {};
}

export function gitSpec(app: WorldApp, repoURL: string): Record<string, unknown> {
  const destination = { server: app.cluster ?? IN_CLUSTER, namespace: app.name };
  if (app.helm) {
    return {
      project: 'default',
      sources: [
        { repoURL: 'https://charts.example/stable', chart: app.name, targetRevision: '1.2.3', helm: { valueFiles: ['$values/argocd/values/helm.yaml'] } },
        { repoURL, targetRevision: 'main', ref: 'values' },
      ],
      destination,
      ...syncPolicy(app.automated),
    };
  }
  return { project: 'default', source: { repoURL, path: `argocd/manifests/${app.name}`, targetRevision: 'main' }, destination, ...syncPolicy(app.automated) };
}

/** The live spec: Git's, except where the category says it differs. */
function liveSpec(app: WorldApp, repoURL: string): Record<string, unknown> {
  const spec = structuredClone(gitSpec(app, repoURL)) as { source?: Record<string, unknown>; sources?: Record<string, any>[] };
  if (app.category === 'update') {
    if (spec.sources) spec.sources[0].helm = { valueFiles: ['$values/argocd/values/old.yaml'] };
    else spec.source!.path = `argocd/manifests/${app.name}-old`;
  }
  if (app.category === 'pinned') (spec.sources?.[1] ?? spec.source!).targetRevision = PINNED_BRANCH;
  if (app.liveAutomated !== undefined) {
    delete (spec as { syncPolicy?: unknown }).syncPolicy;
    Object.assign(spec, syncPolicy(app.liveAutomated));
  }
  return spec;
}

export function liveOf(app: WorldApp, repoURL: string, head: string): LiveApp {
  const spec = liveSpec(app, repoURL);
  const health = app.category === 'degraded' ? 'Degraded' : app.category === 'healthMissing' ? 'Missing' : 'Healthy';
  const drifted = ['outOfSync', 'update', 'pinned', 'failedAuto', 'stuck'].includes(app.category);
  const namespace = app.name;
  const resources = [
    {
      group: 'apps', version: 'v1', kind: 'Deployment', namespace, name: app.name,
      status: drifted ? 'OutOfSync' : 'Synced', health: { status: health },
      ...(drifted ? { diff: '12c12\n<   replicas: 1\n---\n>   replicas: 2\n' } : {}),
    },
  ];
  const result = liveApp(app.name, spec, drifted ? 'OutOfSync' : 'Synced', health, resources, head);
  if (app.category === 'degraded') result.status.health.message = 'Deployment has 0/1 ready replicas';
  if (app.category === 'failedOp') {
    result.status.operationState = {
      operation: { sync: { revision: REVISION } },
      phase: 'Failed',
      message: 'one or more objects failed to apply, reason: admission webhook denied the request',
      startedAt: '2026-11-26T03:00:00Z',
      finishedAt: '2026-11-26T03:00:05Z',
    };
  }
  if (app.category === 'failedAuto' || app.category === 'stuck') {
    const failed = app.category === 'failedAuto';
    // Stuck: ArgoCD targets a commit this clone does not have, and last synced long before.
    if (!failed) result.status.sync.revision = REVISION;
    const revision = failed ? head : '0'.repeat(40);
    result.status.operationState = {
      operation: { sync: { revision }, initiatedBy: { automated: true } },
      phase: failed ? 'Failed' : 'Succeeded',
      message: failed ? 'one or more objects failed to apply, reason: admission webhook "policy.example" denied the request' : 'successfully synced (all tasks run)',
      startedAt: '2026-01-02T03:00:00Z',
      finishedAt: '2026-01-02T03:00:05Z',
      syncResult: { revision, resources: [] },
    };
  }
  return result;
}

export function liveApp(name: string, spec: Record<string, unknown>, sync: string, health: string, resources: unknown[], revision: string): LiveApp {
  return {
    // The root tracks itself too (its manifest is in its own folder).
    metadata: { name, namespace: 'argocd', labels: { 'app.kubernetes.io/instance': ROOT } },
    spec,
    status: { sync: { status: sync, revision }, health: { status: health }, resources },
  } as LiveApp;
}

export function manifest(name: string, spec: Record<string, unknown>): string {
  return stringify({ apiVersion: 'argoproj.io/v1alpha1', kind: 'Application', metadata: { name, namespace: 'argocd' }, spec });
}

export function deployment(name: string): string {
  return stringify({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name }, spec: { replicas: 1 } });
}

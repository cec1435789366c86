/**
 * An ArgoCD world for end-to-end tests: a temp infra repo with an `argocd` layer (root `apps`, its
 * Application manifests under argocd/apps/), pushed to a bare `origin` that plays the Git server,
 * and the argocd emulator's state seeded to match, one category per app (in Git but not live,
 * orphaned, spec changed, pinned to a branch, out of sync, unhealthy, automated, …). The emulator
 * reads the root's children from that remote at its targetRevision, as ArgoCD does: what is not
 * pushed, ArgoCD does not see. The API token comes from the op emulator's vault through the
 * layer's env.
 */
import { cpSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { stringify } from 'yaml';
import { PROJECT_ROOT } from './cli.js';
import { commitAll, git, makeRepo } from './repo.js';

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
  | 'failedOp'; // Synced, but the last sync operation failed

export interface WorldApp {
  name: string;
  category: AppCategory;
  /** Destination cluster (server URL); default IN_CLUSTER. */
  cluster?: string;
  /** A multi-source Helm app (chart + `$values/…` value file + `ref: values` Git source). */
  helm?: boolean;
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

export interface WorldOptions {
  apps: WorldApp[];
  /** Extra lines under the layer in blumeops.yaml (4-space indented), e.g. `    prune: true`. */
  layerKeys?: string[];
  /** Emulator faults, e.g. `{ syncFail: ['immich'] }`. */
  faults?: Record<string, string[]>;
}

export interface World {
  repo: string;
  /** The bare `origin` the Applications' repoURL points at (ArgoCD's Git server). */
  remote: string;
  /** Environment for blumeops(): emulator state, log, vault. */
  env: Record<string, string | undefined>;
  statePath: string;
  logPath: string;
  /** The emulator's state file as it is now. */
  state(): EmulatorState;
  /** Live app by name (undefined when absent). */
  live(name: string): LiveApp | undefined;
  /** argv of every argocd invocation so far (ARGOCD_EMULATOR_LOG), oldest first. */
  calls(): string[][];
  /** Forget the calls so far. */
  clearCalls(): void;
}

type LiveApp = { metadata: { name: string; labels?: Record<string, string> }; spec: Record<string, unknown>; status: Record<string, any> };
type EmulatorState = { apps: LiveApp[]; [key: string]: unknown };

/** Builds the repo (committed on main, pushed to origin) and the emulator state. */
export function argocdWorld(options: WorldOptions): World {
  const remote = bareRemote();
  const repoURL = remote;
  const files: Record<string, string> = {
    'blumeops.yaml': config(options.layerKeys ?? []),
    [`argocd/apps/${ROOT}.yaml`]: manifest(ROOT, rootSpec(repoURL)),
  };
  for (const app of options.apps) {
    if (app.category === 'orphan') continue;
    files[`argocd/apps/${app.name}.yaml`] = manifest(app.name, gitSpec(app, repoURL));
    files[`argocd/manifests/${app.name}/deployment.yaml`] = deployment(app.name);
  }
  files['argocd/values/helm.yaml'] = 'replicaCount: 1\n';
  const repo = makeRepo(files);
  pushTo(repo, remote);
  const live = [liveApp(ROOT, rootSpec(repoURL), 'OutOfSync', 'Healthy', [])];
  for (const app of options.apps) if (app.category !== 'create') live.push(liveOf(app, repoURL));
  return seed(repo, remote, live, options.faults);
}

/**
 * The example homelab's ArgoCD part (examples/homelab/argocd) in a new repo, with the layer the demo
 * uses (token from op) and the emulator seeded as the demo must: the server, the root `apps` live
 * and reading the repo's argocd/apps, the token required.
 */
export function homelabWorld(): World {
  const repo = makeRepo({ 'blumeops.yaml': config([]) }, { commit: false });
  cpSync(path.join(PROJECT_ROOT, 'examples/homelab/argocd'), path.join(repo, 'argocd'), { recursive: true });
  commitAll(repo, 'homelab: argocd apps');
  const remote = bareRemote();
  pushTo(repo, remote);
  return seed(repo, remote, [liveApp(ROOT, rootSpec(HOMELAB_REPO_URL), 'OutOfSync', 'Healthy', [])]);
}

/** A bare repository in a temp folder: the Git server ArgoCD reads. */
function bareRemote(): string {
  const remote = path.join(mkdtempSync(path.join(os.tmpdir(), 'argocd-remote-')), 'homelab.git');
  git(path.dirname(remote), 'init', '--quiet', '--bare', '--initial-branch=main', remote);
  return remote;
}

function pushTo(repo: string, remote: string): void {
  git(repo, 'remote', 'add', 'origin', remote);
  git(repo, 'push', '--quiet', '-u', 'origin', 'main');
}

/** The emulator state, op vault and log of a world around `repo`. */
function seed(repo: string, remote: string, apps: LiveApp[], faults: Record<string, string[]> = {}): World {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'argocd-world-'));
  const statePath = path.join(dir, 'argocd.json');
  const logPath = path.join(dir, 'argocd.log');
  const vaultPath = path.join(dir, 'vault.json');
  writeFileSync(vaultPath, JSON.stringify({ signedIn: true, vaults: { blumeops: { argocd: { token: TOKEN } } } }));
  const state = {
    server: SERVER,
    requiredToken: TOKEN,
    revision: REVISION,
    trackingMethod: 'label',
    // The root reads its repoURL (the remote) at its targetRevision; autoRefresh: reads compare it
    // with Git first, as Argo CD's polling would.
    roots: { [ROOT]: { autoRefresh: true } },
    repos: { [HOMELAB_REPO_URL]: remote },
    faults: { syncFail: [], syncHang: [], neverHealthy: [], degraded: [], apiError: false, ...faults },
    apps,
    pending: {},
  };
  writeFileSync(statePath, `${JSON.stringify(state, null, 2)}\n`);

  const read = (): EmulatorState => JSON.parse(readFileSync(statePath, 'utf8')) as EmulatorState;
  return {
    repo,
    remote,
    statePath,
    logPath,
    env: {
      ARGOCD_EMULATOR_STATE: statePath,
      ARGOCD_EMULATOR_LOG: logPath,
      OP_EMULATOR_VAULT: vaultPath,
      ARGOCD_SERVER: undefined,
      ARGOCD_AUTH_TOKEN: undefined,
      ARGOCD_OPTS: undefined,
    },
    state: read,
    live: (name) => read().apps.find((app) => app.metadata.name === name),
    calls: () => readCalls(logPath),
    clearCalls: () => writeFileSync(logPath, ''),
  };
}

/** `count` apps named app-01…, alternating clusters, all `synced`, with some overridden by name. */
export function manyApps(count: number, special: WorldApp[] = []): WorldApp[] {
  const apps: WorldApp[] = [...special];
  for (let index = 1; apps.length < count; index++) {
    apps.push({ name: `app-${String(index).padStart(2, '0')}`, category: 'synced', cluster: index % 2 ? IN_CLUSTER : NAS_CLUSTER });
  }
  return apps;
}

/** Just the `argocd app sync NAME` / `app set` / `app list` calls, as `verb name` strings. */
export function callSummary(calls: string[][]): string[] {
  return calls.filter((argv) => argv[0] === 'app').map((argv) => (argv[1] === 'list' ? 'list' : `${argv[1]} ${argv[2]}`));
}

function config(layerKeys: string[]): string {
  return [
    'version: 1',
    'layers:',
    '  argocd:',
    '    kind: argocd',
    '    apps: argocd/apps',
    `    root: ${ROOT}`,
    `    server: ${SERVER}`,
    '    waitTimeout: 30s',
    '    env:',
    '      ARGOCD_AUTH_TOKEN: op://blumeops/argocd/token',
    ...layerKeys,
    '',
  ].join('\n');
}

function rootSpec(repoURL: string): Record<string, unknown> {
  return {
    project: 'default',
    source: { repoURL, path: 'argocd/apps', targetRevision: 'main' },
    destination: { server: IN_CLUSTER, namespace: 'argocd' },
  };
}

function gitSpec(app: WorldApp, repoURL: string): Record<string, unknown> {
  const destination = { server: app.cluster ?? IN_CLUSTER, namespace: app.name };
  if (app.helm) {
    return {
      project: 'default',
      sources: [
        { repoURL: 'https://charts.example/stable', chart: app.name, targetRevision: '1.2.3', helm: { valueFiles: ['$values/argocd/values/helm.yaml'] } },
        { repoURL, targetRevision: 'main', ref: 'values' },
      ],
      destination,
    };
  }
  return { project: 'default', source: { repoURL, path: `argocd/manifests/${app.name}`, targetRevision: 'main' }, destination };
}

/** The live spec: Git's, except where the category says it differs. */
function liveSpec(app: WorldApp, repoURL: string): Record<string, unknown> {
  const spec = structuredClone(gitSpec(app, repoURL)) as { source?: Record<string, unknown>; sources?: Record<string, any>[] };
  if (app.category === 'update') {
    if (spec.sources) spec.sources[0].helm = { valueFiles: ['$values/argocd/values/old.yaml'] };
    else spec.source!.path = `argocd/manifests/${app.name}-old`;
  }
  if (app.category === 'pinned') (spec.sources?.[1] ?? spec.source!).targetRevision = PINNED_BRANCH;
  return spec;
}

function liveOf(app: WorldApp, repoURL: string): LiveApp {
  const spec = liveSpec(app, repoURL);
  const health = app.category === 'degraded' ? 'Degraded' : app.category === 'healthMissing' ? 'Missing' : 'Healthy';
  const drifted = ['outOfSync', 'update', 'pinned'].includes(app.category);
  const namespace = app.name;
  const resources = [
    {
      group: 'apps', version: 'v1', kind: 'Deployment', namespace, name: app.name,
      status: drifted ? 'OutOfSync' : 'Synced', health: { status: health },
      ...(drifted ? { diff: '12c12\n<   replicas: 1\n---\n>   replicas: 2\n' } : {}),
    },
  ];
  const result = liveApp(app.name, spec, drifted ? 'OutOfSync' : 'Synced', health, resources);
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
  return result;
}

function liveApp(name: string, spec: Record<string, unknown>, sync: string, health: string, resources: unknown[]): LiveApp {
  return {
    // The root tracks itself too (its manifest is in its own folder).
    metadata: { name, namespace: 'argocd', labels: { 'app.kubernetes.io/instance': ROOT } },
    spec,
    status: { sync: { status: sync, revision: REVISION }, health: { status: health }, resources },
  } as LiveApp;
}

function manifest(name: string, spec: Record<string, unknown>): string {
  return stringify({ apiVersion: 'argoproj.io/v1alpha1', kind: 'Application', metadata: { name, namespace: 'argocd' }, spec });
}

function deployment(name: string): string {
  return stringify({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name }, spec: { replicas: 1 } });
}

/** Every file under `dir` (e.g. .git/blumeops: run logs, ledger, lock). */
export function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    return statSync(file).isDirectory() ? filesUnder(file) : [file];
  });
}

function readCalls(logPath: string): string[][] {
  try {
    return readFileSync(logPath, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => (JSON.parse(line) as { argv: string[] }).argv);
  } catch {
    return [];
  }
}

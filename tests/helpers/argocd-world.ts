/**
 * An ArgoCD world for end-to-end tests: a temp infra repo with an `argocd` layer (root `apps`, its
 * Application manifests under argocd/apps/), pushed to a bare `origin` that plays the Git server,
 * and the argocd emulator's state seeded to match, one category per app (in Git but not live,
 * orphaned, spec changed, pinned to a branch, out of sync, unhealthy, automated, …). The emulator
 * reads the root's children from that remote at its targetRevision, as ArgoCD does: what is not
 * pushed, ArgoCD does not see. The API token comes from the op emulator's vault through the
 * layer's env.
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PROJECT_ROOT } from './cli.js';
import { deployment, gitSpec, HOMELAB_REPO_URL, IN_CLUSTER, liveApp, liveOf, manifest, NAS_CLUSTER, REVISION, ROOT, rootSpec, SERVER, TOKEN, type Automated, type LiveApp, type WorldApp } from './argocd-apps.js';
import { readCalls } from './argocd-state.js';
import { commitAll, git, makeRepo } from './repo.js';

export * from './argocd-apps.js';
export { callSummary, filesUnder } from './argocd-state.js';


export interface WorldOptions {
  apps: WorldApp[];
  /** Extra lines under the layer in blumeops.yaml (4-space indented), e.g. `    prune: true`. */
  layerKeys?: string[];
  /** Emulator faults, e.g. `{ syncFail: ['immich'] }`. */
  faults?: Record<string, string[]>;
  /** The root syncs itself (in Git and live). */
  rootAutomated?: Automated;
  /** How long ArgoCD (the emulator) takes to auto-sync an app it sees OutOfSync; default 0. */
  autoSyncMs?: number;
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

type EmulatorState = { apps: LiveApp[]; [key: string]: unknown };

/** Builds the repo (committed on main, pushed to origin) and the emulator state. */
export function argocdWorld(options: WorldOptions): World {
  const remote = bareRemote();
  const repoURL = remote;
  const files: Record<string, string> = {
    'blumeops.yaml': config(options.layerKeys ?? []),
    [`argocd/apps/${ROOT}.yaml`]: manifest(ROOT, rootSpec(repoURL, options.rootAutomated)),
  };
  for (const app of options.apps) {
    if (app.category === 'orphan') continue;
    files[`argocd/apps/${app.name}.yaml`] = manifest(app.name, gitSpec(app, repoURL));
    files[`argocd/manifests/${app.name}/deployment.yaml`] = deployment(app.name);
  }
  files['argocd/values/helm.yaml'] = 'replicaCount: 1\n';
  const repo = makeRepo(files);
  pushTo(repo, remote);
  const head = git(repo, 'rev-parse', 'HEAD');
  const live = [liveApp(ROOT, rootSpec(repoURL, options.rootAutomated), 'OutOfSync', 'Healthy', [], head)];
  for (const app of options.apps) if (app.category !== 'create') live.push(liveOf(app, repoURL, head));
  const stuck = options.apps.filter((app) => app.category === 'stuck').map((app) => app.name);
  const faults = { ...options.faults, autoSyncStuck: [...(options.faults?.autoSyncStuck ?? []), ...stuck] };
  return seed(repo, remote, live, faults, options.autoSyncMs);
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
  return seed(repo, remote, [liveApp(ROOT, rootSpec(HOMELAB_REPO_URL), 'OutOfSync', 'Healthy', [], git(repo, 'rev-parse', 'HEAD'))]);
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
function seed(repo: string, remote: string, apps: LiveApp[], faults: Record<string, string[]> = {}, autoSyncMs = 0): World {
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
    faults: { syncFail: [], syncHang: [], neverHealthy: [], degraded: [], autoSyncStuck: [], apiError: false, ...faults },
    autoSyncMs,
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

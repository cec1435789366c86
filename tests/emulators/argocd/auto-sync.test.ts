// The emulator against Argo CD's documented automated-sync semantics (argo-cd
// docs/user-guide/auto_sync.md) and its repo server, which reads the remote at the app's
// targetRevision, never a work tree.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runArgocdEmulator, type EmulatorResult } from './run-emulator.js';

type App = Record<string, any>;

let dir: string;
let statePath: string;

function run(args: string[], env: Record<string, string> = {}): Promise<EmulatorResult> {
  return runArgocdEmulator(statePath, args, { ARGOCD_SERVER: 'argocd.example:443', ARGOCD_AUTH_TOKEN: 'tok', ...env });
}

const git = (cwd: string, ...args: string[]) =>
  execFileSync('git', args, { cwd, encoding: 'utf8', env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@e.invalid', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@e.invalid' } }).trim();

function app(name: string, options: { sync?: string; automated?: App; repoURL?: string; op?: App } = {}): App {
  return {
    metadata: { name, namespace: 'argocd' },
    spec: {
      project: 'default',
      source: { repoURL: options.repoURL ?? 'https://git.example/infra.git', path: `apps/${name}`, targetRevision: 'main' },
      destination: { server: 'https://kubernetes.default.svc', namespace: name },
      ...(options.automated ? { syncPolicy: { automated: options.automated } } : {}),
    },
    status: {
      sync: { status: options.sync ?? 'OutOfSync' },
      health: { status: 'Healthy' },
      resources: [{ group: 'apps', version: 'v1', kind: 'Deployment', namespace: name, name, status: options.sync ?? 'OutOfSync', health: { status: 'Healthy' } }],
      ...(options.op ? { operationState: options.op } : {}),
    },
  };
}

/** A bare remote (the Git server ArgoCD reads) and a work tree whose apps/ holds cv, committed and pushed, in `dir`. */
function infraRepo(): { remote: string; work: string } {
  const remote = path.join(dir, 'infra.git');
  const work = path.join(dir, 'work');
  git(dir, 'init', '--quiet', '--bare', '--initial-branch=main', remote);
  git(dir, 'init', '--quiet', '--initial-branch=main', work);
  fs.mkdirSync(path.join(work, 'apps'));
  fs.writeFileSync(path.join(work, 'apps/cv.yaml'), manifest('cv', remote));
  git(work, 'add', '-A');
  git(work, 'commit', '--quiet', '-m', 'cv');
  git(work, 'push', '--quiet', remote, 'main');
  return { remote, work };
}

/** A child Application's manifest as it sits in Git, deploying from `repoURL`. */
function manifest(name: string, repoURL: string): string {
  const child = app(name, { repoURL });
  return JSON.stringify({ apiVersion: 'argoproj.io/v1alpha1', kind: 'Application', metadata: child.metadata, spec: child.spec });
}

const writeState = (state: App) => fs.writeFileSync(statePath, JSON.stringify({ server: 'argocd.example:443', token: 'tok', revision: 'a'.repeat(40), ...state }));
const live = (name: string): App => JSON.parse(fs.readFileSync(statePath, 'utf8')).apps.find((a: App) => a.metadata.name === name);
async function get(name: string, env: Record<string, string> = {}): Promise<App> {
  const r = await run(['app', 'get', name, '-o', 'json'], env);
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout);
}

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'argocd-auto-'));
  statePath = path.join(dir, 'state.json');
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('automated sync', () => {
  it('syncs an OutOfSync automated app by itself after ARGOCD_EMULATOR_AUTO_SYNC_MS, once', async () => {
    writeState({ apps: [app('cv', { automated: {} }), app('manual')] });
    const env = { ARGOCD_EMULATOR_AUTO_SYNC_MS: '600' };
    const first = await get('cv', env);
    expect(first.status.sync.status).toBe('OutOfSync');
    expect(first).not.toHaveProperty('autoSyncAt'); // emulator-only, never in the API
    await new Promise((resolve) => setTimeout(resolve, 700));
    const after = await get('cv', env);
    expect(after.status.sync).toMatchObject({ status: 'Synced', revision: 'a'.repeat(40) });
    expect(after.status.operationState).toMatchObject({ phase: 'Succeeded', operation: { initiatedBy: { automated: true } } });
    expect((await get('manual')).status.sync.status).toBe('OutOfSync');
    expect(live('cv').status.history).toHaveLength(1);
  });

  it('does not retry a failed auto-sync of the same commit: SyncError "Failed last sync attempt to [sha]"', async () => {
    writeState({ apps: [app('cv', { automated: { selfHeal: true } })], faults: { syncFail: ['cv'] } });
    const failed = await get('cv');
    expect(failed.status.sync.status).toBe('OutOfSync');
    expect(failed.status.operationState).toMatchObject({ phase: 'Failed', operation: { initiatedBy: { automated: true } } });
    expect(failed.status.operationState.message).toMatch(/^one or more objects failed to apply, reason: /);
    const again = await get('cv');
    expect(again.status.operationState.startedAt).toBe(failed.status.operationState.startedAt);
    expect(again.status.conditions).toEqual([
      expect.objectContaining({ type: 'SyncError', message: `Failed last sync attempt to [${'a'.repeat(40)}]: ${failed.status.operationState.message}` }),
    ]);
  });

  it('heals live drift only with selfHeal; never when stuck or disabled', async () => {
    const synced = { phase: 'Succeeded', message: 'ok', syncResult: { revision: 'a'.repeat(40) }, operation: { sync: {} } };
    writeState({
      apps: [
        app('healed', { automated: { selfHeal: true }, op: synced }),
        app('kept', { automated: {}, op: synced }),
        app('stuck', { automated: { selfHeal: true } }),
        app('off', { automated: { enabled: false, selfHeal: true } }),
      ],
      faults: { autoSyncStuck: ['stuck'] },
    });
    const list = JSON.parse((await run(['app', 'list', '-o', 'json'])).stdout) as App[];
    const status = Object.fromEntries(list.map((a) => [a.metadata.name, a.status.sync.status]));
    expect(status).toEqual({ healed: 'Synced', kept: 'OutOfSync', stuck: 'OutOfSync', off: 'OutOfSync' });
    expect((await run(['app', 'list'])).stdout).toMatch(/^argocd\/off .* Manual /m);
  });

  it('a self-healing root puts a child\'s targetRevision back after `app set --revision`', async () => {
    const { remote } = infraRepo();
    const root = app('apps', { repoURL: remote, automated: { selfHeal: true } });
    root.spec.source.path = 'apps';
    writeState({ roots: { apps: {} }, apps: [root] });
    expect((await get('cv')).spec.source.targetRevision).toBe('main'); // created by the root's auto-sync
    expect((await run(['app', 'set', 'cv', '--revision', 'my-branch'])).code).toBe(0);
    expect((await get('cv')).spec.source.targetRevision).toBe('main');
  });
});

describe('the repo server reads the remote, not a work tree', () => {
  it('a root creates only the children pushed to its targetRevision; an unknown revision fails the sync', async () => {
    const { remote, work } = infraRepo();
    fs.writeFileSync(path.join(work, 'apps/immich.yaml'), manifest('immich', remote)); // committed, not pushed
    git(work, 'add', '-A');
    git(work, 'commit', '--quiet', '-m', 'immich');
    fs.writeFileSync(path.join(work, 'apps/loki.yaml'), manifest('loki', remote)); // not even committed
    const root = app('apps', { repoURL: remote });
    root.spec.source.path = 'apps';
    writeState({ roots: { apps: {} }, apps: [root] });

    const synced = await run(['app', 'sync', 'apps', '-o', 'json']);
    expect(synced.code, synced.stderr).toBe(0);
    expect(JSON.parse(synced.stdout).status.sync.revision).toBe(git(remote, 'rev-parse', 'main'));
    expect(live('cv')).toBeDefined();
    expect(live('immich')).toBeUndefined();
    expect(live('loki')).toBeUndefined();

    git(work, 'push', '--quiet', remote, 'main');
    expect((await run(['app', 'sync', 'apps'])).code).toBe(0);
    expect(live('immich')).toBeDefined();
    expect(live('loki')).toBeUndefined();

    expect((await run(['app', 'set', 'apps', '--revision', 'nope'])).code).toBe(0);
    const unknown = await run(['app', 'sync', 'apps']);
    expect(unknown.code).toBe(20);
    expect(unknown.stderr).toContain("Manifest generation error (cached): unable to resolve 'nope' to a commit SHA");
  });
});

// Tests of the argocd emulator: spawn the launcher and check stdout, stderr and exit codes
// against docs/tools/argocd.md.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runArgocdEmulator } from './run-emulator.js';


type Result = { code: number | null; stdout: string; stderr: string };
type App = Record<string, any>;

let dir: string;
let statePath: string;

function run(args: string[], env: Record<string, string | undefined> = {}): Promise<Result> {
  return runArgocdEmulator(statePath, args, env);
}

function app(name: string, extra: { labels?: Record<string, string>; sync?: string; resources?: App[]; spec?: App } = {}): App {
  return {
    metadata: { name, namespace: 'argocd', ...(extra.labels ? { labels: extra.labels } : {}) },
    spec: {
      project: 'default',
      source: { repoURL: 'https://git.example/infra.git', path: `apps/${name}`, targetRevision: 'main' },
      destination: { server: 'https://kubernetes.default.svc', namespace: name },
      ...(extra.spec ?? {}),
    },
    status: {
      sync: { status: extra.sync ?? 'Synced' },
      health: { status: 'Healthy' },
      resources: extra.resources ?? [],
    },
  };
}

function deployment(name: string, status = 'OutOfSync', diff?: string): App {
  return { group: 'apps', version: 'v1', kind: 'Deployment', namespace: name, name, status, health: { status: 'Healthy' }, ...(diff ? { diff } : {}) };
}

function writeState(state: App) {
  fs.writeFileSync(statePath, JSON.stringify({ server: 'argocd.example:443', token: 'tok', ...state }));
}

function readState(): App {
  return JSON.parse(fs.readFileSync(statePath, 'utf8'));
}

function liveApp(name: string): App | undefined {
  return readState().apps.find((a: App) => a.metadata.name === name);
}

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'argocd-emu-'));
  statePath = path.join(dir, 'state.json');
});

afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('connection and flags', () => {
  it('fails with a logrus fatal and exit 1 when no server is configured', async () => {
    fs.writeFileSync(statePath, JSON.stringify({ apps: [] }));
    const r = await run(['app', 'list', '-o', 'json']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^time="\d{4}-\d\d-\d\dT[^"]+" level=fatal msg="Argo CD server address unspecified"\n$/);
    expect(r.stdout).toBe('');
  });

  it('takes the server from ARGOCD_SERVER or --server, and needs none with --core', async () => {
    fs.writeFileSync(statePath, JSON.stringify({ apps: [], token: 't' }));
    expect((await run(['app', 'list', '-o', 'json'], { ARGOCD_SERVER: 'a:443' })).code).toBe(0);
    expect((await run(['app', 'list', '-o', 'json', '--server', 'a:443'])).code).toBe(0);
    expect((await run(['app', 'list', '-o', 'json', '--core'])).stdout).toBe('[]\n');
  });

  it('rejects unknown flags like cobra (exit 1)', async () => {
    writeState({ apps: [] });
    const r = await run(['app', 'list', '--foo']);
    expect(r.code).toBe(1);
    expect(r.stderr.split('\n')[0]).toBe('Error: unknown flag: --foo');
  });

  it('fails API calls with Unauthenticated (exit 20) when the token is not the required one', async () => {
    writeState({ apps: [app('web')], requiredToken: 'good' });
    const bad = await run(['app', 'list', '-o', 'json'], { ARGOCD_AUTH_TOKEN: 'bad' });
    expect(bad.code).toBe(20);
    expect(bad.stderr).toContain('msg="rpc error: code = Unauthenticated desc = invalid session: token is invalid"');
    expect((await run(['app', 'list', '-o', 'json', '--auth-token', 'good'], { ARGOCD_AUTH_TOKEN: 'bad' })).code).toBe(0);
  });

  it('account get-user-info answers loggedIn false with exit 0 on a bad token', async () => {
    writeState({ apps: [], requiredToken: 'good' });
    const bad = await run(['account', 'get-user-info', '-o', 'json'], { ARGOCD_AUTH_TOKEN: 'bad' });
    expect(bad.code).toBe(0);
    expect(JSON.parse(bad.stdout).loggedIn).toBe(false);
    const good = await run(['account', 'get-user-info', '-o', 'json', '--auth-token', 'good']);
    expect(JSON.parse(good.stdout)).toEqual({ loggedIn: true, username: 'admin', iss: 'argocd', groups: [] });
  });

  it('fails every API call with Unavailable (exit 20) under the apiError fault', async () => {
    writeState({ apps: [app('web')] });
    const r = await run(['app', 'get', 'web', '-o', 'json'], { ARGOCD_EMULATOR_API_ERROR: '1' });
    expect(r.code).toBe(20);
    expect(r.stderr).toContain('rpc error: code = Unavailable desc = connection error');
  });

  it('prints the client version without a server or state', async () => {
    const r = await run(['version', '--client', '-o', 'short'], { ARGOCD_EMULATOR_STATE: undefined });
    expect(r).toMatchObject({ code: 0, stdout: 'argocd: v2.14.21+abc1234\n' });
    const json = JSON.parse((await run(['version', '--client', '-o', 'json'])).stdout);
    expect(json.client.Version).toBe('v2.14.21+abc1234');
  });

  it('logs one line per invocation to ARGOCD_EMULATOR_LOG', async () => {
    writeState({ apps: [] });
    const log = path.join(dir, 'calls.log');
    await run(['app', 'list', '-o', 'json'], { ARGOCD_EMULATOR_LOG: log });
    await run(['version', '--client'], { ARGOCD_EMULATOR_LOG: log });
    const lines = fs.readFileSync(log, 'utf8').trim().split('\n').map((l) => JSON.parse(l).argv);
    expect(lines).toEqual([['app', 'list', '-o', 'json'], ['version', '--client']]);
  });
});

describe('reading applications', () => {
  beforeEach(() => {
    writeState({ apps: [app('web', { labels: { team: 'a', tier: 'front' } }), app('db', { labels: { team: 'b' } }), app('misc')] });
  });

  it('app list -o json prints a 2-space indented array, [] when nothing matches', async () => {
    const r = await run(['app', 'list', '-o', 'json']);
    expect(r.code).toBe(0);
    expect(r.stdout.startsWith('[\n  {\n    "metadata"')).toBe(true);
    expect(JSON.parse(r.stdout).map((a: App) => a.metadata.name)).toEqual(['web', 'db', 'misc']);
    expect((await run(['app', 'list', '-o', 'json', '-l', 'team=zzz'])).stdout).toBe('[]\n');
  });

  it('filters with label selectors and projects', async () => {
    const names = async (sel: string) => JSON.parse((await run(['app', 'list', '-o', 'json', '-l', sel])).stdout).map((a: App) => a.metadata.name);
    expect(await names('team=a')).toEqual(['web']);
    expect(await names('team==b')).toEqual(['db']);
    expect(await names('team!=a')).toEqual(['db', 'misc']);
    expect(await names('team')).toEqual(['web', 'db']);
    expect(await names('!team')).toEqual(['misc']);
    expect(await names('team in (a,b),tier notin (back)')).toEqual(['web', 'db']);
    expect((await run(['app', 'list', '-o', 'json', '-p', 'other'])).stdout).toBe('[]\n');
  });

  it('app list -o name prints qualified names', async () => {
    expect((await run(['app', 'list', '-o', 'name'])).stdout).toBe('argocd/web\nargocd/db\nargocd/misc\n');
  });

  it('app get -o json prints one Application; an unknown app is PermissionDenied (exit 20)', async () => {
    const r = await run(['app', 'get', 'db', '-o', 'json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).metadata.name).toBe('db');
    const missing = await run(['app', 'get', 'nope', '-o', 'json']);
    expect(missing.code).toBe(20);
    expect(missing.stderr).toMatch(/level=fatal msg="rpc error: code = PermissionDenied desc = permission denied"/);
  });
});

describe('app diff', () => {
  beforeEach(() => {
    writeState({
      apps: [
        app('web', { sync: 'OutOfSync', resources: [deployment('web'), { version: 'v1', kind: 'Service', namespace: 'web', name: 'web', status: 'Synced' }] }),
        app('cfg', { sync: 'OutOfSync', resources: [{ version: 'v1', kind: 'ConfigMap', namespace: 'cfg', name: 'cfg', status: 'OutOfSync', diff: '3c3\n<   a: 1\n---\n>   a: 2' }] }),
        app('ok', { resources: [deployment('ok', 'Synced')] }),
      ],
    });
  });

  it('prints a header and a normal-format body per OutOfSync resource, exit 1', async () => {
    const r = await run(['app', 'diff', 'web']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^\n===== apps\/Deployment web\/web ======\n\d+c\d+\n< {3}replicas: 1\n---\n> {3}replicas: 2\n$/);
  });

  it('uses a resource diff from the state, with an empty group for core kinds', async () => {
    const r = await run(['app', 'diff', 'cfg']);
    expect(r.stdout).toBe('\n===== /ConfigMap cfg/cfg ======\n3c3\n<   a: 1\n---\n>   a: 2\n');
  });

  it('honours --diff-exit-code and --exit-code=false', async () => {
    expect((await run(['app', 'diff', 'web', '--diff-exit-code', '3'])).code).toBe(3);
    expect((await run(['app', 'diff', 'web', '--exit-code=false'])).code).toBe(0);
  });

  it('exits 0 with no output when synced, 2 on a wrong arg count, 20 for an unknown app', async () => {
    expect(await run(['app', 'diff', 'ok'])).toMatchObject({ code: 0, stdout: '' });
    expect((await run(['app', 'diff'])).code).toBe(2);
    expect((await run(['app', 'diff', 'a', 'b'])).code).toBe(2);
    expect((await run(['app', 'diff', 'nope'])).code).toBe(20);
  });
});

describe('app sync', () => {
  it('syncs: operation Succeeded, Synced at the state revision, Healthy; -o json prints the app', async () => {
    writeState({ revision: 'a'.repeat(40), apps: [app('web', { sync: 'OutOfSync', resources: [deployment('web')] })] });
    const r = await run(['app', 'sync', 'web', '-o', 'json']);
    expect(r.code).toBe(0);
    const printed = JSON.parse(r.stdout);
    expect(printed.status.sync).toMatchObject({ status: 'Synced', revision: 'a'.repeat(40) });
    expect(printed.status.operationState.phase).toBe('Succeeded');
    const live = liveApp('web')!;
    expect(live.status.health.status).toBe('Healthy');
    expect(live.status.resources[0].status).toBe('Synced');
  });

  it('prints the operation summary in wide mode', async () => {
    writeState({ apps: [app('web', { sync: 'OutOfSync' })] });
    const r = await run(['app', 'sync', 'web']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Operation: {10}Sync$/m);
    expect(r.stdout).toMatch(/^Sync Revision: {6}[0-9a-f]{40}$/m);
    expect(r.stdout).toMatch(/^Phase: {14}Succeeded$/m);
    expect(r.stdout).toMatch(/^Message: {12}successfully synced \(all tasks run\)$/m);
  });

  it('processes names in order and stops at the first failure', async () => {
    writeState({ apps: [app('a', { sync: 'OutOfSync' }), app('b', { sync: 'OutOfSync' })] });
    const r = await run(['app', 'sync', 'a', 'nope', 'b', '-o', 'json']);
    expect(r.code).toBe(20);
    expect(JSON.parse(r.stdout).metadata.name).toBe('a');
    expect(liveApp('a')!.status.sync.status).toBe('Synced');
    expect(liveApp('b')!.status.sync.status).toBe('OutOfSync');
  });

  it('fails with phase Failed and exit 1 under the syncFail fault', async () => {
    writeState({ apps: [app('web', { sync: 'OutOfSync', resources: [deployment('web')] })], faults: { syncFail: ['web'] } });
    const r = await run(['app', 'sync', 'web', '-o', 'json']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('level=fatal msg="Operation has completed with phase: Failed"');
    const op = JSON.parse(r.stdout).status.operationState;
    expect(op.phase).toBe('Failed');
    expect(op.message).toMatch(/^one or more objects failed to apply, reason: /);
    expect(liveApp('web')!.status.sync.status).toBe('OutOfSync');
  });

  it('refuses --revision on an auto-synced app with FailedPrecondition (exit 20)', async () => {
    writeState({ apps: [app('web', { spec: { syncPolicy: { automated: {} } } })] });
    const r = await run(['app', 'sync', 'web', '--revision', 'v2']);
    expect(r.code).toBe(20);
    expect(r.stderr).toContain('rpc error: code = FailedPrecondition desc = Cannot sync to v2: auto-sync currently set to main');
  });

  it('keeps parallel syncs of different apps safe', async () => {
    const names = Array.from({ length: 8 }, (_, i) => `app${i}`);
    writeState({ apps: names.map((n) => app(n, { sync: 'OutOfSync' })) });
    const results = await Promise.all(names.map((n) => run(['app', 'sync', n, '--async'])));
    expect(results.map((r) => r.code)).toEqual(names.map(() => 0));
    expect(readState().apps.map((a: App) => a.status.sync.status)).toEqual(names.map(() => 'Synced'));
    expect(fs.existsSync(`${statePath}.lock`)).toBe(false);
  });
});

describe('root sync (app-of-apps)', () => {
  let appsDir: string;
  const child = (name: string, rev: string) =>
    `apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata:\n  name: ${name}\n  namespace: argocd\nspec:\n  project: default\n` +
    `  source: { repoURL: https://git.example/infra.git, path: apps/${name}, targetRevision: ${rev} }\n` +
    `  destination: { server: https://kubernetes.default.svc, namespace: ${name} }\n`;

  beforeEach(() => {
    appsDir = path.join(dir, 'apps');
    fs.mkdirSync(appsDir);
    fs.writeFileSync(path.join(appsDir, 'cv.yaml'), `${child('cv', 'main')}---\napiVersion: v1\nkind: ConfigMap\nmetadata: { name: x }\n`);
    fs.writeFileSync(path.join(appsDir, 'immich.yml'), child('immich', 'v2'));
    const tracked = { 'app.kubernetes.io/instance': 'apps' };
    const orphan = app('old');
    orphan.metadata.annotations = { 'argocd.argoproj.io/tracking-id': 'apps:argoproj.io/Application:argocd/old' };
    writeState({
      roots: { apps: { appsDir } },
      apps: [app('apps'), app('immich', { labels: tracked, resources: [deployment('immich', 'Synced')] }), orphan, app('manual')],
    });
  });

  it('creates and updates children, and reports orphans needing pruning (exit 1)', async () => {
    const r = await run(['app', 'sync', 'apps', '-o', 'json']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('level=fatal msg="1 resources require pruning"');
    const cv = liveApp('cv')!;
    expect(cv.metadata.labels['app.kubernetes.io/instance']).toBe('apps');
    expect(cv.status.sync.status).toBe('OutOfSync');
    expect(cv.status.health.status).toBe('Missing');
    const immich = liveApp('immich')!;
    expect(immich.spec.source.targetRevision).toBe('v2');
    expect(immich.status.sync.status).toBe('OutOfSync');
    expect(liveApp('old')).toBeDefined();
    expect(liveApp('manual')).toBeDefined();
    const root = liveApp('apps')!;
    expect(root.status.resources.map((x: App) => [x.name, x.status, x.requiresPruning ?? false])).toEqual([
      ['cv', 'Synced', false], ['immich', 'Synced', false], ['old', 'OutOfSync', true],
    ]);
    expect(root.status.resources[0]).toMatchObject({ group: 'argoproj.io', kind: 'Application', namespace: 'argocd' });
  });

  it('deletes orphans with --prune (exit 0)', async () => {
    const r = await run(['app', 'sync', 'apps', '--prune']);
    expect(r.code).toBe(0);
    expect(liveApp('old')).toBeUndefined();
    expect(liveApp('manual')).toBeDefined();
    expect(liveApp('apps')!.status.sync.status).toBe('Synced');
  });

  it('diffs a root against its Git folder', async () => {
    const r = await run(['app', 'diff', 'apps', '--diff-exit-code', '3']);
    expect(r.code).toBe(3);
    expect(r.stdout).toContain('\n===== argoproj.io/Application argocd/cv ======\n0a1,');
    expect(r.stdout).toContain('\n===== argoproj.io/Application argocd/immich ======\n');
    expect(r.stdout).toContain('<     targetRevision: main\n---\n>     targetRevision: v2\n');
    expect(r.stdout).toContain('\n===== argoproj.io/Application argocd/old ======\n1,');
  });
});

describe('app wait', () => {
  it('times out with exit 20 when health never arrives', async () => {
    writeState({ apps: [app('web', { sync: 'OutOfSync' })], faults: { neverHealthy: ['web'] } });
    expect((await run(['app', 'sync', 'web', '--async'])).code).toBe(0);
    const r = await run(['app', 'wait', 'web', '--health', '--timeout', '1']);
    expect(r.code).toBe(20);
    expect(r.stderr).toContain('level=fatal msg="timed out (1s) waiting for app \\"web\\" match desired state"');
  });

  it('sees health turn Healthy after ARGOCD_EMULATOR_HEALTHY_AFTER_MS', async () => {
    writeState({ apps: [app('web', { sync: 'OutOfSync' })] });
    const env = { ARGOCD_EMULATOR_HEALTHY_AFTER_MS: '300' };
    const synced = JSON.parse((await run(['app', 'sync', 'web', '-o', 'json'], env)).stdout);
    expect(synced.status.health.status).toBe('Progressing');
    const r = await run(['app', 'wait', 'web', '--sync', '--health', '--timeout', '5', '-o', 'json'], env);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).status.health.status).toBe('Healthy');
  });

  it('fails with exit 20 when health turns Degraded', async () => {
    writeState({ apps: [app('web', { sync: 'OutOfSync' })], faults: { degraded: ['web'] } });
    // Long enough for `app wait` to start (a node process on a busy machine) while still Progressing.
    const env = { ARGOCD_EMULATOR_HEALTHY_AFTER_MS: '2000' };
    await run(['app', 'sync', 'web', '--async'], env);
    const r = await run(['app', 'wait', 'web', '--health', '--timeout', '5', '-o', 'json'], env);
    expect(r.code).toBe(20);
    expect(r.stderr).toContain("application 'web' health state has transitioned from Progressing to Degraded");
  });
});

describe('app set', () => {
  it('sets targetRevision silently and marks the app OutOfSync', async () => {
    writeState({ apps: [app('web', { resources: [deployment('web', 'Synced')] })] });
    const r = await run(['app', 'set', 'web', '--revision', 'v2']);
    expect(r).toMatchObject({ code: 0, stdout: '' });
    const live = liveApp('web')!;
    expect(live.spec.source.targetRevision).toBe('v2');
    expect(live.status.sync.status).toBe('OutOfSync');
  });

  it('needs --source-position on multi-source apps (exit 20), and an option (exit 1)', async () => {
    const multi = app('multi');
    delete multi.spec.source;
    multi.spec.sources = [{ repoURL: 'a', targetRevision: 'main' }, { repoURL: 'b', targetRevision: 'main', ref: 'values' }];
    writeState({ apps: [multi, app('web')] });
    const r = await run(['app', 'set', 'multi', '--revision', 'v2']);
    expect(r.code).toBe(20);
    expect(r.stderr).toContain('Source position should be specified');
    expect((await run(['app', 'set', 'multi', '--revision', 'v2', '--source-position', '2'])).code).toBe(0);
    expect(liveApp('multi')!.spec.sources.map((s: App) => s.targetRevision)).toEqual(['main', 'v2']);
    const none = await run(['app', 'set', 'web']);
    expect(none.code).toBe(1);
    expect(none.stderr).toContain('Please set at least one option to update');
  });
});

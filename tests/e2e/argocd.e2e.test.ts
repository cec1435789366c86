import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { RunDocument } from '../../src/output/json.js';
import {
  argocdWorld,
  callSummary,
  filesUnder,
  homelabWorld,
  IN_CLUSTER,
  manyApps,
  NAS_CLUSTER,
  PINNED_BRANCH,
  ROOT,
  SERVER,
  TOKEN,
  type World,
  type WorldApp,
} from '../helpers/argocd-world.js';
import { startBlumeops, type CliResult } from '../helpers/cli.js';
import { commitAll, git, ledger, writeFiles } from '../helpers/repo.js';

/** Every category at once, over two clusters; the other 29 apps are in sync. */
const MIXED: WorldApp[] = [
  { name: 'cv', category: 'pinned' },
  { name: 'immich', category: 'update', helm: true },
  { name: 'caddy-ingress', category: 'update', cluster: NAS_CLUSTER },
  { name: 'grafana', category: 'create' },
  { name: 'loki', category: 'create', cluster: NAS_CLUSTER },
  { name: 'miniflux', category: 'orphan', cluster: NAS_CLUSTER },
  { name: 'forgejo', category: 'outOfSync' },
  { name: 'jellyfin', category: 'outOfSync', cluster: NAS_CLUSTER },
  { name: 'prometheus', category: 'degraded' },
  { name: 'navidrome', category: 'healthMissing', cluster: NAS_CLUSTER },
  { name: 'teslamate', category: 'failedOp' },
];
/** What `sync argocd` syncs one by one after the root in the MIXED world. */
const MIXED_SYNCED = ['caddy-ingress', 'cv', 'forgejo', 'grafana', 'immich', 'jellyfin', 'loki'];

/**
 * Runs blumeops in the world (asynchronously: a long spawnSync starves vitest's worker RPC) and
 * checks that the token never shows in what it prints.
 */
async function run(world: Pick<World, 'repo' | 'env'>, ...args: string[]): Promise<CliResult> {
  const result = await startBlumeops(args, { cwd: world.repo, env: world.env }).exited;
  expect(result.stdout + result.stderr).not.toContain(TOKEN);
  return result;
}

function appSyncs(world: World): string[] {
  return callSummary(world.calls()).filter((call) => call.startsWith('sync '));
}

function listCalls(world: World): number {
  return callSummary(world.calls()).filter((call) => call === 'list').length;
}

describe('argocd layer end to end', () => {
  it('plans 40 apps over two clusters in one plan, grouped by cluster, from ONE app list call', async () => {
    const world = argocdWorld({ apps: manyApps(40, MIXED) });
    const plan = await run(world, 'diff', 'argocd');
    expect(plan.code, plan.stderr).toBe(0);
    expect(plan.stdout).toContain('argocd: 2 to create, 3 to update, 3 to sync');
    expect(plan.stdout).toContain('warning: miniflux is no longer in Git; kept because pruning is off');
    const lines = plan.stdout.split('\n').map((line) => line.replace(/^argocd \| /, '').trim());
    const inCluster = lines.indexOf(`${IN_CLUSTER}:`);
    const nas = lines.indexOf(`${NAS_CLUSTER}:`);
    expect(inCluster, plan.stdout).toBeGreaterThan(-1);
    expect(nas).toBeGreaterThan(inCluster);
    const section = (from: number, to: number) => lines.slice(from + 1, to).filter((line) => /^[+~\-↻±] /.test(line));
    expect(section(inCluster, nas)).toEqual([
      `↻ ${ROOT}: out of sync`,
      '~ cv: spec.source.targetRevision (pinned to my-branch, Git says main); out of sync',
      '↻ forgejo: out of sync',
      '+ grafana: new app (created by syncing apps)',
      '~ immich: spec.sources[0].helm.valueFiles; out of sync',
    ]);
    expect(section(nas, lines.length)).toEqual([
      '~ caddy-ingress: spec.source.path; out of sync',
      '↻ jellyfin: out of sync',
      '+ loki: new app (created by syncing apps)',
    ]);
    for (const warning of [
      'warning: cv is pinned to my-branch (Git says main)',
      'warning: miniflux is no longer in Git; kept because pruning is off',
      'warning: prometheus is Degraded: Deployment has 0/1 ready replicas',
      'warning: navidrome is Missing',
      'warning: teslamate: the last sync failed: one or more objects failed to apply',
    ]) expect(plan.stdout).toContain(warning);
    // One `argocd app list -o json` for the whole plan, nothing per app (no diff without -v).
    expect(world.calls()).toEqual([['app', 'list', '-o', 'json', '--server', SERVER]]);

    world.clearCalls();
    const json = await run(world, 'diff', 'argocd', '--json', '--detailed-exitcode');
    expect(json.code).toBe(2);
    const layer = RunDocument.parse(JSON.parse(json.stdout)).layers[0];
    expect(layer).toMatchObject({ name: 'argocd', kind: 'argocd', status: 'changes', summary: { create: 2, update: 3, delete: 0, replace: 0, sync: 3 } });
    const byName = Object.fromEntries(layer.changes.map((change) => [change.target, change]));
    expect(Object.keys(byName).sort()).toEqual([ROOT, 'caddy-ingress', 'cv', 'forgejo', 'grafana', 'immich', 'jellyfin', 'loki']);
    expect(byName.grafana).toMatchObject({ action: 'create', group: IN_CLUSTER });
    expect(byName.loki).toMatchObject({ action: 'create', group: NAS_CLUSTER });
    // With pruning off the orphan is kept on purpose: a warning, not a change.
    expect(byName.miniflux).toBeUndefined();
    expect(byName['caddy-ingress']).toMatchObject({ action: 'update', group: NAS_CLUSTER, summary: expect.stringContaining('spec.source.path') });
    expect(byName.immich).toMatchObject({ action: 'update', group: IN_CLUSTER, summary: expect.stringContaining('spec.sources[0].helm.valueFiles') });
    expect(byName.cv).toMatchObject({ action: 'update', group: IN_CLUSTER });
    expect(byName.jellyfin).toMatchObject({ action: 'sync', group: NAS_CLUSTER });
    expect(layer.warnings).toContain('cv is pinned to my-branch (Git says main)');
    expect(layer.warnings.filter((warning) => /prometheus|navidrome|teslamate/.test(warning))).toHaveLength(3);
    expect(listCalls(world)).toBe(1);
  });

  it('sync: the root first, then each out-of-sync app in its own call; the next plan is in sync but for the kept orphan; --prune deletes it', async () => {
    const world = argocdWorld({ apps: manyApps(40, MIXED) });
    const sync = await run(world, 'sync', 'argocd', '--yes');
    expect(sync.code, sync.stdout + sync.stderr).toBe(0);
    expect(sync.stdout).toContain('argocd: applied: created 2, updated 3, synced 3');
    expect(sync.stdout).toMatch(new RegExp(`warning: ${ROOT}: 1 resources? requires? pruning; kept because pruning is off`));

    const syncs = appSyncs(world);
    expect(syncs[0]).toBe(`sync ${ROOT}`);
    expect(syncs.slice(1).sort()).toEqual(MIXED_SYNCED.map((name) => `sync ${name}`));
    // Each app its own call: `app sync NAME -o json …`, never two names at once; no --prune.
    for (const argv of world.calls().filter((call) => call[1] === 'sync')) {
      expect(argv.slice(0, 4)).toEqual(['app', 'sync', argv[2], '-o']);
      expect(argv).not.toContain('--prune');
    }
    // One list for the plan, one after the root sync (the children it touched are out of sync now).
    expect(listCalls(world)).toBe(2);
    for (const name of MIXED_SYNCED) {
      expect(world.live(name)?.status, name).toMatchObject({ sync: { status: 'Synced' }, health: { status: 'Healthy' } });
    }
    expect(world.live('cv')?.spec).toMatchObject({ source: { targetRevision: 'main' } });
    expect(world.live('caddy-ingress')?.spec).toMatchObject({ source: { path: 'argocd/manifests/caddy-ingress' } });
    expect(world.live('miniflux')).toBeDefined();
    expect(ledger(world.repo)).toMatchObject([{ layer: 'argocd', kind: 'argocd', status: 'applied', summary: { create: 2, update: 3, delete: 0, sync: 3 } }]);

    const next = await run(world, 'diff', 'argocd', '--json', '--detailed-exitcode');
    const layer = RunDocument.parse(JSON.parse(next.stdout)).layers[0];
    // In sync: only what is intentionally kept remains, the orphan, as a warning.
    expect(layer.changes).toEqual([]);
    expect(layer.status).toBe('in-sync');
    expect(layer.warnings).toContain('miniflux is no longer in Git; kept because pruning is off (pass --prune or set prune: true)');
    expect(layer.warnings.some((warning) => warning.includes('pinned'))).toBe(false);
    expect(next.code).toBe(0);

    world.clearCalls();
    const prune = await run(world, 'sync', 'argocd', '--prune', '--yes');
    expect(prune.code, prune.stdout + prune.stderr).toBe(0);
    expect(world.calls().find((call) => call[1] === 'sync')).toEqual(expect.arrayContaining(['sync', ROOT, '--prune']));
    expect(world.live('miniflux')).toBeUndefined();
    const clean = await run(world, 'diff', 'argocd', '--detailed-exitcode');
    expect(clean.code, clean.stdout).toBe(0);
    expect(clean.stdout).toContain('argocd: in sync');
  });

  it('prune: true in blumeops.yaml deletes the orphan through the root', async () => {
    const world = argocdWorld({
      apps: [{ name: 'cv', category: 'synced' }, { name: 'miniflux', category: 'orphan' }],
      layerKeys: ['    prune: true'],
    });
    const plan = await run(world, 'diff', 'argocd');
    expect(plan.stdout).toContain('- miniflux: no longer in Git (pruned by syncing apps)');
    expect(plan.stdout).not.toContain('kept because pruning is off');
    const sync = await run(world, 'sync', 'argocd', '--yes');
    expect(sync.code, sync.stdout + sync.stderr).toBe(0);
    expect(world.calls().find((call) => call[1] === 'sync' && call[2] === ROOT)).toContain('--prune');
    expect(world.live('miniflux')).toBeUndefined();
    expect(ledger(world.repo).at(-1)).toMatchObject({ status: 'applied', summary: { delete: 1 } });
    expect((await run(world, 'diff', 'argocd', '--detailed-exitcode')).code).toBe(0);
  });

  it('a failing app does not stop the others and fails the layer', async () => {
    const apps: WorldApp[] = ['cv', 'forgejo', 'immich', 'jellyfin', 'paperless'].map((name) => ({ name, category: 'outOfSync' }));
    const world = argocdWorld({ apps: [...apps, { name: 'ok', category: 'synced' }], faults: { syncFail: ['forgejo'] } });
    const sync = await run(world, 'sync', 'argocd', '--yes');
    expect(sync.code).toBe(1);
    expect(sync.stdout).toContain('1 of 5 apps failed to sync');
    expect(sync.stdout).toMatch(/forgejo: .*failed to apply/);
    expect(sync.stdout).toContain('hint: argocd app get forgejo shows the details');
    expect(appSyncs(world).sort()).toEqual(apps.map((app) => `sync ${app.name}`));
    for (const name of ['cv', 'immich', 'jellyfin', 'paperless']) {
      expect(world.live(name)?.status, name).toMatchObject({ sync: { status: 'Synced' }, health: { status: 'Healthy' } });
    }
    expect(world.live('forgejo')?.status).toMatchObject({ sync: { status: 'OutOfSync' }, operationState: { phase: 'Failed' } });
    const [entry] = ledger(world.repo);
    expect(entry).toMatchObject({ layer: 'argocd', status: 'failed' });
    expect(String(entry.error)).toContain('forgejo');
    // The next plan shows what is left, and the failed operation as a warning.
    const next = await run(world, 'diff', 'argocd');
    expect(next.stdout).toContain('↻ forgejo: out of sync');
    expect(next.stdout).toContain('warning: forgejo: the last sync failed');
  });

  it('branch testing: --revision points the app at the branch, warns until it is back on Git\'s revision', async () => {
    const world = argocdWorld({ apps: [{ name: 'cv', category: 'synced' }, { name: 'immich', category: 'outOfSync' }] });
    const pin = await run(world, 'sync', 'argocd', 'cv', '--revision', PINNED_BRANCH, '--yes');
    expect(pin.code, pin.stdout + pin.stderr).toBe(0);
    expect(pin.stdout).toContain(`cv: set targetRevision to ${PINNED_BRANCH} (was main), then sync`);
    const calls = callSummary(world.calls());
    expect(calls).toContain('set cv');
    expect(calls.indexOf('set cv')).toBeLessThan(calls.indexOf('sync cv'));
    expect(world.calls().find((call) => call[1] === 'set')).toEqual(['app', 'set', 'cv', '--revision', PINNED_BRANCH, '--server', SERVER]);
    expect(appSyncs(world)).toEqual(['sync cv']); // not the root: it would put main back
    expect(world.live('cv')).toMatchObject({ spec: { source: { targetRevision: PINNED_BRANCH } }, status: { sync: { status: 'Synced' } } });
    const entry = ledger(world.repo).at(-1)!;
    expect(entry).toMatchObject({ status: 'applied', summary: { update: 1 } });
    expect(entry.notes).toEqual(expect.arrayContaining([expect.stringContaining(`cv: pointed at ${PINNED_BRANCH} (was main)`)]));

    const plan = await run(world, 'diff', 'argocd');
    expect(plan.stdout).toContain(`warning: cv is pinned to ${PINNED_BRANCH} (Git says main)`);
    expect(plan.stdout).toContain(`~ cv: spec.source.targetRevision (pinned to ${PINNED_BRANCH}, Git says main)`);

    world.clearCalls();
    const back = await run(world, 'sync', 'argocd', 'cv', '--yes');
    expect(back.code, back.stdout + back.stderr).toBe(0);
    expect(world.live('cv')).toMatchObject({ spec: { source: { targetRevision: 'main' } }, status: { sync: { status: 'Synced' } } });
    expect(appSyncs(world)).toEqual([`sync ${ROOT}`, 'sync cv']);
    const after = await run(world, 'diff', 'argocd', 'cv', '--detailed-exitcode');
    expect(after.code, after.stdout).toBe(0);
    expect(after.stdout).not.toContain('pinned');
  });

  it('refuses to sync commits that are not pushed, unless --allow-unpushed; ArgoCD then sees only what is pushed', async () => {
    const world = argocdWorld({ apps: [{ name: 'cv', category: 'outOfSync' }, { name: 'immich', category: 'synced' }] });
    expect((await run(world, 'diff', 'argocd')).stdout).not.toContain('not pushed');

    // A new app, committed but not pushed: Git (the clone) has it, ArgoCD (the remote) does not.
    const loki = readFileSync(path.join(world.repo, 'argocd/apps/immich.yaml'), 'utf8').replaceAll('immich', 'loki');
    writeFiles(world.repo, { 'argocd/apps/loki.yaml': loki, 'argocd/manifests/loki/deployment.yaml': 'kind: Deployment\n' });
    commitAll(world.repo, 'loki: a new app');
    const plan = await run(world, 'diff', 'argocd');
    expect(plan.code).toBe(0);
    expect(plan.stdout).toContain('+ loki: new app (created by syncing apps)');
    expect(plan.stdout).toContain('warning: 1 local commit is not pushed; ArgoCD will not see it');

    world.clearCalls();
    const refused = await run(world, 'sync', 'argocd', '--yes');
    expect(refused.code).toBe(1);
    const output = refused.stdout + refused.stderr;
    expect(output).toContain('1 local commit is not pushed; ArgoCD will not see it');
    expect(output).toContain('hint: git push, or pass --allow-unpushed');
    expect(appSyncs(world)).toEqual([]);
    expect(ledger(world.repo).at(-1)).toMatchObject({ status: 'failed' });

    // Forced: the root syncs from the remote, as ArgoCD does, so loki is not created; cv is synced.
    const forced = await run(world, 'sync', 'argocd', '--yes', '--allow-unpushed');
    expect(forced.code, forced.stdout + forced.stderr).toBe(1);
    expect(forced.stdout).toContain('loki: syncing apps did not create it: ArgoCD reads the remote, which lacks 1 local commit(s) (git push)');
    expect(appSyncs(world)).toEqual([`sync ${ROOT}`, 'sync cv']);
    expect(world.live('loki')).toBeUndefined();

    git(world.repo, 'push', '--quiet', 'origin', 'main');
    world.clearCalls();
    const pushed = await run(world, 'sync', 'argocd', '--yes');
    expect(pushed.code, pushed.stdout + pushed.stderr).toBe(0);
    expect(pushed.stdout).not.toContain('not pushed');
    expect(world.live('loki')?.status).toMatchObject({ sync: { status: 'Synced' } });
  });

  it('targets: sync argocd cv syncs only cv; an unknown app suggests the nearest', async () => {
    const world = argocdWorld({ apps: manyApps(12, ['cv', 'immich', 'forgejo', 'jellyfin'].map((name) => ({ name, category: 'outOfSync' as const }))) });
    const sync = await run(world, 'sync', 'argocd', 'cv', '--yes');
    expect(sync.code, sync.stdout + sync.stderr).toBe(0);
    expect(appSyncs(world)).toEqual(['sync cv']);
    expect(world.live('cv')?.status).toMatchObject({ sync: { status: 'Synced' } });
    for (const name of ['immich', 'forgejo', 'jellyfin']) expect(world.live(name)?.status, name).toMatchObject({ sync: { status: 'OutOfSync' } });
    expect(ledger(world.repo).at(-1)).toMatchObject({ status: 'applied', summary: { sync: 1 } });

    // Arguments after -- are for `argocd app sync`: a plan says so and passes them to nothing.
    world.clearCalls();
    const planArgs = await run(world, 'diff', 'argocd', 'cv', '--', '--server-side');
    expect(planArgs.code, planArgs.stdout + planArgs.stderr).toBe(0);
    expect(planArgs.stdout).toContain("arguments after -- are for argocd app sync, not for the plan's app list and diff: --server-side");
    expect(world.calls().flat()).not.toContain('--server-side');
    const syncArgs = await run(world, 'sync', 'argocd', 'immich', '--yes', '--', '--server-side');
    expect(syncArgs.code, syncArgs.stdout + syncArgs.stderr).toBe(0);
    expect(world.calls().filter((argv) => argv[1] === 'sync')).toEqual([expect.arrayContaining(['sync', 'immich', '--server-side'])]);
    expect(world.calls().filter((argv) => argv[1] !== 'sync').flat()).not.toContain('--server-side');

    const unknown = await run(world, 'diff', 'argocd', 'cvv');
    expect(unknown.code).toBe(1);
    expect(unknown.stdout + unknown.stderr).toContain('unknown app "cvv"');
    expect(unknown.stdout + unknown.stderr).toContain('did you mean "cv"?');
  });

  it('the token comes from the layer env through op, never on argv, in output, logs or the ledger', async () => {
    const world = argocdWorld({ apps: [{ name: 'cv', category: 'outOfSync' }, { name: 'grafana', category: 'create' }] });
    const sync = await run(world, 'sync', 'argocd', '--yes');
    expect(sync.code, sync.stdout + sync.stderr).toBe(0);
    const calls = world.calls();
    expect(calls.length).toBeGreaterThan(4);
    for (const argv of calls) {
      expect(argv.join(' ')).not.toContain(TOKEN);
      expect(argv).not.toContain('--auth-token');
    }
    const blumeopsDir = path.join(world.repo, '.git/blumeops');
    const written = filesUnder(blumeopsDir);
    expect(written.some((file) => file.endsWith('.log'))).toBe(true);
    for (const file of written) expect(readFileSync(file, 'utf8'), file).not.toContain(TOKEN);
    expect(JSON.stringify(ledger(world.repo))).not.toContain(TOKEN);

    // The emulator requires the token: a wrong one in the vault fails every API call.
    const vault = world.env.OP_EMULATOR_VAULT!;
    writeFileSync(vault, JSON.stringify({ signedIn: true, vaults: { blumeops: { argocd: { token: 'wrong-token-123456' } } } }));
    const denied = await run(world, 'diff', 'argocd');
    expect(denied.code).toBe(1);
    expect(denied.stdout + denied.stderr).toContain('token is invalid');
  });

  it('diff argocd cv -v attaches the per-resource diff to the sync change', async () => {
    const world = argocdWorld({ apps: [{ name: 'cv', category: 'outOfSync' }, { name: 'immich', category: 'outOfSync' }] });
    const plain = await run(world, 'diff', 'argocd', 'cv', '-v');
    expect(plain.code, plain.stderr).toBe(0);
    expect(plain.stdout).toContain('↻ cv: out of sync');
    expect(plain.stdout).toMatch(/^.*===== apps\/Deployment cv\/cv ======$/m);
    expect(plain.stdout).not.toContain('immich');
    expect(callSummary(world.calls())).toEqual(['list', 'diff cv']);

    const json = await run(world, 'diff', 'argocd', 'cv', '-v', '--json');
    const [change] = RunDocument.parse(JSON.parse(json.stdout)).layers[0].changes;
    expect(change).toMatchObject({ action: 'sync', target: 'cv' });
    expect(change.diff).toMatch(/^===== apps\/Deployment cv\/cv ======\n/);
    expect(change.diff).toContain('<   replicas: 1');
  });

  it('the example homelab\'s Applications: created through the root, synced, then in sync', async () => {
    const world = homelabWorld();
    const plan = await run(world, 'diff', 'argocd');
    expect(plan.code, plan.stdout + plan.stderr).toBe(0);
    for (const name of ['caddy-ingress', 'cv', 'immich']) expect(plan.stdout).toContain(`+ ${name}: new app (created by syncing apps)`);
    expect(plan.stdout).not.toContain('warning');
    const layers = JSON.parse((await run(world, 'layers', '--json')).stdout);
    expect(layers.layers[0].paths).toEqual(expect.arrayContaining(['argocd/apps', 'argocd/manifests/caddy-ingress', 'argocd/manifests/cv']));
    const sync = await run(world, 'sync', 'argocd', '--yes');
    expect(sync.code, sync.stdout + sync.stderr).toBe(0);
    const [first, ...apps] = appSyncs(world);
    expect(first).toBe(`sync ${ROOT}`);
    expect(apps.sort()).toEqual(['sync caddy-ingress', 'sync cv', 'sync immich']);
    expect(world.live('immich')?.status).toMatchObject({ sync: { status: 'Synced' }, health: { status: 'Healthy' } });
    const after = await run(world, 'diff', 'argocd', '--detailed-exitcode');
    expect(after.code, after.stdout).toBe(0);
  });
});

import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { ContextDocument } from '../../src/engine/context-schema.js';
import { StatusDocument } from '../../src/engine/status-schema.js';
import { RunDocument } from '../../src/output/json.js';
import { argocdWorld, callSummary, NAS_CLUSTER, PINNED_BRANCH, ROOT, TOKEN, type World, type WorldApp } from '../helpers/argocd-world.js';
import { addFault, liveEdit } from '../helpers/argocd-state.js';
import { startBlumeops, waitFor, type CliResult } from '../helpers/cli.js';
import { commitAll, git, ledger, writeFiles } from '../helpers/repo.js';

/**
 * ArgoCD apps that sync themselves (`syncPolicy.automated`) on a layer that mixes them with manual
 * apps over two clusters: plan names only what blumeops does plus real auto-sync problems, sync
 * never starts a sync on top of ArgoCD's, watch stays quiet while ArgoCD heals.
 */
async function run(world: Pick<World, 'repo' | 'env'>, ...args: string[]): Promise<CliResult> {
  const result = await startBlumeops(args, { cwd: world.repo, env: world.env }).exited;
  expect(result.stdout + result.stderr).not.toContain(TOKEN);
  return result;
}

const syncs = (world: World) => callSummary(world.calls()).filter((call) => call.startsWith('sync '));
const lines = (output: string) => output.split('\n').map((line) => line.replace(/^argocd \| /, '').trim());

const MIXED: WorldApp[] = [
  { name: 'cv', category: 'outOfSync', automated: { selfHeal: true } },
  { name: 'immich', category: 'synced', helm: true, automated: { prune: true } },
  { name: 'grafana', category: 'failedAuto', automated: {} },
  { name: 'loki', category: 'stuck', cluster: NAS_CLUSTER, automated: { selfHeal: true } },
  { name: 'jellyfin', category: 'outOfSync', cluster: NAS_CLUSTER },
  { name: 'forgejo', category: 'synced', automated: {}, liveAutomated: null },
  { name: 'paperless', category: 'create', cluster: NAS_CLUSTER, automated: {} },
  { name: 'navidrome', category: 'synced', cluster: NAS_CLUSTER },
];

describe('argocd apps that sync themselves', () => {
  it('plan: only what blumeops would do; converging apps apart; a failed and a stuck auto-sync are problems; context says which apps sync themselves', async () => {
    // ArgoCD takes its time here: cv stays converging for the whole test.
    const world = argocdWorld({ apps: MIXED, layerKeys: ['    autoSyncGrace: 2m'], autoSyncMs: 600_000 });
    const plan = await run(world, 'diff', 'argocd', '--detailed-exitcode');
    expect(plan.code, plan.stdout + plan.stderr).toBe(2);
    const out = lines(plan.stdout);
    expect(out.find((line) => line.startsWith('argocd: '))).toMatch(/^argocd: 1 to create, 1 to update, 2 to sync; 2 auto-sync failing \(/);
    expect(out.filter((line) => /^[+~\-↻±] /.test(line))).toEqual([
      `↻ ${ROOT}: out of sync`,
      '~ forgejo: spec.syncPolicy.automated',
      '↻ jellyfin: out of sync',
      '+ paperless: new app (created by syncing apps; ArgoCD then syncs it itself)',
    ]);
    expect(out.find((line) => line.startsWith('converging: '))).toMatch(/^converging: cv: converging \(ArgoCD auto-sync to [0-9a-f]{7}\)$/);
    const problems = out.filter((line) => line.startsWith('problem: '));
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(/^problem: grafana: the last sync to [0-9a-f]{7} failed and ArgoCD does not retry a commit it failed on: one or more objects failed to apply, reason: admission webhook/);
    expect(problems[1]).toMatch(/^problem: loki: OutOfSync for more than 2m to a1b2c3d and ArgoCD has not synced it/);
    expect(plan.stdout).not.toMatch(/warning: (grafana|loki|cv)/);
    expect(syncs(world)).toEqual([]); // a plan changes nothing, and ArgoCD has not synced cv yet
    expect(world.live('cv')?.status.sync.status).toBe('OutOfSync');

    const json = RunDocument.parse(JSON.parse((await run(world, 'diff', 'argocd', '--json')).stdout)).layers[0];
    expect(json.changes.map((change) => change.target)).toEqual([ROOT, 'forgejo', 'jellyfin', 'paperless']);
    expect(Object.fromEntries(json.autoSync.map((unit) => [unit.target, [unit.state, unit.mode]]))).toEqual({
      cv: ['converging', 'automated+selfHeal'],
      grafana: ['failing', 'automated'],
      immich: ['in-sync', 'automated+prune'],
      loki: ['failing', 'automated+selfHeal'],
    });
    expect(json.autoSync.find((unit) => unit.target === 'loki')?.group).toBe(NAS_CLUSTER);

    const context = ContextDocument.parse(JSON.parse((await run(world, 'context', '--format', 'json')).stdout));
    const layer = context.layers[0];
    expect(layer.manages.facts.find((fact) => fact.startsWith('sync themselves'))).toBe(
      'sync themselves (ArgoCD auto-sync, per Git; blumeops reports them and never syncs them on top of ArgoCD, unless --force-sync): ' +
        'cv (automated+selfHeal), forgejo (automated), grafana (automated), immich (automated+prune), loki (automated+selfHeal), paperless (automated)',
    );
    expect(layer.autoSync.map((unit) => `${unit.target} ${unit.state}`)).toEqual(['cv converging', 'grafana failing', 'immich in-sync', 'loki failing']);
    expect(layer.detail).toContain('auto-sync failing: grafana: the last sync');
  });

  it('context: a layer whose only problem is a failed auto-sync is fixed by forcing that sync, which the suggested command does', async () => {
    const world = argocdWorld({ apps: [MIXED[1], MIXED[2], MIXED[7]] }); // immich in sync, grafana failed, navidrome manual in sync
    const context = ContextDocument.parse(JSON.parse((await run(world, 'context', '--format', 'json')).stdout));
    const fix = context.layers[0].fix ?? '';
    expect(fix).toBe('blumeops sync argocd grafana --force-sync   # retries the failed auto-sync; fix its cause in Git first');
    expect(context.commands).toEqual([fix]);

    const forced = await run(world, ...fix.split('#')[0].trim().split(/\s+/).slice(1), '--yes');
    expect(forced.code, forced.stdout + forced.stderr).toBe(0);
    expect(syncs(world)).toEqual(['sync grafana']);
  });

  it('sync: the root and the manual apps are synced, ArgoCD\'s own sync of the automated ones is waited for; --force-sync syncs them', async () => {
    const world = argocdWorld({
      apps: [MIXED[0], MIXED[1], MIXED[4], MIXED[6]], // cv converging, immich in sync, jellyfin manual, paperless new
      autoSyncMs: 800,
    });
    const sync = await run(world, 'sync', 'argocd', '--yes');
    expect(sync.code, sync.stdout + sync.stderr).toBe(0);
    expect(syncs(world)).toEqual([`sync ${ROOT}`, 'sync jellyfin']);
    const refreshed = world.calls().filter((argv) => argv[1] === 'get' && argv.includes('--refresh')).map((argv) => argv[2]).sort();
    expect(refreshed).toEqual(['cv', 'paperless']);
    for (const name of ['cv', 'paperless']) {
      expect(world.live(name)?.status, name).toMatchObject({ sync: { status: 'Synced' }, operationState: { phase: 'Succeeded', operation: { initiatedBy: { automated: true } } } });
      expect(sync.stdout).toMatch(new RegExp(`${name}: synced by ArgoCD \\(auto-sync\\) [0-9a-f]{40}, Succeeded, Healthy`));
    }
    expect(ledger(world.repo).at(-1)).toMatchObject({ status: 'applied', summary: { create: 1, sync: 2, update: 0 } });

    await liveEdit(world.statePath, 'cv');
    world.clearCalls();
    const forced = await run(world, 'sync', 'argocd', '--force-sync', '--yes');
    expect(forced.code, forced.stdout + forced.stderr).toBe(0);
    expect(forced.stdout).toContain('↻ cv: out of sync (ArgoCD syncs it itself; --force-sync syncs it now)');
    expect(syncs(world)).toEqual(['sync cv']);
  });

  it('sync under a self-healing root: ArgoCD applies the new specs, blumeops syncs the manual child after it and only waits for the automated one', async () => {
    const world = argocdWorld({
      apps: [{ name: 'cv', category: 'update' }, { name: 'web', category: 'update', automated: {} }], // cv manual, both with a new path in Git
      rootAutomated: { selfHeal: true },
      autoSyncMs: 800,
    });
    // One run: a `diff` first would start ArgoCD's clock, and the root could be synced before `sync` looks.
    const sync = await run(world, 'sync', 'argocd', '--yes');
    expect(sync.code, sync.stdout + sync.stderr).toBe(0);
    const out = lines(sync.stdout);
    expect(out).toContain("~ cv: spec.source.path; out of sync (applied by apps's auto-sync; then synced by blumeops)");
    expect(out.filter((line) => line.startsWith('converging: '))).toEqual([
      expect.stringMatching(/^converging: apps: converging \(ArgoCD auto-sync to [0-9a-f]{7}\)$/),
      "converging: web: spec.source.path (applied by apps's auto-sync; ArgoCD then syncs it itself)",
    ]);
    expect(syncs(world)).toEqual(['sync cv']); // never `sync apps` on top of ArgoCD's, never `sync web`
    const root = world.live(ROOT)!.status;
    const cv = world.live('cv')!;
    expect(root.operationState).toMatchObject({ phase: 'Succeeded', operation: { initiatedBy: { automated: true } } });
    expect(cv.spec).toMatchObject({ source: { path: 'argocd/manifests/cv' } });
    expect(cv.status).toMatchObject({ sync: { status: 'Synced' }, operationState: { operation: { initiatedBy: { username: 'admin' } }, syncResult: { source: { path: 'argocd/manifests/cv' } } } });
    // cv's one sync began after ArgoCD's sync of the root had ended (the emulator's times are to the second).
    expect(Date.parse(cv.status.operationState.startedAt)).toBeGreaterThanOrEqual(Date.parse(root.operationState.finishedAt));
    const calls = callSummary(world.calls());
    expect(calls.indexOf('sync cv')).toBeGreaterThan(calls.lastIndexOf(`get ${ROOT}`));
    expect(world.live('web')?.status).toMatchObject({ sync: { status: 'Synced' }, operationState: { operation: { initiatedBy: { automated: true } }, syncResult: { source: { path: 'argocd/manifests/web' } } } });
    const refreshed = world.calls().filter((argv) => argv[1] === 'get' && argv.includes('--refresh')).map((argv) => argv[2]).sort();
    expect(refreshed).toEqual([ROOT, 'web']);
    expect(sync.stdout).toMatch(/web: synced by ArgoCD \(auto-sync\) [0-9a-f]{40}, Succeeded, Healthy/);
  });

  it('a pin on an automated app: under a manual root ArgoCD auto-syncs the branch; under a self-healing root it is refused', async () => {
    const world = argocdWorld({ apps: [{ name: 'cv', category: 'synced', automated: {} }] });
    git(world.repo, 'branch', PINNED_BRANCH);
    git(world.repo, 'push', '--quiet', 'origin', PINNED_BRANCH);
    const pin = await run(world, 'sync', 'argocd', 'cv', '--revision', PINNED_BRANCH, '--yes');
    expect(pin.code, pin.stdout + pin.stderr).toBe(0);
    expect(pin.stdout).toContain(`~ cv: set targetRevision to ${PINNED_BRANCH} (was main), ArgoCD then auto-syncs it`);
    expect(callSummary(world.calls()).filter((call) => !/^(get|diff) /.test(call))).toEqual(['list', 'set cv']);
    expect(world.live('cv')).toMatchObject({
      spec: { source: { targetRevision: PINNED_BRANCH } },
      status: { sync: { status: 'Synced' }, operationState: { operation: { initiatedBy: { automated: true } }, syncResult: { revision: git(world.repo, 'rev-parse', PINNED_BRANCH) } } },
    });
    const plan = await run(world, 'diff', 'argocd');
    expect(plan.stdout).toContain(`warning: cv is pinned to ${PINNED_BRANCH} (Git says main); ArgoCD auto-syncs ${PINNED_BRANCH}`);

    const healing = argocdWorld({ apps: [{ name: 'cv', category: 'synced', automated: {} }], rootAutomated: { selfHeal: true } });
    const refused = await run(healing, 'sync', 'argocd', 'cv', '--revision', PINNED_BRANCH, '--yes');
    expect(refused.code).toBe(1);
    expect(refused.stdout + refused.stderr).toContain(`cannot pin cv to ${PINNED_BRANCH}: the root app ${ROOT} syncs itself with selfHeal, so ArgoCD would put Git's targetRevision back at once`);
    expect(callSummary(healing.calls()).filter((call) => call.startsWith('set '))).toEqual([]);
  });

  it('watch stays quiet while ArgoCD heals a live edit, notifies once when an auto-sync fails; status shows the failing app', async () => {
    const received: { headers: IncomingHttpHeaders; body: string }[] = [];
    const server = createServer((request, response) => {
      let body = '';
      request.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
      request.on('end', () => (received.push({ headers: request.headers, body }), response.end('ok')));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/homelab`;
    try {
      const world = argocdWorld({
        apps: [
          { name: 'cv', category: 'synced', automated: { selfHeal: true } },
          { name: 'grafana', category: 'synced', automated: { selfHeal: true } },
          { name: 'navidrome', category: 'synced' },
        ],
        autoSyncMs: 1000,
      });
      expect((await run(world, 'sync', 'argocd', '--yes')).code).toBe(0);
      const watch = startBlumeops(['watch', '--interval', '1s', '--cycles', '5', '--notify', url], { cwd: world.repo, env: world.env });
      await waitFor(() => /cycle 1:/.test(watch.output.stdout), 30_000, 'cycle 1');
      await liveEdit(world.statePath, 'cv'); // ArgoCD heals it (selfHeal): no news
      await waitFor(() => /cycle 2:/.test(watch.output.stdout), 30_000, 'cycle 2');
      await addFault(world.statePath, 'syncFail', 'grafana');
      await liveEdit(world.statePath, 'grafana'); // ArgoCD's heal of it fails: news, once
      const result = await watch.exited;
      expect(result.code, result.stdout + result.stderr).toBe(0);
      expect(world.live('cv')?.status.operationState).toMatchObject({ phase: 'Succeeded', operation: { initiatedBy: { automated: true } } });
      expect(received.map((news) => news.headers.title)).toEqual(['blumeops: argocd auto-sync failing']);
      expect(received[0].body).toMatch(/^argocd \(argocd\): auto-sync failing: grafana: the last sync to [0-9a-f]{7} failed and ArgoCD does not retry a commit it failed on: one or more objects failed to apply/);
      expect(received[0].body).not.toContain('cv');

      // A commit that only touches what cv deploys is ArgoCD's to apply: the layer is not "unapplied".
      writeFiles(world.repo, { 'argocd/manifests/cv/configmap.yaml': 'kind: ConfigMap\n' });
      commitAll(world.repo, 'cv: a config map');
      git(world.repo, 'push', '--quiet', 'origin', 'main');
      const status = await run(world, 'status', '--json');
      expect(status.code).toBe(2);
      const row = StatusDocument.parse(JSON.parse(status.stdout)).layers[0];
      expect(row).toMatchObject({ state: 'drifted', commitsSince: [], detail: expect.stringMatching(/^auto-sync failing: grafana: /) });
      expect(row.autoSync.map((unit) => `${unit.target} ${unit.state}`)).toEqual(['cv in-sync', 'grafana failing']);
    } finally {
      server.close();
    }
  });
});

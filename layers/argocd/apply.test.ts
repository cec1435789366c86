import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { BlumeopsError } from '../../src/errors.js';
import type { Change, LayerContext, Plan, ToolOptions, ToolResult } from '../../src/reconciler.js';
import { apply } from './apply.js';
import type { ArgocdPlanData } from './plan.js';
import { ArgocdConfig } from './schema.js';

const fixture = (name: string) => readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8');
type Answer = Partial<ToolResult> | ((args: string[]) => Partial<ToolResult> | Promise<Partial<ToolResult>>);

function liveApp(name: string, sync = 'OutOfSync', extra: Record<string, unknown> = {}) {
  return { metadata: { name, labels: { 'app.kubernetes.io/instance': 'apps' } }, spec: {}, status: { sync: { status: sync }, health: { status: 'Healthy' } }, ...extra };
}

function syncedJson(name: string, revision = 'abc123') {
  return JSON.stringify({ metadata: { name }, spec: {}, status: { sync: { status: 'Synced', revision }, health: { status: 'Progressing' }, operationState: { phase: 'Succeeded', message: 'successfully synced (all tasks run)', syncResult: { revision } } } }, null, 2);
}

/** A fake context whose run answers argocd by `app <verb> <name>`; every call is recorded. */
function context(answers: Record<string, Answer>, over: Partial<LayerContext<ArgocdConfig>> = {}, config: Record<string, unknown> = {}) {
  const run = vi.fn(async (tool: string, args: string[], _options?: ToolOptions): Promise<ToolResult> => {
    const key = args.slice(0, 3).join(' ');
    const answer = answers[key] ?? (args[1] === 'sync' ? { stdout: syncedJson(args[2]) } : {});
    const result = typeof answer === 'function' ? await answer(args) : answer;
    return { command: `${tool} ${args.join(' ')}`, logPath: '/tmp/run.log', exitCode: 0, stdout: '', stderr: '', ...result };
  });
  const ctx: LayerContext<ArgocdConfig> = {
    name: 'argocd',
    config: ArgocdConfig.parse({ apps: 'argocd/apps', root: 'apps', ...config }),
    dir: '/repo',
    repoRoot: '/repo',
    commit: 'f'.repeat(40),
    extraArgs: [],
    targets: [],
    options: {},
    verbose: false,
    signal: new AbortController().signal,
    run,
    emit: vi.fn(),
    ...over,
  };
  return { ctx, run, calls: () => run.mock.calls.map((call) => call[1].join(' ')) };
}

function planOf(changes: Change[], data: Partial<ArgocdPlanData> = {}): Plan {
  return { changes, warnings: [], data: { root: 'apps', prune: false, unpushed: 0, ...data } satisfies ArgocdPlanData };
}
const change = (action: Change['action'], target: string): Change => ({ action, target, summary: `${target}: ${action}` });

describe('apply', () => {
  it('syncs the root first, lists again, then syncs and waits for each out-of-sync child', async () => {
    const list = JSON.stringify([
      { ...liveApp('apps', 'OutOfSync'), status: { sync: { status: 'OutOfSync' }, resources: [
        { group: 'argoproj.io', kind: 'Application', name: 'new' }, { group: 'argoproj.io', kind: 'Application', name: 'cv' },
        { group: 'argoproj.io', kind: 'Application', name: 'web' }, { group: 'argoproj.io', kind: 'Application', name: 'also' },
        { group: 'argoproj.io', kind: 'Application', name: 'old', requiresPruning: true }] } },
      liveApp('new', 'Unknown'), liveApp('cv'), liveApp('web'), liveApp('also'), liveApp('old'), liveApp('unmanaged', 'OutOfSync', { metadata: { name: 'unmanaged' } }),
    ]);
    const { ctx, calls } = context({
      'app sync apps': { exitCode: 1, stdout: syncedJson('apps'), stderr: fixture('sync-pruning.stderr') },
      'app list -o': { stdout: list },
    });
    // With pruning off the plan has no delete for the orphan `old` (compare warns instead).
    const result = await apply(ctx, planOf([change('create', 'new'), change('update', 'cv'), change('sync', 'web')]));
    const made = calls();
    expect(made[0]).toBe('app sync apps -o json --timeout 300');
    expect(made[1]).toBe('app list -o json');
    expect(made.slice(2).filter((c) => c.startsWith('app sync')).sort()).toEqual(['also', 'cv', 'new', 'web'].map((n) => `app sync ${n} -o json --timeout 300`));
    expect(made.filter((c) => c.startsWith('app wait')).sort()).toEqual(['also', 'cv', 'new', 'web'].map((n) => `app wait ${n} --sync --health --timeout 300`));
    expect(made.join('\n')).not.toMatch(/unmanaged|app sync old|--prune/);
    expect(result.warnings).toContain('apps: 1 resource requires pruning; kept because pruning is off (pass --prune or set prune: true)');
    expect(result.notes).toContain('cv: synced abc123, Succeeded, Healthy');
    expect(result.changes.map((c) => `${c.action} ${c.target}`).sort()).toEqual(['create new', 'sync also', 'sync web', 'update cv']);
  });

  it('syncs only the out-of-sync apps when nothing needs the root', async () => {
    const { ctx, calls } = context({}, {}, { wait: false });
    const result = await apply(ctx, planOf([change('sync', 'web'), change('sync', 'cv')]));
    expect(calls()).toEqual(['app sync web -o json --timeout 300', 'app sync cv -o json --timeout 300']);
    expect(result.changes.map((c) => c.target)).toEqual(['web', 'cv']);
  });

  it('passes --prune, connection flags, extra args and the root --resource selection for named apps', async () => {
    const { ctx, calls } = context(
      { 'app list -o': { stdout: JSON.stringify([liveApp('apps', 'Synced'), liveApp('cv')]) } },
      { targets: ['cv'], extraArgs: ['--force'] },
      { server: 'argocd.ops.eblu.me:443', grpcWeb: true, waitTimeout: '90s', prune: true, wait: false },
    );
    await apply(ctx, planOf([change('update', 'cv')], { prune: true }));
    expect(calls()).toEqual([
      'app sync apps -o json --timeout 90 --prune --resource argoproj.io:Application:cv --server argocd.ops.eblu.me:443 --grpc-web --force',
      'app list -o json --server argocd.ops.eblu.me:443 --grpc-web',
      'app sync cv -o json --timeout 90 --prune --server argocd.ops.eblu.me:443 --grpc-web --force',
    ]);
  });

  it('runs at most `concurrency` syncs at once', async () => {
    let running = 0;
    let peak = 0;
    const slow = async (args: string[]) => {
      running++;
      peak = Math.max(peak, running);
      await new Promise((resolve) => setTimeout(resolve, 5));
      running--;
      return { stdout: syncedJson(args[2]) };
    };
    const names = Array.from({ length: 9 }, (_, i) => `app-${i}`);
    const { ctx, run } = context(Object.fromEntries(names.map((n) => [`app sync ${n}`, slow])), {}, { concurrency: 3, wait: false });
    await apply(ctx, planOf(names.map((n) => change('sync', n))));
    expect(run).toHaveBeenCalledTimes(9);
    expect(peak).toBe(3);
  });

  it('keeps going when one app fails, then names the failed and the synced apps', async () => {
    const { ctx, calls } = context({
      'app sync cv': { exitCode: 1, stdout: JSON.stringify({ metadata: { name: 'cv' }, status: { operationState: { phase: 'Failed', message: 'one or more objects failed to apply' } } }), stderr: fixture('sync-failed.stderr') },
      'app wait grafana': { exitCode: 20, stderr: fixture('wait-timeout.stderr') },
    });
    const error = await apply(ctx, planOf([change('sync', 'cv'), change('sync', 'grafana'), change('sync', 'web')])).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BlumeopsError);
    const message = (error as BlumeopsError).message;
    expect(message).toContain('2 of 3 apps failed to sync');
    expect(message).toContain('cv: Operation has completed with phase: Failed: one or more objects failed to apply');
    expect(message).toContain('grafana: timed out after 300s waiting for grafana to be synced and healthy');
    expect(message).toContain('synced: web');
    expect(calls()).toContain('app wait web --sync --health --timeout 300');
  });

  it('stops when the root sync itself fails', async () => {
    const { ctx, calls } = context({ 'app sync apps': { exitCode: 20, stderr: 'time="x" level=fatal msg="rpc error: code = FailedPrecondition desc = another operation is already in progress"' } });
    await expect(apply(ctx, planOf([change('create', 'new')]))).rejects.toThrow(/syncing the root app apps failed: rpc error.*another operation/);
    expect(calls()).toHaveLength(1);
  });

  it('reports a created app the root did not create', async () => {
    const { ctx } = context({ 'app list -o': { stdout: JSON.stringify([liveApp('apps', 'Synced')]) } });
    await expect(apply(ctx, planOf([change('create', 'ghost')]))).rejects.toThrow(/ghost: syncing apps did not create it/);
  });

  it('refuses unpushed commits unless --allow-unpushed', async () => {
    const plan = planOf([change('sync', 'cv')], { unpushed: 2, unpushedWarning: '2 local commits are not pushed; ArgoCD will not see them' });
    const { ctx, run } = context({});
    const error = await apply(ctx, plan).catch((e: unknown) => e as BlumeopsError);
    expect(error).toMatchObject({ message: '2 local commits are not pushed; ArgoCD will not see them', hint: 'git push, or pass --allow-unpushed' });
    expect(run).not.toHaveBeenCalled();
    const allowed = context({}, { options: { allowUnpushed: true } }, { wait: false });
    await apply(allowed.ctx, plan);
    expect(allowed.calls()).toEqual(['app sync cv -o json --timeout 300']);
  });

  it('points named apps at a revision, then syncs them, without the root', async () => {
    const { ctx, calls } = context({}, { targets: ['cv', 'immich'], options: { revision: 'my-branch' } });
    const plan = planOf([change('update', 'cv'), change('update', 'immich')], {
      revision: 'my-branch',
      revisionTargets: [{ name: 'cv', previous: 'main', automated: false }, { name: 'immich', sourcePosition: 2, previous: 'main', automated: false }],
    });
    const result = await apply(ctx, plan);
    const made = calls();
    expect(made).toContain('app set cv --revision my-branch');
    expect(made).toContain('app set immich --revision my-branch --source-position 2');
    expect(made.indexOf('app set cv --revision my-branch')).toBeLessThan(made.indexOf('app sync cv -o json --timeout 300'));
    expect(made.join('\n')).not.toMatch(/app sync apps|app list/);
    expect(result.notes).toContain('cv: pointed at my-branch (was main): argocd app set cv --revision my-branch');
  });

  describe('apps ArgoCD syncs by itself', () => {
    const auto = (name: string, sync: string, extra: Record<string, unknown> = {}) => ({
      metadata: { name, labels: { 'app.kubernetes.io/instance': 'apps' } },
      spec: { syncPolicy: { automated: { selfHeal: true } } },
      status: { sync: { status: sync }, health: { status: 'Healthy' }, ...extra },
    });
    /** `app get NAME`: OutOfSync on the first calls, then what `last` says. */
    function getter(name: string, outOfSyncCalls: number, last: Record<string, unknown>) {
      let count = 0;
      return () => ({ stdout: JSON.stringify(count++ < outOfSyncCalls ? auto(name, 'OutOfSync') : { ...auto(name, 'Synced'), status: { ...auto(name, 'Synced').status, ...last } }) });
    }

    it('never syncs one the root touched: refreshes it and waits for ArgoCD\'s own sync, then reports it', async () => {
      const list = JSON.stringify([liveApp('apps', 'Synced'), auto('cv', 'OutOfSync'), liveApp('web')]);
      const { ctx, calls } = context({
        'app list -o': { stdout: list },
        'app get cv': getter('cv', 2, { operationState: { phase: 'Succeeded', syncResult: { revision: 'def456' }, startedAt: new Date().toISOString() } }),
      });
      const result = await apply(ctx, planOf([change('update', 'cv'), change('create', 'web')]));
      const made = calls();
      expect(made.filter((c) => c.startsWith('app sync'))).toEqual(['app sync apps -o json --timeout 300', 'app sync web -o json --timeout 300']);
      expect(made.filter((c) => c.startsWith('app get'))).toEqual(['app get cv -o json --refresh', 'app get cv -o json', 'app get cv -o json']);
      expect(result.notes).toContain('cv: synced by ArgoCD (auto-sync) def456, Succeeded, Healthy');
      // What ArgoCD synced is not a change blumeops made: the root's update is.
      expect(result.changes.map((c) => `${c.action} ${c.target}`).sort()).toEqual(['create web', 'update cv']);
    });

    it('waits for the apps the plan found converging, syncs the manual ones, and --force-sync syncs all', async () => {
      const plan = planOf([change('sync', 'web')], { converging: ['cv'] });
      const waiting = context({ 'app get cv': getter('cv', 0, {}) }, {}, { wait: false });
      await apply(waiting.ctx, plan);
      expect(waiting.calls()).toEqual(['app sync web -o json --timeout 300', 'app get cv -o json --refresh']);
      const forced = context({}, {}, { wait: false });
      await apply(forced.ctx, planOf([change('sync', 'web'), change('sync', 'cv')], { forceSync: true }));
      expect(forced.calls()).toEqual(['app sync web -o json --timeout 300', 'app sync cv -o json --timeout 300']);
    });

    it('fails the apply when ArgoCD\'s own sync fails after the apply began, or times out', async () => {
      const failedOp = { operationState: { phase: 'Failed', message: 'one or more objects failed to apply', startedAt: new Date(Date.now() + 1000).toISOString() } };
      const { ctx } = context({ 'app get cv': () => ({ stdout: JSON.stringify(auto('cv', 'OutOfSync', failedOp)) }) });
      await expect(apply(ctx, planOf([change('sync', 'web')], { converging: ['cv'] }))).rejects.toThrow(/cv: ArgoCD's sync failed: one or more objects failed to apply/);
      // An old failure is not news (ArgoCD retries a new commit): keep waiting, until waitTimeout.
      const oldFailure = { operationState: { phase: 'Failed', message: 'old', startedAt: '2020-01-01T00:00:00Z' } };
      const slow = context({ 'app get cv': () => ({ stdout: JSON.stringify(auto('cv', 'OutOfSync', oldFailure)) }) }, {}, { waitTimeout: '1s' });
      await expect(apply(slow.ctx, planOf([change('sync', 'web')], { converging: ['cv'] }))).rejects.toThrow(/cv: ArgoCD did not sync cv within 1s \(auto-sync; it is OutOfSync, Healthy\)/);
    });

    it('under a root that syncs itself: waits for the root\'s auto-sync, lists again, then syncs each out-of-sync manual child once', async () => {
      const list = JSON.stringify([auto('apps', 'Synced'), liveApp('cv'), liveApp('fresh', 'Synced'), auto('web', 'OutOfSync')]);
      const { ctx, calls } = context({
        'app get apps': getter('apps', 1, {}),
        'app list -o': { stdout: list },
        'app get web': getter('web', 0, {}),
      }, {}, { wait: false });
      const plan = planOf([change('update', 'cv'), change('update', 'fresh')], { converging: ['apps', 'web'], syncAfterRoot: ['cv', 'fresh'] });
      const result = await apply(ctx, plan);
      expect(calls()).toEqual([
        'app get apps -o json --refresh',
        'app get apps -o json',
        'app list -o json',
        'app sync cv -o json --timeout 300',
        'app get web -o json --refresh',
      ]);
      expect(result.notes).toContain('fresh: in sync once apps\'s auto-sync applied it; nothing to sync');
      expect(result.changes.map((c) => `${c.action} ${c.target}`).sort()).toEqual(['update cv', 'update fresh']);
    });

    it('under a root that syncs itself: when its auto-sync fails or times out, the manual children fail with its reason, unsynced', async () => {
      const failedOp = { operationState: { phase: 'Failed', message: 'one or more objects failed to apply', startedAt: new Date(Date.now() + 1000).toISOString() } };
      const plan = planOf([change('update', 'cv'), change('sync', 'web')], { converging: ['apps'], syncAfterRoot: ['cv'] });
      const failed = context({ 'app get apps': () => ({ stdout: JSON.stringify(auto('apps', 'OutOfSync', failedOp)) }) }, {}, { wait: false });
      const error = (await apply(failed.ctx, plan).catch((e: unknown) => e)) as BlumeopsError;
      expect(error.message).toContain("cv: not synced: apps's auto-sync, which applies its new spec, did not finish (ArgoCD's sync failed: one or more objects failed to apply)");
      expect(failed.calls().filter((c) => /app (sync|list)/.test(c))).toEqual(['app sync web -o json --timeout 300']);
      const slow = context({ 'app get apps': () => ({ stdout: JSON.stringify(auto('apps', 'OutOfSync')) }) }, {}, { wait: false, waitTimeout: '1s' });
      await expect(apply(slow.ctx, plan)).rejects.toThrow(/cv: not synced: apps's auto-sync, which applies its new spec, did not finish \(ArgoCD did not sync apps within 1s/);
      expect(slow.calls().filter((c) => /app (sync|list)/.test(c))).toEqual(['app sync web -o json --timeout 1']);
    });

    it('a pin on an automated app: app set, then ArgoCD auto-syncs the branch', async () => {
      const { ctx, calls } = context({ 'app get cv': getter('cv', 1, {}) }, { targets: ['cv'], options: { revision: 'my-branch' } }, { wait: false });
      await apply(ctx, planOf([change('update', 'cv')], { revision: 'my-branch', revisionTargets: [{ name: 'cv', previous: 'main', automated: true }] }));
      expect(calls()).toEqual(['app set cv --revision my-branch', 'app get cv -o json --refresh', 'app get cv -o json']);
    });
  });
});

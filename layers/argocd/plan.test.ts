import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ToolError } from '../../src/errors.js';
import type { LayerContext, ToolOptions, ToolResult } from '../../src/reconciler.js';
import { plan, type ArgocdPlanData } from './plan.js';
import { ArgocdConfig } from './schema.js';

const fixture = (name: string) => readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8');
const REPO = 'https://forge.ops.eblu.me/eblume/blumeops.git';
const SHA = 'f'.repeat(40);

function manifest(name: string, source: string): string {
  return `apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata:\n  name: ${name}\n  namespace: argocd\nspec:\n  project: default\n${source}  destination:\n    server: https://kubernetes.default.svc\n    namespace: ${name === 'grafana' ? 'monitoring' : name}\n`;
}

let repo: string;
beforeAll(() => {
  repo = mkdtempSync(join(tmpdir(), 'blumeops-argocd-plan-'));
  mkdirSync(join(repo, 'argocd/apps'), { recursive: true });
  const git = (path: string) => `  source:\n    repoURL: ${REPO}\n    path: ${path}\n    targetRevision: main\n`;
  writeFileSync(join(repo, 'argocd/apps/cv.yaml'), manifest('cv', git('argocd/manifests/cv')));
  writeFileSync(join(repo, 'argocd/apps/grafana.yaml'), manifest('grafana', git('argocd/manifests/grafana')));
  writeFileSync(join(repo, 'argocd/apps/immich.yaml'), manifest('immich', `  sources:
    - repoURL: https://immich-app.github.io/immich-charts
      chart: immich
      targetRevision: 0.9.3
      helm:
        valueFiles:
          - $values/argocd/manifests/immich/values.yaml
    - repoURL: ${REPO}
      targetRevision: main
      ref: values
`));
});
afterAll(() => rmSync(repo, { recursive: true, force: true }));

function context(over: Partial<LayerContext<ArgocdConfig>> = {}, answers: Record<string, Partial<ToolResult>> = {}) {
  const run = vi.fn(async (tool: string, args: string[], _options?: ToolOptions): Promise<ToolResult> => {
    const key = `${tool} ${args.join(' ')}`;
    const defaults: Record<string, Partial<ToolResult>> = {
      'argocd app list -o json': { stdout: fixture('app-list.json') },
      'git remote -v': { stdout: `origin\t${REPO} (fetch)\norigin\t${REPO} (push)\n` },
      'git rev-parse --verify --quiet refs/remotes/origin/main': { stdout: 'x\n' },
      [`git rev-list --count refs/remotes/origin/main..${SHA}`]: { stdout: '0\n' },
      'argocd app diff immich --diff-exit-code 3': { exitCode: 3, stdout: fixture('app-diff-immich.txt') },
    };
    const answer = answers[key] ?? defaults[key] ?? { exitCode: 1 };
    return { command: key, logPath: '/log', exitCode: 0, stdout: '', stderr: '', ...answer };
  });
  const ctx: LayerContext<ArgocdConfig> = {
    name: 'argocd', config: ArgocdConfig.parse({ apps: 'argocd/apps', root: 'apps' }), dir: repo, repoRoot: repo, commit: SHA,
    extraArgs: [], targets: [], options: {}, verbose: false, signal: new AbortController().signal, run, emit: vi.fn(), ...over,
  };
  return { ctx, run, argocdCalls: () => run.mock.calls.filter((c) => c[0] === 'argocd').map((c) => c[1].join(' ')) };
}

describe('plan', () => {
  it('compares Git with ONE app list call, without diffs by default', async () => {
    const { ctx, argocdCalls } = context();
    const result = await plan(ctx);
    expect(argocdCalls()).toEqual(['app list -o json']);
    expect(result.changes.map((c) => [c.action, c.target, c.group])).toEqual([
      ['sync', 'apps', 'https://kubernetes.default.svc'],
      ['sync', 'immich', 'https://kubernetes.default.svc'],
    ]);
    expect(result.changes.every((c) => c.diff === undefined)).toBe(true);
    expect(result.warnings).toContain('old-app is no longer in Git; kept because pruning is off (pass --prune or set prune: true)');
    expect(result.data).toEqual({ root: 'apps', prune: false, unpushed: 0, forceSync: false, converging: [], plannedAt: expect.any(Number) } satisfies ArgocdPlanData);
  });

  it('attaches app diffs with -v and for named apps; a failed diff is a warning', async () => {
    const verbose = context({ verbose: true }, { 'argocd app diff apps --diff-exit-code 3': { exitCode: 20, stderr: 'time="x" level=fatal msg="rpc error: code = Unavailable desc = connection refused"' } });
    const result = await plan(verbose.ctx);
    expect(result.changes.find((c) => c.target === 'immich')?.diff).toMatch(/^===== apps\/Deployment immich\/immich-server ======/);
    expect(result.warnings).toContain('could not diff apps: rpc error: code = Unavailable desc = connection refused');
    const named = context({ targets: ['immich'] });
    const only = await plan(named.ctx);
    expect(named.argocdCalls()).toEqual(['app list -o json', 'app diff immich --diff-exit-code 3']);
    expect(only.changes.map((c) => c.target)).toEqual(['immich']);
  });

  it('warns about unpushed commits and hands the count to apply', async () => {
    const { ctx } = context({}, { [`git rev-list --count refs/remotes/origin/main..${SHA}`]: { stdout: '2\n' } });
    const result = await plan(ctx);
    expect(result.warnings[0]).toBe('2 local commits are not pushed; ArgoCD will not see them');
    expect(result.data).toMatchObject({ unpushed: 2, unpushedWarning: '2 local commits are not pushed; ArgoCD will not see them' });
  });

  it('plans branch testing with --revision: set + sync for the named apps, diff at that revision', async () => {
    const { ctx, argocdCalls } = context({ targets: ['cv', 'immich'], options: { revision: 'my-branch' } }, {
      'argocd app diff cv --diff-exit-code 3 --revision my-branch': { exitCode: 3, stdout: '\n===== /Service cv/cv ======\n3c3\n< a\n---\n> b\n' },
    });
    const result = await plan(ctx);
    expect(result.changes.map((c) => c.summary)).toEqual([
      'cv: set targetRevision to my-branch (was main), then sync',
      'immich: set targetRevision (source 2) to my-branch (was main), then sync',
    ]);
    expect(result.data).toMatchObject({ revision: 'my-branch', unpushed: 0, revisionTargets: [{ name: 'cv', previous: 'main' }, { name: 'immich', sourcePosition: 2, previous: 'main' }] });
    expect(result.warnings).toContain('origin/my-branch is not known locally; ArgoCD can only sync a revision that is pushed');
    expect(argocdCalls()).toContain('app diff cv --diff-exit-code 3 --revision my-branch');
    expect(result.changes[0].diff).toMatch(/^===== \/Service cv\/cv ======/);
  });

  it('needs named apps for --revision, and suggests names for unknown ones', async () => {
    await expect(plan(context({ options: { revision: 'my-branch' } }).ctx)).rejects.toThrow(/--revision needs the app\(s\)/);
    await expect(plan(context({ targets: ['graphana'] }).ctx)).rejects.toMatchObject({ hint: 'did you mean "grafana"?' });
  });

  it('warns when the root is not in ArgoCD', async () => {
    const { ctx } = context({}, { 'argocd app list -o json': { stdout: '[]' } });
    const result = await plan(ctx);
    expect(result.changes.map((c) => c.action)).toEqual(['create', 'create', 'create']);
    expect(result.warnings).toContain('the root app apps is not in ArgoCD: create it once by hand (kubectl apply -n argocd -f <its manifest>)');
  });

  it('says how to log in when argocd rejects the token (instead of its raw exit code 20)', async () => {
    const stderr = 'time="2026-11-26T05:48:59Z" level=fatal msg="rpc error: code = Unauthenticated desc = invalid session: token is invalid"';
    const { ctx } = context({}, { 'argocd app list -o json': { exitCode: 20, stderr } });
    const error = await plan(ctx).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ToolError);
    expect((error as ToolError).message).toBe('argocd app list failed: rpc error: code = Unauthenticated desc = invalid session: token is invalid');
    expect((error as ToolError).hint).toContain('ARGOCD_AUTH_TOKEN: op://');
  });
});

import { describe, expect, it, vi } from 'vitest';
import { InterruptedError, ToolError } from '../../src/errors.js';
import type { ToolOptions, ToolResult } from '../../src/reconciler.js';
import { normalizeRepoUrl, parseRemotes, pushState } from './push.js';
import type { DesiredApp } from './spec.js';

describe('normalizeRepoUrl', () => {
  const same = [
    'https://forge.ops.eblu.me/eblume/blumeops.git',
    'https://forge.ops.eblu.me/eblume/blumeops',
    'https://forge.ops.eblu.me/eblume/blumeops/',
    'http://erich@forge.ops.eblu.me:3000/eblume/blumeops.git',
    'ssh://git@forge.ops.eblu.me:2222/eblume/blumeops.git',
    'ssh://forgejo@forge.ops.eblu.me/eblume/blumeops',
    'git@forge.ops.eblu.me:eblume/blumeops.git',
    'forge.ops.eblu.me:eblume/blumeops',
    'HTTPS://Forge.Ops.Eblu.Me/eblume/blumeops.git',
  ];
  it.each(same)('%s → forge.ops.eblu.me/eblume/blumeops', (url) => {
    expect(normalizeRepoUrl(url)).toBe('forge.ops.eblu.me/eblume/blumeops');
  });

  it('keeps different repos different and local paths as paths', () => {
    expect(normalizeRepoUrl('git@github.com:eblume/blumeops.git')).not.toBe(normalizeRepoUrl('git@github.com:eblume/other.git'));
    expect(normalizeRepoUrl('/srv/git/infra.git')).toBe('/srv/git/infra');
    expect(normalizeRepoUrl('file:///srv/git/infra.git')).toBe('/srv/git/infra');
  });
});

describe('parseRemotes', () => {
  it('reads the fetch URLs of git remote -v', () => {
    const output = 'origin\tgit@forge.ops.eblu.me:eblume/blumeops.git (fetch)\norigin\tgit@forge.ops.eblu.me:eblume/blumeops.git (push)\ngh\thttps://github.com/eblume/blumeops (fetch)\ngh\thttps://github.com/eblume/blumeops (push)\n';
    expect([...parseRemotes(output)]).toEqual([
      ['origin', 'git@forge.ops.eblu.me:eblume/blumeops.git'],
      ['gh', 'https://github.com/eblume/blumeops'],
    ]);
  });
});

const REMOTES = 'origin\tssh://git@forge.ops.eblu.me:2222/eblume/blumeops.git (fetch)\norigin\tssh://git@forge.ops.eblu.me:2222/eblume/blumeops.git (push)\n';

function app(repoURL: string, targetRevision = 'main', chart?: string): DesiredApp {
  return {
    name: 'cv',
    spec: { project: 'default', destination: { name: 'in-cluster' }, multiSource: false, sources: [{ repoURL, targetRevision, chart, valueFiles: [] }] },
    file: 'argocd/apps/cv.yaml',
    line: 1,
    col: 1,
  };
}

/** A fake exec gateway answering git by its arguments. */
function fakeGit(answers: Record<string, { exitCode?: number; stdout?: string } | Error>) {
  return vi.fn(async (tool: string, args: string[], options?: ToolOptions): Promise<ToolResult> => {
    expect(tool).toBe('git');
    expect(options?.cwd).toBe('/repo');
    const answer = answers[args.join(' ')] ?? { exitCode: 1 };
    if (answer instanceof Error) throw answer;
    return { command: `git ${args.join(' ')}`, logPath: '/log', exitCode: answer.exitCode ?? 0, stdout: answer.stdout ?? '', stderr: '' };
  });
}

const SHA = '4e9b2d1c7a6f5e3d2c1b0a9f8e7d6c5b4a3f2e1d';
const input = (run: ReturnType<typeof fakeGit>, apps = [app('https://forge.ops.eblu.me/eblume/blumeops.git')]) => ({ run, repoRoot: '/repo', commit: SHA, apps });

describe('pushState', () => {
  it('counts local commits missing from the remote branch the apps track', async () => {
    const run = fakeGit({
      'remote -v': { stdout: REMOTES },
      'rev-parse --verify --quiet refs/remotes/origin/main': { stdout: 'abc\n' },
      [`rev-list --count refs/remotes/origin/main..${SHA}`]: { stdout: '2\n' },
    });
    expect(await pushState(input(run))).toEqual({
      unpushed: 2,
      warnings: ['2 local commits are not pushed; ArgoCD will not see them'],
      remote: 'origin',
      remoteUrl: 'forge.ops.eblu.me/eblume/blumeops',
    });
    expect(run.mock.calls.map((call) => call[1][0])).not.toContain('fetch');
  });

  it('says nothing when pushed, when the apps use another repo, or when there is no remote', async () => {
    const pushed = fakeGit({
      'remote -v': { stdout: REMOTES },
      'rev-parse --verify --quiet refs/remotes/origin/main': { stdout: 'abc\n' },
      [`rev-list --count refs/remotes/origin/main..${SHA}`]: { stdout: '0\n' },
    });
    expect((await pushState(input(pushed))).warnings).toEqual([]);
    const other = fakeGit({ 'remote -v': { stdout: REMOTES } });
    expect(await pushState(input(other, [app('https://github.com/someone/else.git')]))).toEqual({ unpushed: 0, warnings: [], remote: undefined, remoteUrl: undefined });
    const none = fakeGit({ 'remote -v': { stdout: '' } });
    expect((await pushState(input(none))).unpushed).toBe(0);
    const notRepo = fakeGit({ 'remote -v': new ToolError({ tool: 'git', message: 'not a git repository', exitCode: 128, tail: '' }) });
    expect((await pushState(input(notRepo))).warnings).toEqual([]);
  });

  it('warns when the remote branch is unknown locally, skips tags, commits and Helm charts', async () => {
    const run = fakeGit({
      'remote -v': { stdout: REMOTES },
      'rev-parse --verify --quiet refs/tags/v1.2.0': { stdout: 'abc\n' },
    });
    const repo = 'git@forge.ops.eblu.me:eblume/blumeops';
    const state = await pushState(input(run, [app(repo, 'feature-x'), app(repo, 'v1.2.0'), app(repo, SHA), app(repo, '1.0.0', 'chart')]));
    expect(state.warnings).toEqual(['origin/feature-x is not known locally; cannot tell whether ArgoCD sees this commit (git fetch origin?)']);
    expect(state.unpushed).toBe(0);
  });

  it('lets an interruption through', async () => {
    const run = fakeGit({ 'remote -v': new InterruptedError() });
    await expect(pushState(input(run))).rejects.toBeInstanceOf(InterruptedError);
  });
});

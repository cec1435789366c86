/**
 * `--ref` checks the commit out in a temporary `git worktree`. When `git worktree add` fails or is
 * interrupted, nothing may be left behind: no `blumeops-ref-*` folder in the temp dir, no extra
 * entry in `git worktree list` (a stale one makes the next `git worktree add` of that path fail
 * and shows up in the operator's own `git worktree list`).
 */
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { git, makeRepo } from '../../tests/helpers/repo.js';
import { BlumeopsError, InterruptedError } from '../errors.js';
import { repoInfo, type RepoInfo } from './git.js';
import { checkoutWorktree } from './worktree.js';

let temp: string;
let savedTmpdir: string | undefined;
let repo: string;
let info: RepoInfo;

/** The temporary folders checkoutWorktree made (os.tmpdir() follows TMPDIR, so only this test's). */
function refFolders(): string[] {
  return readdirSync(temp).filter((name) => name.startsWith('blumeops-ref-'));
}

function worktrees(): string[] {
  return git(repo, 'worktree', 'list', '--porcelain')
    .split('\n')
    .filter((line) => line.startsWith('worktree '));
}

/** A post-checkout hook: git runs it at the end of `worktree add`, after the worktree exists. */
function postCheckoutHook(script: string): void {
  const hooks = path.join(repo, '.blumeops-test-hooks');
  mkdirSync(hooks, { recursive: true });
  const file = path.join(hooks, 'post-checkout');
  writeFileSync(file, `#!/bin/sh\n${script}\n`);
  chmodSync(file, 0o755);
  // A local hooksPath: a global core.hooksPath on the machine would otherwise win over .git/hooks.
  git(repo, 'config', 'core.hooksPath', hooks);
}

beforeEach(async () => {
  repo = makeRepo({ 'blumeops.yaml': 'version: 1\nlayers: {}\n' });
  info = await repoInfo(repo);
  temp = mkdtempSync(path.join(os.tmpdir(), 'blumeops-worktree-test-'));
  savedTmpdir = process.env.TMPDIR;
  process.env.TMPDIR = temp;
});

afterEach(() => {
  if (savedTmpdir === undefined) delete process.env.TMPDIR;
  else process.env.TMPDIR = savedTmpdir;
  rmSync(temp, { recursive: true, force: true });
  rmSync(repo, { recursive: true, force: true });
});

describe('checkoutWorktree leaves nothing behind', () => {
  it('checks out and removes a worktree (the baseline the failures are compared with)', async () => {
    const tree = await checkoutWorktree(info, 'HEAD');
    expect(existsSync(path.join(tree.dir, 'blumeops.yaml'))).toBe(true);
    expect(refFolders()).toHaveLength(1);
    expect(worktrees()).toHaveLength(2);
    await tree.remove();
    await tree.remove();
    expect(refFolders()).toEqual([]);
    expect(worktrees()).toHaveLength(1);
  });

  it('git worktree add fails before checking anything out (no such commit): the temp folder is removed', async () => {
    const error = await checkoutWorktree(info, 'f'.repeat(40)).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(BlumeopsError);
    expect(refFolders()).toEqual([]);
    expect(worktrees()).toHaveLength(1);
  });

  it('git worktree add fails after the worktree exists (a failing post-checkout hook): folder and entry are removed', async () => {
    postCheckoutHook('echo "post-checkout refuses" >&2; exit 3');
    const error = await checkoutWorktree(info, 'HEAD').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(BlumeopsError);
    expect((error as Error).message).toContain('git worktree failed');
    expect(refFolders()).toEqual([]);
    expect(worktrees()).toHaveLength(1);
    // No stale administrative entry either (`git worktree prune` would have nothing to do).
    expect(existsSync(path.join(repo, '.git', 'worktrees')) ? readdirSync(path.join(repo, '.git', 'worktrees')) : []).toEqual([]);
  });

  it('interrupted half way (the AbortSignal fires while git runs the hook): folder and entry are removed', async () => {
    const started = path.join(temp, 'hook-started');
    const release = path.join(temp, 'hook-release');
    // The hook proves git is mid-way (the worktree is checked out), then keeps git busy until
    // released (10 s at most). The signal stops git only: the hook holds git's output pipes until
    // it ends, so the test releases it once git has had the SIGINT.
    postCheckoutHook(`touch '${started}'\ni=0\nwhile [ ! -e '${release}' ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done`);
    const abort = new AbortController();
    const checkout = checkoutWorktree(info, 'HEAD', abort.signal).catch((caught: unknown) => caught);
    const deadline = Date.now() + 20_000;
    while (!existsSync(started) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(existsSync(started), 'git never ran the post-checkout hook').toBe(true);
    expect(refFolders()).toHaveLength(1);
    abort.abort();
    setTimeout(() => writeFileSync(release, ''), 300);
    expect(await checkout).toBeInstanceOf(InterruptedError);
    expect(refFolders()).toEqual([]);
    expect(worktrees()).toHaveLength(1);
  });
});

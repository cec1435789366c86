import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { git, type RepoInfo } from './git.js';

export interface Worktree {
  dir: string;
  /** Removes the worktree and its temporary folder; safe to call twice. */
  remove(): Promise<void>;
}

/**
 * A temporary `git worktree` at `commit`. Whatever happens — git fails, or a Ctrl-C stops it half
 * way — nothing is left behind: the temporary folder is removed and git forgets the worktree.
 */
export async function checkoutWorktree(repo: RepoInfo, commit: string, signal?: AbortSignal): Promise<Worktree> {
  const parent = mkdtempSync(path.join(os.tmpdir(), 'blumeops-ref-'));
  const dir = path.join(parent, 'tree');
  let removed = false;
  const remove = async () => {
    if (removed) return;
    removed = true;
    // Cleanup runs even after an interruption, so it takes no signal.
    await git(repo.root, ['worktree', 'remove', '--force', dir]).catch(() => undefined);
    rmSync(parent, { recursive: true, force: true });
    await git(repo.root, ['worktree', 'prune']).catch(() => undefined);
  };
  try {
    await git(repo.root, ['worktree', 'add', '--detach', '--quiet', dir, commit], { signal });
  } catch (error) {
    await remove();
    throw error;
  }
  return { dir, remove };
}

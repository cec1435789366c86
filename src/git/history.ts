import { git, gitMaybe } from './git.js';

export interface CommitLine {
  sha: string;
  subject: string;
}

/** Commits after `since` up to HEAD that touch `paths` (newest first); all of them when since is null. */
export async function commitsTouching(root: string, since: string | null, paths: readonly string[], limit = 50): Promise<CommitLine[]> {
  const range = since ? [`${since}..HEAD`] : ['HEAD'];
  const out = await gitMaybe(root, ['log', `--max-count=${limit}`, '--format=%H%x09%s', ...range, '--', ...(paths.length ? paths : ['.'])]);
  if (!out) return [];
  return out
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const [sha, ...subject] = line.split('\t');
      return { sha, subject: subject.join('\t') };
    });
}

/**
 * Files under `paths` that differ from `since`: up to the commit `until` when given (a --ref), else
 * in the work tree (committed, staged, unstaged or untracked).
 */
export async function changedSince(root: string, since: string, paths: readonly string[], until?: string): Promise<string[]> {
  const scope = ['--', ...(paths.length ? paths : ['.'])];
  if (until) return (await git(root, ['diff', '--name-only', since, until, ...scope])).split('\n').filter(Boolean);
  const tracked = await git(root, ['diff', '--name-only', since, ...scope]);
  const untracked = await git(root, ['ls-files', '--others', '--exclude-standard', ...scope]);
  return [...new Set([...tracked.split('\n'), ...untracked.split('\n')].filter(Boolean))];
}

/** The merge-base of HEAD with the remote's default branch, if there is a remote. */
export async function remoteBase(root: string): Promise<string | undefined> {
  const remoteHead = (await gitMaybe(root, ['symbolic-ref', '--quiet', 'refs/remotes/origin/HEAD']))?.trim();
  const candidates = [remoteHead, 'refs/remotes/origin/main', 'refs/remotes/origin/master'].filter(Boolean) as string[];
  for (const ref of candidates) {
    const base = (await gitMaybe(root, ['merge-base', 'HEAD', ref]))?.trim();
    if (base) return base;
  }
  return undefined;
}

/** True when `commit` exists in this repo (a ledger may name commits from a rewritten history). */
export async function commitExists(root: string, commit: string): Promise<boolean> {
  return (await gitMaybe(root, ['cat-file', '-e', `${commit}^{commit}`])) !== undefined;
}

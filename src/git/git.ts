import path from 'node:path';
import { BlumeopsError } from '../errors.js';
import { runCommand, type CommandOptions } from '../exec/command.js';
import { InterruptedError } from '../errors.js';

/** Runs git in `cwd`; a failure becomes a BlumeopsError with git's own message. */
export async function git(cwd: string, args: readonly string[], options: CommandOptions = {}): Promise<string> {
  const result = await runCommand('git', args, cwd, options);
  if (result.interrupted || options.signal?.aborted) throw new InterruptedError(`interrupted during git ${args[0]}`);
  if (result.timedOut) throw new BlumeopsError(`git ${args[0]} did not answer within ${Math.round((options.timeoutMs ?? 0) / 1000)}s`, { hint: `in ${cwd}` });
  if (result.exitCode !== 0) {
    const message = (result.stderr || result.stdout).trim().split('\n').pop() ?? '';
    throw new BlumeopsError(`git ${args[0]} failed: ${message}`, { hint: `in ${cwd}` });
  }
  return result.stdout;
}

/** Like git(), but a non-zero exit gives undefined instead of an error. */
export async function gitMaybe(cwd: string, args: readonly string[], options: CommandOptions = {}): Promise<string | undefined> {
  const result = await runCommand('git', args, cwd, options);
  return result.exitCode === 0 ? result.stdout : undefined;
}

export interface RepoInfo {
  /** The work tree root. */
  root: string;
  /** The shared git dir (the main repo's .git even inside a worktree): where blumeops keeps state. */
  gitDir: string;
  /** HEAD's full sha, or null before the first commit. */
  head: string | null;
}

export async function repoInfo(dir: string): Promise<RepoInfo> {
  const [out, headOut] = await Promise.all([
    gitMaybe(dir, ['rev-parse', '--path-format=absolute', '--show-toplevel', '--git-common-dir']),
    gitMaybe(dir, ['rev-parse', '--verify', '--quiet', 'HEAD^{commit}']),
  ]);
  if (out === undefined) {
    throw new BlumeopsError(`${dir} is not inside a Git repository`, {
      hint: 'blumeops reconciles what is committed: run `git init` and commit your infra repo first',
    });
  }
  const [root, gitDir] = out.split('\n');
  const head = headOut?.trim() || null;
  return { root: path.resolve(root), gitDir: path.resolve(gitDir), head };
}

/** Uncommitted (staged, unstaged or untracked) files under `paths`, repo-relative. */
export async function dirtyFiles(root: string, paths: readonly string[] = []): Promise<string[]> {
  const out = await git(root, ['status', '--porcelain=v1', '-z', '--untracked-files=all', '--', ...(paths.length ? paths : ['.'])]);
  const files: string[] = [];
  const entries = out.split('\0');
  for (let index = 0; index < entries.length; index++) {
    const entry = entries[index];
    if (entry.length < 4) continue;
    files.push(entry.slice(3));
    // A rename lists its source as the next entry.
    if (entry[0] === 'R' || entry[0] === 'C') index++;
  }
  return files;
}

/** The full sha of a revision, or a clear error naming it. */
export async function resolveRevision(root: string, revision: string): Promise<string> {
  const sha = await gitMaybe(root, ['rev-parse', '--verify', '--quiet', `${revision}^{commit}`]);
  if (!sha?.trim()) {
    throw new BlumeopsError(`unknown revision "${revision}"`, {
      hint: 'give a commit, branch or tag that exists in this repo (see `git log --oneline`)',
    });
  }
  return sha.trim();
}

export async function commitSubject(root: string, revision: string): Promise<string> {
  return (await gitMaybe(root, ['log', '-1', '--format=%s', revision]))?.trim() ?? '';
}

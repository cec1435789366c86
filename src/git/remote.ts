import { runCommand, type CommandOptions } from '../exec/command.js';
import { InterruptedError } from '../errors.js';
import { gitMaybe } from './git.js';

export interface RepoFacts {
  /** The fetch URL of `origin` (or the first remote), or null without one. */
  remote: string | null;
  /** The current branch, or null on a detached HEAD. */
  branch: string | null;
  headSubject: string;
  /** Commits on HEAD that the upstream branch does not have; null without an upstream. */
  unpushed: number | null;
}

export async function repoFacts(root: string): Promise<RepoFacts> {
  const [remotes, branch, subject, unpushed] = await Promise.all([
    gitMaybe(root, ['remote']),
    gitMaybe(root, ['symbolic-ref', '--quiet', '--short', 'HEAD']),
    gitMaybe(root, ['log', '-1', '--format=%s']),
    gitMaybe(root, ['rev-list', '--count', '@{upstream}..HEAD']),
  ]);
  const names = (remotes ?? '').split('\n').filter(Boolean);
  const name = names.includes('origin') ? 'origin' : names[0];
  const remote = name ? ((await gitMaybe(root, ['remote', 'get-url', name]))?.trim() ?? null) : null;
  return {
    remote,
    branch: branch?.trim() || null,
    headSubject: subject?.trim() ?? '',
    unpushed: unpushed === undefined ? null : Number(unpushed.trim()),
  };
}

/**
 * `git fetch` of the upstream's remote, in its own process group, never prompting for credentials,
 * stopped after `timeoutMs`. Not ok without a remote (no error then) or when it fails (the error).
 */
export async function fetchUpstream(root: string, options: Pick<CommandOptions, 'timeoutMs' | 'signal'>): Promise<{ ok: boolean; error?: string }> {
  if (!(await gitMaybe(root, ['remote']))?.trim()) return { ok: false };
  const result = await runCommand('git', ['fetch', '--quiet'], root, { timeoutMs: options.timeoutMs ?? 60_000, signal: options.signal, env: { GIT_TERMINAL_PROMPT: '0', GIT_SSH_COMMAND: process.env.GIT_SSH_COMMAND ?? 'ssh -o BatchMode=yes' } });
  if (result.interrupted) throw new InterruptedError('interrupted during git fetch');
  if (result.timedOut) return { ok: false, error: `no answer within ${Math.round((options.timeoutMs ?? 60_000) / 1000)}s` };
  if (result.exitCode !== 0) return { ok: false, error: (result.stderr || result.stdout).trim().split('\n').pop() ?? `exit ${result.exitCode}` };
  return { ok: true };
}

/** Commits the upstream branch has that HEAD does not (0 without an upstream). */
export async function upstreamAhead(root: string): Promise<number> {
  const count = await gitMaybe(root, ['rev-list', '--count', 'HEAD..@{upstream}']);
  return count === undefined ? 0 : Number(count.trim());
}

/** Fast-forwards HEAD to its upstream; false when that is not a fast-forward. */
export async function fastForward(root: string): Promise<boolean> {
  return (await gitMaybe(root, ['merge', '--ff-only', '--quiet', '@{upstream}'])) !== undefined;
}

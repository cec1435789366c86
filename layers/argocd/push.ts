/**
 * Push state: ArgoCD syncs from the remote, not from this clone. When the apps' repoURL is one of
 * the infra repo's remotes, count the commits of the reconciled commit that its remote-tracking
 * branch lacks. Local refs only: no fetch (plan stays read-only and offline from Git's side).
 */
import { InterruptedError } from '../../src/errors.js';
import type { Run } from '../../src/reconciler.js';
import type { DesiredApp } from './spec.js';

/** `https://u@Host:443/a/b.git`, `ssh://git@host:2222/a/b`, `git@host:a/b.git` → `host/a/b`. */
export function normalizeRepoUrl(url: string): string {
  let text = url.trim().toLowerCase();
  const scheme = /^[a-z][a-z0-9+.-]*:\/\/([^/]*)(.*)$/.exec(text);
  const scp = /^(?:[^@/]+@)?([^:/]+):(.+)$/.exec(text);
  if (scheme) text = `${scheme[1].replace(/^[^@]*@/, '').replace(/:\d*$/, '')}/${scheme[2]}`;
  else if (scp) text = `${scp[1]}/${scp[2]}`;
  return text.replace(/\/{2,}/g, '/').replace(/\/+$/, '').replace(/\.git$/, '').replace(/\/+$/, '');
}

/** `git remote -v` → remote name → fetch URL. */
export function parseRemotes(output: string): Map<string, string> {
  const remotes = new Map<string, string>();
  for (const match of output.matchAll(/^(\S+)\s+(\S+)\s+\(fetch\)\s*$/gm)) remotes.set(match[1], match[2]);
  return remotes;
}

export interface PushState {
  /** The most commits any tracked branch lacks (0 when pushed or not applicable). */
  unpushed: number;
  warnings: string[];
  /** The remote whose URL the apps use, when any, and that URL normalized. */
  remote?: string;
  remoteUrl?: string;
}

export interface PushInput {
  run: Run;
  repoRoot: string;
  commit: string | null;
  apps: readonly DesiredApp[];
}

export async function pushState({ run, repoRoot, commit, apps }: PushInput): Promise<PushState> {
  const git = (args: string[]) => run('git', args, { cwd: repoRoot, okExitCodes: [1, 128] });
  const remotes = parseRemotes((await guarded(git(['remote', '-v'])))?.stdout ?? '');
  const byUrl = new Map([...remotes].map(([name, url]) => [normalizeRepoUrl(url), name]));
  let remote: string | undefined;
  const revisions = new Set<string>();
  for (const source of apps.flatMap((app) => app.spec.sources)) {
    const name = byUrl.get(normalizeRepoUrl(source.repoURL));
    if (name === undefined || source.chart) continue;
    remote ??= name;
    if (name === remote) revisions.add(source.targetRevision);
  }
  const remoteUrl = remote === undefined ? undefined : normalizeRepoUrl(remotes.get(remote) ?? '');
  const state: PushState = { unpushed: 0, warnings: [], remote, remoteUrl };
  if (!remote || !commit) return state;
  for (const revision of revisions) {
    if (/^[0-9a-f]{7,40}$/.test(revision)) continue; // a pinned commit: nothing to push
    const ref = `refs/remotes/${remote}/${revision}`;
    const known = await guarded(git(['rev-parse', '--verify', '--quiet', ref]));
    if (known?.exitCode !== 0) {
      const tag = await guarded(git(['rev-parse', '--verify', '--quiet', `refs/tags/${revision}`]));
      if (tag?.exitCode !== 0) state.warnings.push(`${remote}/${revision} is not known locally; cannot tell whether ArgoCD sees this commit (git fetch ${remote}?)`);
      continue;
    }
    const count = await guarded(git(['rev-list', '--count', `${ref}..${commit}`]));
    const ahead = count?.exitCode === 0 ? Number(count.stdout.trim()) || 0 : 0;
    if (ahead > 0) state.warnings.push(unpushedMessage(ahead));
    state.unpushed = Math.max(state.unpushed, ahead);
  }
  return state;
}

export function unpushedMessage(count: number): string {
  return count === 1
    ? '1 local commit is not pushed; ArgoCD will not see it'
    : `${count} local commits are not pushed; ArgoCD will not see them`;
}

/** Does the remote-tracking branch exist locally (branch testing with --revision)? */
export async function remoteBranchKnown(run: Run, repoRoot: string, remote: string, branch: string): Promise<boolean> {
  const result = await guarded(run('git', ['rev-parse', '--verify', '--quiet', `refs/remotes/${remote}/${branch}`], { cwd: repoRoot, okExitCodes: [1, 128] }));
  return result?.exitCode === 0;
}

/**
 * Committer time (epoch ms) of each revision that exists in the local repo: when ArgoCD could
 * first have seen it, at the earliest. Unknown revisions are left out.
 */
export async function commitTimes(run: Run, repoRoot: string, revisions: Iterable<string>): Promise<Map<string, number>> {
  const times = new Map<string, number>();
  for (const revision of new Set(revisions)) {
    if (!/^[0-9a-f]{7,40}$/.test(revision)) continue;
    const shown = await guarded(run('git', ['show', '-s', '--format=%ct', `${revision}^{commit}`, '--'], { cwd: repoRoot, okExitCodes: [1, 128] }));
    const seconds = shown?.exitCode === 0 ? Number(shown.stdout.trim()) : NaN;
    if (Number.isFinite(seconds) && seconds > 0) times.set(revision, seconds * 1000);
  }
  return times;
}

/** The paths of this repo an app deploys: its in-repo source paths and the value files it reads through a ref. */
export function repoPaths(app: DesiredApp, remoteUrl: string | undefined): string[] {
  if (remoteUrl === undefined) return [];
  const ours = app.spec.sources.filter((source) => !source.chart && normalizeRepoUrl(source.repoURL) === remoteUrl);
  const refs = new Set(ours.map((source) => source.ref).filter(Boolean));
  const paths = ours.map((source) => source.path).filter((path): path is string => path !== undefined && path !== '.' && !path.startsWith('..'));
  for (const file of app.spec.sources.flatMap((source) => source.valueFiles)) {
    const match = /^\$([^/]+)\/(.+)$/.exec(file);
    if (match && refs.has(match[1])) paths.push(match[2]);
  }
  return [...new Set(paths)];
}

/** Git trouble (not a repo, git missing) means "cannot tell", never a failed plan; an interruption still stops. */
async function guarded<T>(promise: Promise<T>): Promise<T | undefined> {
  try {
    return await promise;
  } catch (error) {
    if (error instanceof InterruptedError) throw error;
    return undefined;
  }
}

import { runCommand } from '../exec/command.js';
import { fail, ok, skip, warn, type DoctorCheck } from './schema.js';

/** How long `git ls-remote` may take before the remote counts as unreachable. */
export const REMOTE_TIMEOUT_MS = 10_000;

/**
 * The remote ArgoCD syncs from answers: the current branch's remote, else `origin`, else the first.
 * Skipped (not failed) with --offline; no remote at all is only a warning (only ArgoCD layers need one).
 */
export async function checkRemote(root: string, offline: boolean, timeoutMs = REMOTE_TIMEOUT_MS): Promise<DoctorCheck> {
  const list = await runCommand('git', ['remote'], root);
  if (list.exitCode !== 0) {
    return fail('remote', `${root} is not inside a Git repository`, 'blumeops reconciles what is committed: git init, commit, and add a remote (git remote add origin URL)');
  }
  const remotes = list.stdout.split('\n').map((line) => line.trim()).filter(Boolean);
  if (remotes.length === 0) return warn('remote', 'no remote (ArgoCD layers need one)', 'git remote add origin URL && git push -u origin HEAD');
  const upstream = await upstreamRemote(root);
  const remote = remotes.includes(upstream) ? upstream : remotes.includes('origin') ? 'origin' : remotes[0];
  const name = `remote ${remote}`;
  const url = hideCredentials((await runCommand('git', ['remote', 'get-url', remote], root)).stdout.trim() || remote);
  if (offline) return skip(name, `${url}: not contacted (--offline)`);

  const result = await runCommand('git', ['ls-remote', '--exit-code', remote, 'HEAD'], root, { timeoutMs, env: { GIT_TERMINAL_PROMPT: '0' } });
  if (result.timedOut) {
    return fail(name, `${url}: no answer within ${Math.round(timeoutMs / 1000)} s`, 'check the network (VPN, tailnet) and the URL (git remote -v); --offline skips this check');
  }
  if (result.exitCode === 0) return ok(name, `${url} answers`);
  if (result.exitCode === 2) return warn(name, `${url} answers but has no HEAD (nothing pushed yet?)`, `git push -u ${remote} HEAD`);
  const last = result.stderr.split('\n').map((line) => line.trim()).filter(Boolean).at(-1) ?? `exit code ${result.exitCode}`;
  return fail(name, `${url}: ${hideCredentials(last)}`, 'check the URL (git remote -v) and your credentials (ssh-add -l, a credential helper); --offline skips this check');
}

/** The remote of the current branch's upstream, or '' (none, or a detached HEAD). */
async function upstreamRemote(root: string): Promise<string> {
  const branch = (await runCommand('git', ['symbolic-ref', '--quiet', 'HEAD'], root)).stdout.trim();
  if (!branch) return '';
  return (await runCommand('git', ['for-each-ref', '--format=%(upstream:remotename)', branch], root)).stdout.trim();
}

/** `https://user:token@host/x` → `https://***@host/x`: a URL may carry a token. */
export function hideCredentials(text: string): string {
  return text.replace(/(\b[a-z][a-z0-9+.-]*:\/\/)[^/@\s]+@/gi, '$1***@');
}

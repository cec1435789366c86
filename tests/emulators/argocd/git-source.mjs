// Argo CD's repo server, emulated: an app's manifests come from its repoURL at its targetRevision
// (a commit of the repository, e.g. the test's bare remote), never from anyone's work tree. A
// repoURL is local when `state.repos[repoURL]` names a git directory, or when it is itself an
// absolute path or a file:// URL of one.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { rpcError } from './errors.mjs';

const commits = new Map();

/** The local git directory behind `repoURL`, or null (a URL the emulator cannot read). */
export function localRepo(state, repoURL) {
  if (typeof repoURL !== 'string' || !repoURL) return null;
  const mapped = state.repos?.[repoURL];
  const candidate = typeof mapped === 'string' ? mapped : repoURL.startsWith('file://') ? fileURLToPath(repoURL) : repoURL;
  if (!path.isAbsolute(candidate)) return null;
  return fs.existsSync(candidate) ? candidate : null;
}

function git(repo, args, input) {
  const result = spawnSync('git', ['--git-dir', gitDir(repo), ...args], { input, maxBuffer: 256 * 1024 * 1024 });
  return { code: result.status ?? 1, stdout: result.stdout ?? Buffer.alloc(0) };
}

function gitDir(repo) {
  const dotGit = path.join(repo, '.git');
  return fs.existsSync(dotGit) ? dotGit : repo;
}

/** The commit `revision` (branch, tag, sha or HEAD) names in `repo`, or null. Cached per invocation. */
export function resolveCommit(repo, revision) {
  const key = `${repo}\0${revision}`;
  if (!commits.has(key)) {
    const { code, stdout } = git(repo, ['rev-parse', '--verify', '--quiet', `${revision || 'HEAD'}^{commit}`]);
    commits.set(key, code === 0 ? stdout.toString('utf8').trim() : null);
  }
  return commits.get(key);
}

/**
 * The `*.yaml` / `*.yml` files directly in `dir` at `commit` (not recursive, like a directory
 * source), as [{ name, text }]; null when the folder does not exist at that commit.
 */
export function readFolder(repo, commit, dir) {
  const prefix = dir.replace(/^\.?\/*/, '').replace(/\/+$/, '');
  const listed = git(repo, ['ls-tree', '-z', commit, '--', prefix ? `${prefix}/` : '.']);
  if (listed.code !== 0) return null;
  const entries = listed.stdout.toString('utf8').split('\0').filter(Boolean).map((line) => {
    const [meta, file] = line.split('\t');
    const [, type, oid] = meta.split(' ');
    return { type, oid, name: path.posix.basename(file) };
  });
  if (entries.length === 0) return null;
  const blobs = entries.filter((entry) => entry.type === 'blob' && /\.ya?ml$/.test(entry.name));
  if (blobs.length === 0) return [];
  const batch = git(repo, ['cat-file', '--batch'], `${blobs.map((blob) => blob.oid).join('\n')}\n`).stdout;
  const files = [];
  let at = 0;
  for (const blob of blobs) {
    const header = batch.indexOf(0x0a, at);
    const size = Number(batch.subarray(at, header).toString('utf8').split(' ')[2]);
    files.push({ name: blob.name, text: batch.subarray(header + 1, header + 1 + size).toString('utf8') });
    at = header + 1 + size + 1;
  }
  return files;
}

/** Manifest generation failed, as the repo server reports it (exit 20 through the CLI). */
export function manifestError(detail) {
  return rpcError('Unknown', `Manifest generation error (cached): ${detail}`);
}

/** The files of `source` (repoURL, path, targetRevision) as Argo CD would render them, with the commit. */
export function sourceFiles(state, source) {
  const repo = localRepo(state, source?.repoURL);
  if (!repo) return null;
  const revision = source.targetRevision || 'HEAD';
  const commit = resolveCommit(repo, revision);
  if (!commit) throw manifestError(`unable to resolve '${revision}' to a commit SHA`);
  const files = readFolder(repo, commit, source.path ?? '.');
  if (files === null) throw manifestError(`${source.path}: app path does not exist`);
  return { commit, files };
}

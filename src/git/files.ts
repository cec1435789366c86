import { gitMaybe } from './git.js';

/**
 * The files of the work tree at `root` that Git does not ignore — tracked, and untracked but not
 * ignored by .gitignore — repo-relative, sorted; undefined when `root` is not a Git work tree.
 */
export async function workTreeFiles(root: string): Promise<string[] | undefined> {
  const out = await gitMaybe(root, ['ls-files', '-z', '--cached', '--others', '--exclude-standard', '--full-name']);
  if (out === undefined) return undefined;
  return [...new Set(out.split('\0').filter(Boolean))].sort();
}

import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { BlumeopsError } from '../errors.js';
import { workTreeFiles } from '../git/files.js';

/** Folders never scanned for layers: tool caches and vendored code hold copies of playbooks and manifests. */
const SKIPPED_DIRS = new Set(['node_modules', '__pycache__', 'venv']);
/** More files than this is not an infra repo (or init was pointed at a home directory). */
const MAX_FILES = 50_000;
/** Config files are small; a bigger file is data, not desired state. */
const MAX_BYTES = 1024 * 1024;

/**
 * Every file of the repo at `root` (repo-relative, POSIX, sorted): what Git does not ignore when
 * `root` is a Git work tree (`git ls-files`, so .gitignore'd folders — a .venv, fetched collections —
 * are never read), else every file found by walking it.
 */
export async function repoFiles(root: string): Promise<string[]> {
  const files = (await workTreeFiles(root)) ?? walk(root);
  if (files.length > MAX_FILES) {
    throw new BlumeopsError(`more than ${MAX_FILES} files under ${root}: that does not look like an infra repo`, {
      hint: 'run blumeops init at the root of your infra repo, or pass -C DIR',
    });
  }
  return files;
}

/** The files layers are looked for in: no hidden folders (.git, .venv, .github) and no SKIPPED_DIRS. */
export function scannedFiles(files: readonly string[]): string[] {
  return files.filter((file) => file.split('/').slice(0, -1).every((dir) => !dir.startsWith('.') && !SKIPPED_DIRS.has(dir)));
}

/** Every file under `root` outside .git, without following symbolic links (they can loop, or lead out). */
export function walk(root: string): string[] {
  const files: string[] = [];
  const pending = [''];
  while (pending.length > 0) {
    const relative = pending.pop() as string;
    for (const entry of readdirSync(path.join(root, relative), { withFileTypes: true })) {
      const child = relative ? `${relative}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        if (entry.name !== '.git' && !SKIPPED_DIRS.has(entry.name)) pending.push(child);
      } else if (entry.isFile()) {
        files.push(child);
        if (files.length > MAX_FILES) return files;
      }
    }
  }
  return files.sort();
}

/** Reads repo files as text; unreadable or too-big files read as undefined. */
export function fileReader(root: string): (file: string) => string | undefined {
  return (file) => {
    try {
      const full = path.join(root, file);
      if (statSync(full).size > MAX_BYTES) return undefined;
      return readFileSync(full, 'utf8');
    } catch {
      return undefined;
    }
  };
}

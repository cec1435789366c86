import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { BlumeopsError } from '../errors.js';

/** Folders never scanned: tool caches and vendored code hold copies of playbooks and manifests. */
const SKIPPED_DIRS = new Set(['node_modules', '__pycache__', 'venv']);
/** More files than this is not an infra repo (or init was pointed at a home directory). */
const MAX_FILES = 50_000;
/** Config files are small; a bigger file is data, not desired state. */
const MAX_BYTES = 1024 * 1024;

/** Every file under `root` (repo-relative, POSIX), skipping hidden folders (.git, .venv, …) and SKIPPED_DIRS. */
export function listFiles(root: string): string[] {
  const files: string[] = [];
  const pending = [''];
  while (pending.length > 0) {
    const relative = pending.pop() as string;
    for (const entry of readdirSync(path.join(root, relative), { withFileTypes: true })) {
      const child = relative ? `${relative}/${entry.name}` : entry.name;
      // Symbolic links are not followed: they can loop, or lead out of the repo.
      if (entry.isDirectory()) {
        if (!entry.name.startsWith('.') && !SKIPPED_DIRS.has(entry.name)) pending.push(child);
      } else if (entry.isFile()) {
        files.push(child);
        if (files.length > MAX_FILES) {
          throw new BlumeopsError(`more than ${MAX_FILES} files under ${root}: that does not look like an infra repo`, {
            hint: 'run blumeops init at the root of your infra repo, or pass -C DIR',
          });
        }
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

import { mkdirSync } from 'node:fs';
import path from 'node:path';

/** Everything blumeops keeps lives under the repo's git dir, never in the work tree. */
export function stateDir(gitDir: string): string {
  const dir = path.join(gitDir, 'blumeops');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  return dir;
}

export function runsDir(gitDir: string): string {
  return path.join(stateDir(gitDir), 'runs');
}

export function ledgerPath(gitDir: string): string {
  return path.join(stateDir(gitDir), 'ledger.jsonl');
}

export function lockPath(gitDir: string): string {
  return path.join(stateDir(gitDir), 'lock');
}

import { mkdirSync } from 'node:fs';
import path from 'node:path';

/** Everything blumeops keeps lives under the repo's git dir (`.git/blumeops/`), never in the work tree. */
export function stateDir(gitDir: string): string {
  return path.join(gitDir, 'blumeops');
}

export function runsDir(gitDir: string): string {
  return path.join(stateDir(gitDir), 'runs');
}

/** Logs of read-only runs (status, context): apart from the plan and apply runs, never evicting them. */
export function readsDir(gitDir: string): string {
  return path.join(stateDir(gitDir), 'reads');
}

export function ledgerPath(gitDir: string): string {
  return path.join(stateDir(gitDir), 'ledger.jsonl');
}

export function lockPath(gitDir: string): string {
  return path.join(stateDir(gitDir), 'lock');
}

export function watchLogPath(gitDir: string): string {
  return path.join(stateDir(gitDir), 'watch.log');
}

/** Creates the state folder (private: 0700) before something is written there. */
export function ensureStateDir(gitDir: string): string {
  const dir = stateDir(gitDir);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  return dir;
}

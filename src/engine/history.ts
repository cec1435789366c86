import { BlumeopsError } from '../errors.js';
import { Ledger, type LedgerEntry } from '../state/ledger.js';
import { breakLock, describeHolder, inspectLock } from '../state/lock.js';
import { openRepo } from './workspace.js';

export type { LedgerEntry };

export interface HistoryResult {
  /** Newest first. */
  entries: LedgerEntry[];
  /** Ledger lines that could not be read. */
  warnings: string[];
}

/** The ledger, newest first, optionally of one layer and at most `limit` entries. */
export async function readHistory(repoFlag: string | undefined, layer: string | undefined, limit?: number): Promise<HistoryResult> {
  const repo = await openRepo(repoFlag);
  const { entries, warnings } = new Ledger(repo.gitDir).read();
  let selected = entries.filter((entry) => !layer || entry.layer === layer).reverse();
  if (layer && selected.length === 0) {
    throw new BlumeopsError(`no applies recorded for layer "${layer}"`, { hint: 'see `blumeops history` for every layer' });
  }
  if (limit) selected = selected.slice(0, limit);
  return { entries: selected, warnings };
}

export interface LockReport {
  /** Who holds it, in words; null when no lock is held. */
  holder: string | null;
  /** The holder's process is gone (safe to remove). */
  stale: boolean;
  remove(): void;
}

/** The apply lock as `blumeops unlock` shows it, and how to remove it. */
export async function applyLock(repoFlag: string | undefined): Promise<LockReport> {
  const repo = await openRepo(repoFlag);
  const lock = inspectLock(repo.gitDir);
  const remove = () => breakLock(repo.gitDir);
  if (lock.state === 'free') return { holder: null, stale: false, remove };
  if (lock.state === 'unreadable') return { holder: `an unreadable lock file (${lock.file}: ${lock.reason})`, stale: false, remove };
  return { holder: describeHolder(lock.holder), stale: lock.stale, remove };
}

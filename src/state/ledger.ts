import { closeSync, existsSync, fstatSync, fsyncSync, openSync, readFileSync, readSync, writeSync } from 'node:fs';
import * as z from 'zod';
import { redactDeep } from '../exec/redact.js';
import { ensureStateDir, ledgerPath } from './paths.js';

export const LedgerSummary = z.object({
  create: z.number(),
  update: z.number(),
  delete: z.number(),
  replace: z.number(),
  sync: z.number(),
});

/** One line of .git/blumeops/ledger.jsonl: one layer of one apply. */
export const LedgerEntry = z.object({
  runId: z.string(),
  layer: z.string(),
  kind: z.string(),
  commit: z.string().nullable(),
  ref: z.string(),
  startedAt: z.string(),
  finishedAt: z.string(),
  status: z.enum(['applied', 'failed', 'in-sync', 'interrupted', 'skipped']),
  summary: LedgerSummary,
  dirty: z.boolean(),
  rollbackOf: z.string().nullable(),
  user: z.string(),
  host: z.string(),
  error: z.string().nullable(),
  message: z.string().nullable().optional(),
  messageSource: z.enum(['given', 'commit', 'rollback']).nullable().optional(),
  notes: z.array(z.string()).optional(),
});
export type LedgerEntry = z.infer<typeof LedgerEntry>;

export interface LedgerRead {
  /** Oldest first. */
  entries: LedgerEntry[];
  /** One per line that could not be read; the other lines still count. */
  warnings: string[];
}

/** The append-only record of applies, with the queries every command shares. */
export class Ledger {
  readonly file: string;

  constructor(private readonly gitDir: string) {
    this.file = ledgerPath(gitDir);
  }

  /**
   * Appends one line with a single write followed by fsync. The line always starts on a fresh line:
   * a line cut by a crash (no newline at the end of the file) is closed first, so it cannot swallow
   * the new record. Returns a notice when that happened.
   */
  append(entry: LedgerEntry): string | undefined {
    ensureStateDir(this.gitDir);
    const fd = openSync(this.file, 'a+', 0o600);
    try {
      const torn = endsWithoutNewline(fd);
      writeSync(fd, `${torn ? '\n' : ''}${JSON.stringify(redactDeep(entry))}\n`);
      fsyncSync(fd);
      return torn ? `the ledger's last line was cut short (a crash?): it is kept, skipped when read, and the new record starts on a line of its own` : undefined;
    } finally {
      closeSync(fd);
    }
  }

  read(): LedgerRead {
    if (!existsSync(this.file)) return { entries: [], warnings: [] };
    const entries: LedgerEntry[] = [];
    const warnings: string[] = [];
    readFileSync(this.file, 'utf8')
      .split('\n')
      .forEach((line, index) => {
        if (line.trim() === '') return;
        try {
          const parsed = LedgerEntry.safeParse(JSON.parse(line));
          if (parsed.success) entries.push(parsed.data);
          else warnings.push(`ledger line ${index + 1} skipped: not a ledger entry`);
        } catch {
          warnings.push(`ledger line ${index + 1} skipped: truncated or corrupt JSON`);
        }
      });
    return { entries, warnings };
  }
}

function endsWithoutNewline(fd: number): boolean {
  const size = fstatSync(fd).size;
  if (size === 0) return false;
  const last = Buffer.alloc(1);
  readSync(fd, last, 0, 1, size - 1);
  return last[0] !== 0x0a;
}

/** The newest entry of a layer (any status), if any. */
export function lastEntry(entries: readonly LedgerEntry[], layer: string): LedgerEntry | undefined {
  return findLast(entries, (entry) => entry.layer === layer);
}

/** The last applied commit of a layer: its newest successful apply that recorded a commit. */
export function lastApplied(entries: readonly LedgerEntry[], layer: string): LedgerEntry | undefined {
  return findLast(entries, (entry) => entry.layer === layer && entry.status === 'applied' && entry.commit !== null);
}

/**
 * The last in-sync commit of a layer: the newest commit at which live state was known to match Git
 * (an apply, or an apply that found nothing to do). Status, `plan --changed` and context count from it.
 */
export function lastInSync(entries: readonly LedgerEntry[], layer: string): LedgerEntry | undefined {
  return findLast(entries, (entry) => entry.layer === layer && (entry.status === 'applied' || entry.status === 'in-sync') && entry.commit !== null);
}

/** Every successful apply of a layer that recorded a commit, oldest first (rollback picks from these). */
export function appliedHistory(entries: readonly LedgerEntry[], layer: string): LedgerEntry[] {
  return entries.filter((entry) => entry.layer === layer && entry.status === 'applied' && entry.commit !== null);
}

function findLast(entries: readonly LedgerEntry[], match: (entry: LedgerEntry) => boolean): LedgerEntry | undefined {
  for (let index = entries.length - 1; index >= 0; index--) if (match(entries[index])) return entries[index];
  return undefined;
}

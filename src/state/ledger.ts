import { closeSync, existsSync, fsyncSync, openSync, readFileSync, writeSync } from 'node:fs';
import { z } from 'zod';
import { redactDeep } from '../exec/redact.js';
import { ledgerPath } from './paths.js';

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

/** Appends one line with a single write followed by fsync, so a crash never leaves half a line behind another. */
export function appendLedger(gitDir: string, entry: LedgerEntry): void {
  const fd = openSync(ledgerPath(gitDir), 'a', 0o600);
  try {
    writeSync(fd, `${JSON.stringify(redactDeep(entry))}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

export interface LedgerRead {
  /** Oldest first. */
  entries: LedgerEntry[];
  /** One per line that could not be read; the other lines still count. */
  warnings: string[];
}

export function readLedger(gitDir: string): LedgerRead {
  const file = ledgerPath(gitDir);
  if (!existsSync(file)) return { entries: [], warnings: [] };
  const entries: LedgerEntry[] = [];
  const warnings: string[] = [];
  readFileSync(file, 'utf8')
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

/** The newest entry of a layer with the given status, if any. */
export function lastEntry(entries: readonly LedgerEntry[], layer: string, status?: LedgerEntry['status']): LedgerEntry | undefined {
  for (let index = entries.length - 1; index >= 0; index--) {
    const entry = entries[index];
    if (entry.layer === layer && (!status || entry.status === status)) return entry;
  }
  return undefined;
}

import { appendFileSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { registerSecret, resetSecretsForTests } from '../exec/redact.js';
import { appendLedger, lastEntry, readLedger, type LedgerEntry } from './ledger.js';
import { ledgerPath } from './paths.js';

afterEach(resetSecretsForTests);

const entry = (layer: string, status: LedgerEntry['status'], error: string | null = null): LedgerEntry => ({
  runId: 'r',
  layer,
  kind: 'pulumi',
  commit: 'c'.repeat(40),
  ref: 'HEAD',
  startedAt: '2026-11-26T00:00:00.000Z',
  finishedAt: '2026-11-26T00:00:01.000Z',
  status,
  summary: { create: 0, update: 1, delete: 0, replace: 0, sync: 0 },
  dirty: false,
  rollbackOf: null,
  user: 'erich',
  host: 'gilbert',
  error,
});

describe('ledger', () => {
  it('appends lines, skips a corrupt one with a warning, and never hides the others', () => {
    const gitDir = mkdtempSync(path.join(os.tmpdir(), 'ledger-'));
    appendLedger(gitDir, entry('tailnet', 'applied'));
    appendFileSync(ledgerPath(gitDir), '{"runId": "trunc\n');
    appendLedger(gitDir, entry('indri', 'failed'));
    const { entries, warnings } = readLedger(gitDir);
    expect(entries.map((line) => line.layer)).toEqual(['tailnet', 'indri']);
    expect(warnings).toEqual(['ledger line 2 skipped: truncated or corrupt JSON']);
    expect(lastEntry(entries, 'indri', 'applied')).toBeUndefined();
    expect(lastEntry(entries, 'tailnet')?.status).toBe('applied');
  });

  it('masks secrets in what it writes', () => {
    registerSecret('s3cret-token-value');
    const gitDir = mkdtempSync(path.join(os.tmpdir(), 'ledger-'));
    appendLedger(gitDir, entry('tailnet', 'failed', 'auth failed for s3cret-token-value'));
    expect(readLedger(gitDir).entries[0].error).toBe('auth failed for ****');
  });
});

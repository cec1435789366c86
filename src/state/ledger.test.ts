import { appendFileSync, mkdtempSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { registerSecret, resetSecretsForTests } from '../exec/redact.js';
import { appliedHistory, lastApplied, lastEntry, lastInSync, Ledger, type LedgerEntry } from './ledger.js';
import { ledgerPath } from './paths.js';

afterEach(resetSecretsForTests);

const entry = (layer: string, status: LedgerEntry['status'], error: string | null = null, commit = 'c'.repeat(40)): LedgerEntry => ({
  runId: 'r',
  layer,
  kind: 'pulumi',
  commit,
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

const fresh = () => new Ledger(mkdtempSync(path.join(os.tmpdir(), 'ledger-')));

describe('ledger', () => {
  it('appends lines, skips a corrupt one with a warning, and never hides the others', () => {
    const ledger = fresh();
    ledger.append(entry('tailnet', 'applied'));
    appendFileSync(ledger.file, '{"runId": "trunc\n');
    ledger.append(entry('indri', 'failed'));
    const { entries, warnings } = ledger.read();
    expect(entries.map((line) => line.layer)).toEqual(['tailnet', 'indri']);
    expect(warnings).toEqual(['ledger line 2 skipped: truncated or corrupt JSON']);
    expect(lastApplied(entries, 'indri')).toBeUndefined();
    expect(lastEntry(entries, 'tailnet')?.status).toBe('applied');
  });

  it('masks secrets in what it writes', () => {
    registerSecret('s3cret-token-value');
    const ledger = fresh();
    ledger.append(entry('tailnet', 'failed', 'auth failed for s3cret-token-value'));
    expect(ledger.read().entries[0].error).toBe('auth failed for ****');
    expect(readFileSync(ledger.file, 'utf8')).not.toContain('s3cret');
  });

  it('starts every record on a fresh line, whatever byte of the last line a crash cut it at', () => {
    const ledger = fresh();
    ledger.append(entry('tailnet', 'applied'));
    ledger.append(entry('indri', 'applied'));
    const whole = readFileSync(ledger.file);
    const lastStart = whole.subarray(0, whole.length - 1).lastIndexOf(0x0a) + 1;
    for (let cut = lastStart + 1; cut < whole.length - 1; cut++) {
      writeFileSync(ledger.file, whole.subarray(0, whole.length));
      truncateSync(ledger.file, cut);
      const notice = ledger.append(entry('argocd', 'applied', null, 'd'.repeat(40)));
      const { entries, warnings } = ledger.read();
      expect(entries.map((line) => line.layer), `cut at byte ${cut}`).toEqual(['tailnet', 'argocd']);
      expect(warnings, `cut at byte ${cut}`).toHaveLength(1);
      expect(notice).toMatch(/cut short/);
    }
    // Only the newline lost: the last record is whole and still counts.
    writeFileSync(ledger.file, whole.subarray(0, whole.length - 1));
    ledger.append(entry('argocd', 'applied'));
    expect(ledger.read().entries.map((line) => line.layer)).toEqual(['tailnet', 'indri', 'argocd']);
  });

  it('says nothing when the file ends cleanly', () => {
    const ledger = fresh();
    expect(ledger.append(entry('tailnet', 'applied'))).toBeUndefined();
    expect(ledger.append(entry('tailnet', 'applied'))).toBeUndefined();
    expect(ledgerPath(path.dirname(path.dirname(ledger.file)))).toBe(ledger.file);
  });

  it('has one definition of the last applied and the last in-sync commit', () => {
    const entries = [
      entry('tailnet', 'applied', null, 'a'.repeat(40)),
      entry('tailnet', 'in-sync', null, 'b'.repeat(40)),
      entry('tailnet', 'failed', 'boom', 'c'.repeat(40)),
      entry('tailnet', 'applied', null, 'd'.repeat(40)),
      entry('tailnet', 'in-sync', null, 'e'.repeat(40)),
      entry('tailnet', 'interrupted', null, 'f'.repeat(40)),
      entry('indri', 'applied', null, '1'.repeat(40)),
    ];
    expect(lastApplied(entries, 'tailnet')?.commit).toBe('d'.repeat(40));
    expect(lastInSync(entries, 'tailnet')?.commit).toBe('e'.repeat(40));
    expect(lastEntry(entries, 'tailnet')?.status).toBe('interrupted');
    expect(appliedHistory(entries, 'tailnet').map((line) => line.commit![0])).toEqual(['a', 'd']);
    expect(lastInSync(entries, 'argocd')).toBeUndefined();
  });
});

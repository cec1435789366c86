import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ledger, makeRepo } from './repo.js';

describe('the ledger() test helper', () => {
  it('reads no ledger file as no lines', () => {
    expect(ledger(makeRepo({ 'a.txt': 'a' }))).toEqual([]);
  });

  it('fails on a corrupt line instead of reporting an empty ledger', () => {
    const repo = makeRepo({ 'a.txt': 'a' });
    mkdirSync(path.join(repo, '.git/blumeops'), { recursive: true });
    writeFileSync(path.join(repo, '.git/blumeops/ledger.jsonl'), '{"layer":"tailnet","status":"applied"}\n{"runId": "trunc');
    expect(() => ledger(repo)).toThrow(/ledger\.jsonl:2: not a JSON line/);
  });

  it('reads every line, oldest first', () => {
    const repo = makeRepo({ 'a.txt': 'a' });
    mkdirSync(path.join(repo, '.git/blumeops'), { recursive: true });
    writeFileSync(path.join(repo, '.git/blumeops/ledger.jsonl'), '{"n":1}\n{"n":2}\n');
    expect(ledger(repo)).toEqual([{ n: 1 }, { n: 2 }]);
  });
});

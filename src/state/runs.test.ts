import { mkdirSync, mkdtempSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { KEPT_APPLY_RUNS, KEPT_READS, KEPT_RUNS, markApplyRun, pruneReads, pruneRuns, readRunDir, runDir } from './runs.js';

const runId = (index: number) => `20260101T${String(Math.floor(index / 60)).padStart(4, '0')}${String(index % 60).padStart(2, '0')}Z-aaaa`;

describe('run logs', () => {
  it(`keeps the newest ${KEPT_RUNS} runs`, () => {
    const gitDir = mkdtempSync(path.join(os.tmpdir(), 'runs-'));
    for (let index = 0; index < KEPT_RUNS + 5; index++) mkdirSync(runDir(gitDir, runId(index)), { recursive: true });
    pruneRuns(gitDir);
    const runs = readdirSync(path.join(gitDir, 'blumeops/runs')).sort();
    expect(runs).toHaveLength(KEPT_RUNS);
    expect(runs[0]).toBe(runId(5));
    expect(runs.at(-1)).toBe(runId(KEPT_RUNS + 4));
  });

  it(`never prunes one of a layer's last ${KEPT_APPLY_RUNS} applies, however many plans ran since`, () => {
    const gitDir = mkdtempSync(path.join(os.tmpdir(), 'runs-'));
    const applies = KEPT_APPLY_RUNS + 3;
    for (let index = 0; index < applies; index++) markApplyRun(runDir(gitDir, runId(index)), ['tailnet']);
    for (let index = applies; index < applies + 200; index++) mkdirSync(runDir(gitDir, runId(index)), { recursive: true });
    pruneRuns(gitDir);
    const runs = new Set(readdirSync(path.join(gitDir, 'blumeops/runs')));
    for (let index = 3; index < applies; index++) expect(runs.has(runId(index)), `apply ${index}`).toBe(true);
    for (let index = 0; index < 3; index++) expect(runs.has(runId(index)), `old apply ${index}`).toBe(false);
    expect(runs.size).toBe(KEPT_RUNS + KEPT_APPLY_RUNS);
  });

  it(`keeps the newest ${KEPT_READS} read-only runs apart from the plans and applies, which they never evict`, () => {
    const gitDir = mkdtempSync(path.join(os.tmpdir(), 'runs-'));
    for (let index = 0; index < 3; index++) markApplyRun(runDir(gitDir, runId(index)), ['tailnet']);
    for (let index = 3; index < 10; index++) mkdirSync(runDir(gitDir, runId(index)), { recursive: true });
    for (let index = 10; index < 10 + KEPT_READS + 30; index++) mkdirSync(readRunDir(gitDir, runId(index)), { recursive: true });
    pruneReads(gitDir);
    const reads = readdirSync(path.join(gitDir, 'blumeops/reads')).sort();
    expect(reads).toHaveLength(KEPT_READS);
    expect(reads[0]).toBe(runId(40));
    expect(readdirSync(path.join(gitDir, 'blumeops/runs'))).toHaveLength(10);
  });

  it('creates nothing for a run that starts no tool', () => {
    const gitDir = mkdtempSync(path.join(os.tmpdir(), 'runs-'));
    runDir(gitDir, runId(1));
    pruneRuns(gitDir);
    expect(readdirSync(gitDir)).toEqual([]);
  });
});

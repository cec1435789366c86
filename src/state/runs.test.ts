import { mkdirSync, mkdtempSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createRunDir, KEPT_RUNS } from './runs.js';

describe('run logs', () => {
  it(`keeps the newest ${KEPT_RUNS} runs`, () => {
    const gitDir = mkdtempSync(path.join(os.tmpdir(), 'runs-'));
    for (let index = 0; index < KEPT_RUNS + 5; index++) mkdirSync(path.join(gitDir, 'blumeops/runs', `20260101T0000${String(index).padStart(2, '0')}Z-aaaa`), { recursive: true });
    createRunDir(gitDir, '20261126T000000Z-ffff');
    const runs = readdirSync(path.join(gitDir, 'blumeops/runs')).sort();
    expect(runs).toHaveLength(KEPT_RUNS);
    expect(runs.at(-1)).toBe('20261126T000000Z-ffff');
    expect(runs[0]).toBe('20260101T000006Z-aaaa');
  });
});

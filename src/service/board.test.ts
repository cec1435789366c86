import { describe, expect, it } from 'vitest';
import { registerSecret } from '../exec/redact.js';
import type { HistoryResult } from '../engine/history.js';
import { cycleResult, row } from './__fixtures__/cycle.js';
import { Board } from './board.js';
import { DashboardDocument } from './dashboard-schema.js';
import { ServiceMetrics } from './metrics.js';

const at = '2026-11-26T03:15:00.000Z';
const SECRET = 'tskey-board-s3cr3t-value';

function board(unhealthyAfter = 2) {
  const sent: { event: string; data: string }[] = [];
  const subject = new Board({ intervalMs: 1000, unhealthyAfter }, { broadcast: (event, data) => void sent.push({ event, data }) }, new ServiceMetrics(1000));
  return { subject, sent };
}
const noHistory: HistoryResult = { entries: [], warnings: [] };

describe('the board', () => {
  it('before the first cycle: starting, healthy, no status document yet', () => {
    const { subject } = board();
    expect(subject.statusJson).toBeUndefined();
    expect(subject.healthy).toBe(true);
    expect(JSON.parse(subject.dashboardJson)).toMatchObject({ loop: { phase: 'starting' }, layers: [] });
  });

  it('a cycle: the status document, then one `cycle` event with the page document and the ledger read after it', () => {
    const { subject, sent } = board();
    subject.event({ type: 'cycle-started', cycle: 1, at });
    subject.event({ type: 'cycle-finished', cycle: 1, at, durationMs: 900 });
    subject.cycle(cycleResult([row('tailnet')]), noHistory);
    expect(JSON.parse(subject.statusJson!)).toMatchObject({ command: 'status', layers: [{ name: 'tailnet' }] });
    const cycles = sent.filter((frame) => frame.event === 'cycle');
    expect(cycles).toHaveLength(1);
    const document = DashboardDocument.parse(JSON.parse(cycles[0].data));
    expect(document.loop).toMatchObject({ cycle: 1, lastCycle: { cycle: 1, ok: true, summary: '1 layers' } });
  });

  it(`unhealthy after N failed cycles in a row, healthy again after a good one`, () => {
    const { subject } = board(2);
    subject.event({ type: 'cycle-failed', cycle: 1, at, durationMs: 5, error: 'no blumeops.yaml' });
    expect(subject.healthy).toBe(true);
    subject.event({ type: 'cycle-failed', cycle: 2, at, durationMs: 5, error: 'no blumeops.yaml' });
    expect(subject.healthy).toBe(false);
    expect(subject.loop.lastError).toEqual({ at, message: 'no blumeops.yaml' });
    subject.event({ type: 'cycle-finished', cycle: 3, at, durationMs: 5 });
    expect(subject.healthy).toBe(true);
    subject.event({ type: 'stopped', at });
    expect(subject.healthy).toBe(false);
  });

  it('an apply: `applying` while it runs, `apply` events at its start and end', () => {
    const { subject, sent } = board();
    subject.cycle(cycleResult([row('tailnet', { state: 'drifted' })]));
    subject.event({ type: 'layer-applying', layer: 'tailnet', at });
    expect(JSON.parse(subject.dashboardJson).layers[0].state).toBe('applying');
    subject.event({ type: 'layer-applied', layer: 'tailnet', at, status: 'applied', error: null });
    expect(JSON.parse(subject.dashboardJson).layers[0].state).toBe('drifted');
    expect(sent.filter((frame) => frame.event === 'apply').map((frame) => JSON.parse(frame.data).phase)).toEqual(['started', 'finished']);
  });

  it('masks secrets in every document and event (status, page, history, loop errors)', () => {
    registerSecret(SECRET);
    const entry = { runId: 'r', layer: 'tailnet', kind: 'pulumi', commit: null, ref: 'HEAD', startedAt: at, finishedAt: at, status: 'failed' as const, summary: { create: 0, update: 0, delete: 0, replace: 0, sync: 0 }, dirty: false, rollbackOf: null, user: 'u', host: 'h', error: `token ${SECRET} refused`, message: null };
    const { subject, sent } = board(3);
    subject.cycle(cycleResult([row('tailnet', { detail: `saw ${SECRET}`, commitsSince: [{ sha: 'c'.repeat(40), subject: `leak ${SECRET}` }] })]), { entries: [entry], warnings: [] });
    subject.event({ type: 'cycle-failed', cycle: 2, at, durationMs: 1, error: `fetch ${SECRET}` });
    const everything = [subject.statusJson, subject.dashboardJson, subject.historyJson, subject.historyFor('tailnet', 1), ...sent.map((frame) => frame.data)].join('\n');
    expect(everything).not.toContain(SECRET);
    expect(everything).toContain('leak ****');
    expect(subject.historyJson).toContain('token **** refused');
  });
});

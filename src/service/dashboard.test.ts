import { describe, expect, it } from 'vitest';
import { change, cycleResult, row } from './__fixtures__/cycle.js';
import { dashboardDocument, MAX_CHANGES, MAX_DIFF, MAX_LAYER_DIFF, TIMELINE_LENGTH } from './dashboard.js';
import type { LoopInfo } from './dashboard-model.js';
import { DashboardDocument } from './dashboard-schema.js';

const loop = (patch: Partial<LoopInfo> = {}): LoopInfo => ({ phase: 'waiting', intervalMs: 600_000, cycle: 1, lastCycle: null, nextCycleAt: null, lastError: null, consecutiveFailures: 0, healthy: true, applying: [], ...patch });
const entry = (index: number) => ({
  runId: `r${index}`, layer: 'tailnet', kind: 'pulumi', commit: 'c'.repeat(40), ref: 'HEAD', startedAt: '2026-11-26T03:15:00.000Z', finishedAt: '2026-11-26T03:16:00.000Z',
  status: 'applied' as const, summary: { create: 1, update: 0, delete: 0, replace: 0, sync: 0 }, dirty: false, rollbackOf: null, user: 'erich', host: 'gilbert', error: null, message: `apply ${index}`,
});

describe('the page document', () => {
  it('before the first cycle: no layers, the loop, and it matches its schema', () => {
    const document = dashboardDocument({ result: undefined, loop: loop({ phase: 'starting', cycle: 0 }), history: [], historyWarnings: [] });
    expect(DashboardDocument.parse(document)).toMatchObject({ version: 1, repo: null, layers: [], timeline: [] });
  });

  it("carries each layer's state, needs, description, last apply and plan; a layer being applied is `applying`", () => {
    const result = cycleResult([row('tailnet'), row('indri', { kind: 'ansible', state: 'drifted', detail: 'live differs: 1 to update' })], { needs: { indri: ['tailnet'] }, changes: { indri: [change(1, '- a\n+ b')] } });
    const document = DashboardDocument.parse(dashboardDocument({ result, loop: loop({ applying: ['tailnet'] }), history: [], historyWarnings: [] }));
    expect(document.layers.map((layer) => [layer.name, layer.state])).toEqual([['tailnet', 'applying'], ['indri', 'drifted']]);
    expect(document.layers[1]).toMatchObject({ needs: ['tailnet'], manages: { summary: 'ansible layer indri' }, plan: { changes: [{ action: 'update', diff: '- a\n+ b', diffCut: false }], omitted: 0 } });
    expect(document.layers[0].lastApply).toMatchObject({ message: 'open ssh to indri' });
  });

  it('stays bounded however big the plan: changes counted past the limit, diffs cut', () => {
    const huge = 'x'.repeat(MAX_DIFF * 2);
    const changes = Array.from({ length: MAX_CHANGES + 25 }, (_, index) => change(index, huge));
    const document = dashboardDocument({ result: cycleResult([row('argocd', { state: 'drifted' })], { changes: { argocd: changes } }), loop: loop(), history: [], historyWarnings: [] });
    const plan = document.layers[0].plan;
    expect(plan.changes).toHaveLength(MAX_CHANGES);
    expect(plan.omitted).toBe(25);
    expect(plan.changes[0]).toMatchObject({ diffCut: true });
    expect(plan.changes[0].diff).toHaveLength(MAX_DIFF);
    const total = plan.changes.reduce((sum, item) => sum + (item.diff?.length ?? 0), 0);
    expect(total).toBeLessThanOrEqual(MAX_LAYER_DIFF);
    expect(plan.changes.at(-1)).toMatchObject({ diff: null, diffCut: true });
  });

  it(`the timeline is the ledger's last ${TIMELINE_LENGTH} applies, newest first as given`, () => {
    const history = Array.from({ length: TIMELINE_LENGTH + 10 }, (_, index) => entry(index));
    const document = DashboardDocument.parse(dashboardDocument({ result: undefined, loop: loop(), history, historyWarnings: ['ledger line 3 is torn'] }));
    expect(document.timeline).toHaveLength(TIMELINE_LENGTH);
    expect(document.timeline[0]).toMatchObject({ layer: 'tailnet', message: 'apply 0', user: 'erich' });
    expect(document.warnings).toEqual(['ledger line 3 is torn']);
  });
});

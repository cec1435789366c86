import { describe, expect, it } from 'vitest';
import { parseMetrics, sampleValue } from '../../tests/helpers/prometheus.js';
import { cycleResult, row } from './__fixtures__/cycle.js';
import { ServiceMetrics } from './metrics.js';

const at = '2026-11-26T03:15:00.000Z';

describe('the Prometheus metrics', () => {
  it('per layer: one state series at 1 and the others at 0, pending changes by action, last apply, commits since', async () => {
    const metrics = new ServiceMetrics(600_000);
    const drifted = row('dns', { state: 'drifted', drift: { checked: true, status: 'changes', summary: { create: 1, update: 2, delete: 0, replace: 0, sync: 0 }, warnings: [], error: null } });
    const failed = row('indri', { kind: 'ansible', lastApply: { commit: null, status: 'failed', finishedAt: at, message: null }, commitsSince: [{ sha: 'c'.repeat(40), subject: 'x' }] });
    metrics.cycle(cycleResult([row('tailnet'), drifted, failed]), []);
    const families = parseMetrics(await metrics.text());
    expect(sampleValue(families, 'blumeops_layer_state', { layer: 'dns', state: 'drifted' })).toBe(1);
    expect(sampleValue(families, 'blumeops_layer_state', { layer: 'dns', state: 'in-sync' })).toBe(0);
    expect(families.get('blumeops_layer_state')!.metrics.filter((sample) => sample.labels?.layer === 'tailnet' && sample.value === '1')).toHaveLength(1);
    expect(sampleValue(families, 'blumeops_layer_pending_changes', { layer: 'dns', action: 'update' })).toBe(2);
    expect(sampleValue(families, 'blumeops_layer_last_apply_success', { layer: 'indri', kind: 'ansible' })).toBe(0);
    expect(sampleValue(families, 'blumeops_layer_last_apply_success', { layer: 'tailnet' })).toBe(1);
    expect(sampleValue(families, 'blumeops_layer_last_apply_timestamp_seconds', { layer: 'tailnet' })).toBe(Date.parse(at) / 1000);
    expect(sampleValue(families, 'blumeops_layer_commits_since_apply', { layer: 'indri' })).toBe(1);
    expect(sampleValue(families, 'blumeops_watch_interval_seconds')).toBe(600);
    expect(families.has('process_cpu_user_seconds_total')).toBe(true);
  });

  it('a layer gone from the config disappears at the next cycle; applying overrides the state', async () => {
    const metrics = new ServiceMetrics(1000);
    metrics.cycle(cycleResult([row('tailnet'), row('old')]), []);
    metrics.cycle(cycleResult([row('tailnet')]), ['tailnet']);
    const families = parseMetrics(await metrics.text());
    expect(sampleValue(families, 'blumeops_layer_state', { layer: 'old' })).toBeUndefined();
    expect(sampleValue(families, 'blumeops_layer_state', { layer: 'tailnet', state: 'applying' })).toBe(1);
  });

  it('the loop: cycle durations (histogram), cycles by result, tool runs by tool and result, health', async () => {
    const metrics = new ServiceMetrics(1000);
    metrics.event({ type: 'cycle-finished', cycle: 1, at, durationMs: 800 }, 0, true);
    metrics.event({ type: 'cycle-failed', cycle: 2, at, durationMs: 50, error: 'boom' }, 1, false);
    metrics.toolRun('pulumi', 'ok');
    metrics.toolRun('pulumi', 'ok');
    metrics.toolRun('argocd', 'failed');
    const families = parseMetrics(await metrics.text());
    const histogram = families.get('blumeops_watch_cycle_duration_seconds')!;
    expect(histogram.type).toBe('HISTOGRAM');
    expect(Number(histogram.metrics[0].count)).toBe(2);
    expect(histogram.metrics[0].buckets?.['1']).toBe('2');
    expect(sampleValue(families, 'blumeops_watch_cycles_total', { result: 'ok' })).toBe(1);
    expect(sampleValue(families, 'blumeops_watch_cycles_total', { result: 'failed' })).toBe(1);
    expect(sampleValue(families, 'blumeops_tool_runs_total', { tool: 'pulumi', result: 'ok' })).toBe(2);
    expect(sampleValue(families, 'blumeops_tool_runs_total', { tool: 'argocd', result: 'failed' })).toBe(1);
    expect(sampleValue(families, 'blumeops_watch_healthy')).toBe(0);
    expect(sampleValue(families, 'blumeops_watch_consecutive_failures')).toBe(1);
    expect(sampleValue(families, 'blumeops_watch_last_success_timestamp_seconds')).toBe(Date.parse(at) / 1000);
  });
});

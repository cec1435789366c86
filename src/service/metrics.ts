import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { CycleResult } from '../engine/watch/cycle.js';
import type { WatchEvent } from '../engine/watch/loop.js';
import { CHANGE_ACTIONS } from '../reconciler.js';
import { BOARD_STATES, type BoardState } from './dashboard-model.js';

/**
 * The Prometheus metrics of `watch --listen` (prom-client, in a registry of its own): per layer its
 * state, pending changes, last apply and commits since; the loop's cycles; the tools it ran; and the
 * default process metrics. Updated from the loop's results and events, never by a scrape.
 */
export class ServiceMetrics {
  readonly registry = new Registry();
  private readonly layerState: Gauge;
  private readonly pending: Gauge;
  private readonly lastApplyTime: Gauge;
  private readonly lastApplySuccess: Gauge;
  private readonly commitsSince: Gauge;
  private readonly cycleDuration: Histogram;
  private readonly cycles: Counter;
  private readonly toolRuns: Counter;
  private readonly applies: Counter;
  private readonly failures: Gauge;
  private readonly lastSuccess: Gauge;
  private readonly healthy: Gauge;

  constructor(intervalMs: number) {
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry });
    const layer = ['layer', 'kind'];
    this.layerState = new Gauge({ name: 'blumeops_layer_state', help: 'The state of a layer: 1 for its current state, 0 for the others.', labelNames: [...layer, 'state'], registers });
    this.pending = new Gauge({ name: 'blumeops_layer_pending_changes', help: "Changes the last plan found for a layer, by action (absent when the layer's plan failed).", labelNames: [...layer, 'action'], registers });
    this.lastApplyTime = new Gauge({ name: 'blumeops_layer_last_apply_timestamp_seconds', help: "When the layer's last recorded apply finished (Unix time).", labelNames: layer, registers });
    this.lastApplySuccess = new Gauge({ name: 'blumeops_layer_last_apply_success', help: "1 when the layer's last recorded apply succeeded (applied or in sync), 0 when it failed or was interrupted.", labelNames: layer, registers });
    this.commitsSince = new Gauge({ name: 'blumeops_layer_commits_since_apply', help: "Commits touching the layer's paths since its last in-sync apply.", labelNames: layer, registers });
    this.cycleDuration = new Histogram({ name: 'blumeops_watch_cycle_duration_seconds', help: 'How long a watch cycle took (fetch, plans, automatic applies).', buckets: [0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600], registers });
    this.cycles = new Counter({ name: 'blumeops_watch_cycles_total', help: 'Watch cycles by result (ok, failed).', labelNames: ['result'], registers });
    this.toolRuns = new Counter({ name: 'blumeops_tool_runs_total', help: 'Tool calls by tool and result (ok, failed, interrupted).', labelNames: ['tool', 'result'], registers });
    this.applies = new Counter({ name: 'blumeops_watch_applies_total', help: 'Automatic applies (--apply) by layer and result.', labelNames: ['layer', 'result'], registers });
    this.failures = new Gauge({ name: 'blumeops_watch_consecutive_failures', help: 'Failed cycles in a row (0 after a good one).', registers });
    this.lastSuccess = new Gauge({ name: 'blumeops_watch_last_success_timestamp_seconds', help: 'When the last good cycle finished (Unix time).', registers });
    this.healthy = new Gauge({ name: 'blumeops_watch_healthy', help: '1 while /healthz answers 200, 0 when it answers 503.', registers });
    new Gauge({ name: 'blumeops_watch_interval_seconds', help: 'The time between cycles (--interval).', registers }).set(intervalMs / 1000);
    for (const result of ['ok', 'failed']) this.cycles.inc({ result }, 0);
    this.healthy.set(1);
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  text(): Promise<string> {
    return this.registry.metrics();
  }

  /** Every layer's gauges from a cycle's result (layers gone from blumeops.yaml disappear). */
  cycle(result: CycleResult, applying: readonly string[]): void {
    for (const gauge of [this.layerState, this.pending, this.lastApplyTime, this.lastApplySuccess, this.commitsSince]) gauge.reset();
    for (const row of result.rows) this.layerStateOf(row.name, row.kind, applying.includes(row.name) ? 'applying' : row.state);
    for (const row of result.rows) {
      const labels = { layer: row.name, kind: row.kind };
      if (row.drift.summary && row.drift.status !== 'failed') for (const action of CHANGE_ACTIONS) this.pending.set({ ...labels, action }, row.drift.summary[action]);
      if (row.lastApply) {
        this.lastApplyTime.set(labels, Date.parse(row.lastApply.finishedAt) / 1000);
        this.lastApplySuccess.set(labels, row.lastApply.status === 'applied' || row.lastApply.status === 'in-sync' ? 1 : 0);
      }
      this.commitsSince.set(labels, row.commitsSince.length);
    }
  }

  /** A layer's state series: 1 for `state`, 0 for the others. */
  layerStateOf(layer: string, kind: string, state: BoardState): void {
    for (const candidate of BOARD_STATES) this.layerState.set({ layer, kind, state: candidate }, candidate === state ? 1 : 0);
  }

  event(event: WatchEvent, consecutiveFailures: number, healthy: boolean): void {
    if (event.type === 'cycle-finished' || event.type === 'cycle-failed') {
      this.cycleDuration.observe(event.durationMs / 1000);
      this.cycles.inc({ result: event.type === 'cycle-finished' ? 'ok' : 'failed' });
      if (event.type === 'cycle-finished') this.lastSuccess.set(Date.parse(event.at) / 1000);
    }
    if (event.type === 'layer-applied') this.applies.inc({ layer: event.layer, result: event.status === 'applied' || event.status === 'in-sync' ? 'ok' : 'failed' });
    this.failures.set(consecutiveFailures);
    this.healthy.set(healthy ? 1 : 0);
  }

  toolRun(tool: string, result: string): void {
    this.toolRuns.inc({ tool, result });
  }
}

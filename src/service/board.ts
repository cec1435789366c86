import type { HistoryResult, LedgerEntry } from '../engine/history.js';
import type { CycleResult } from '../engine/watch/cycle.js';
import type { WatchEvent } from '../engine/watch/loop.js';
import { redactDeep } from '../exec/redact.js';
import { dashboardDocument } from './dashboard.js';
import type { ApplyEvent, LoopInfo } from './dashboard-model.js';
import type { ServiceMetrics } from './metrics.js';
import { sseFrame } from './sse.js';

export interface BoardOptions {
  intervalMs: number;
  /** Failed cycles in a row after which /healthz answers 503. */
  unhealthyAfter: number;
}

/** Where the board announces news (the event stream's clients). */
export interface Broadcaster {
  broadcast(event: string, data: string): void;
}

/**
 * What the service knows, kept from the loop's results and events and the ledger, serialised once
 * per change (masked), so a request only copies bytes: no request ever plans, reads Git or waits for
 * the loop.
 */
export class Board {
  readonly loop: LoopInfo;
  /** The `status --json` document of the last cycle; undefined before the first one. */
  statusJson: string | undefined;
  historyJson = JSON.stringify({ version: 1, entries: [] });
  dashboardJson: string;
  private result: CycleResult | undefined;
  private entries: LedgerEntry[] = [];
  private historyWarnings: string[] = [];

  constructor(
    private readonly options: BoardOptions,
    private readonly hub: Broadcaster,
    private readonly metrics: ServiceMetrics,
  ) {
    this.loop = { phase: 'starting', intervalMs: options.intervalMs, cycle: 0, lastCycle: null, nextCycleAt: null, lastError: null, consecutiveFailures: 0, healthy: true, applying: [] };
    this.dashboardJson = this.serialiseDashboard();
  }

  get healthy(): boolean {
    return this.loop.healthy && this.loop.phase !== 'stopped';
  }

  /** /healthz: 200 while the loop runs and its cycles succeed, 503 after too many failures or once stopped. */
  health(): { status: number; body: object } {
    const loop = this.loop;
    const body = { status: this.healthy ? 'ok' : loop.phase === 'stopped' ? 'stopped' : 'unhealthy', phase: loop.phase, cycle: loop.cycle, consecutiveFailures: loop.consecutiveFailures };
    return { status: this.healthy ? 200 : 503, body };
  }

  /** The frames a new events client gets first: the page as it is now. */
  initialFrames(): string[] {
    return [sseFrame('cycle', this.dashboardJson)];
  }

  /** History entries of one layer and/or the newest `limit`, as the history document. */
  historyFor(layer: string | undefined, limit: number | undefined): string {
    if (!layer && !limit) return this.historyJson;
    const entries = this.entries.filter((entry) => !layer || entry.layer === layer).slice(0, limit);
    return JSON.stringify(redactDeep({ version: 1, entries }));
  }

  /** The ledger as read after a cycle or an apply (newest first); `announce` sends the page to the clients. */
  history(history: HistoryResult, announce = false): void {
    this.entries = history.entries;
    this.historyWarnings = history.warnings;
    this.historyJson = JSON.stringify(redactDeep({ version: 1, entries: this.entries }));
    this.dashboardJson = this.serialiseDashboard();
    if (announce) this.hub.broadcast('cycle', this.dashboardJson);
  }

  /** A cycle's result, with the ledger read right after it: one `cycle` event. */
  cycle(result: CycleResult, history?: HistoryResult): void {
    this.result = result;
    this.statusJson = JSON.stringify(redactDeep(result.document));
    this.metrics.cycle(result, this.loop.applying);
    this.loop.lastCycle = this.loop.lastCycle && { ...this.loop.lastCycle, summary: result.summary };
    if (history) this.history(history, true);
    else {
      this.dashboardJson = this.serialiseDashboard();
      this.hub.broadcast('cycle', this.dashboardJson);
    }
  }

  event(event: WatchEvent): void {
    const loop = this.loop;
    switch (event.type) {
      case 'cycle-started':
        loop.phase = 'running';
        loop.cycle = event.cycle;
        loop.nextCycleAt = null;
        break;
      case 'cycle-finished':
        loop.consecutiveFailures = 0;
        loop.lastCycle = { cycle: event.cycle, finishedAt: event.at, durationMs: event.durationMs, ok: true, summary: '' };
        break;
      case 'cycle-failed':
        loop.consecutiveFailures++;
        loop.lastCycle = { cycle: event.cycle, finishedAt: event.at, durationMs: event.durationMs, ok: false, summary: event.error };
        loop.lastError = { at: event.at, message: event.error };
        break;
      case 'waiting':
        loop.phase = 'waiting';
        loop.nextCycleAt = event.nextAt;
        break;
      case 'stopped':
        loop.phase = 'stopped';
        loop.nextCycleAt = null;
        break;
      case 'layer-applying':
      case 'layer-applied':
        this.applyEvent(event);
        return;
    }
    loop.healthy = loop.consecutiveFailures < this.options.unhealthyAfter;
    this.metrics.event(event, loop.consecutiveFailures, this.healthy);
    this.dashboardJson = this.serialiseDashboard();
    // A finished cycle is announced with its result (cycle()); the rest as loop news.
    if (event.type !== 'cycle-finished') this.hub.broadcast('loop', JSON.stringify(redactDeep(loop)));
  }

  private applyEvent(event: Extract<WatchEvent, { type: 'layer-applying' | 'layer-applied' }>): void {
    const loop = this.loop;
    const applying = event.type === 'layer-applying';
    loop.applying = applying ? [...new Set([...loop.applying, event.layer])] : loop.applying.filter((name) => name !== event.layer);
    const row = this.result?.rows.find((candidate) => candidate.name === event.layer);
    if (row) this.metrics.layerStateOf(row.name, row.kind, applying ? 'applying' : row.state);
    this.metrics.event(event, loop.consecutiveFailures, this.healthy);
    const news: ApplyEvent = applying
      ? { layer: event.layer, phase: 'started', at: event.at, status: null, error: null }
      : { layer: event.layer, phase: 'finished', at: event.at, status: event.status, error: event.error };
    this.dashboardJson = this.serialiseDashboard();
    this.hub.broadcast('apply', JSON.stringify(redactDeep(news)));
  }

  private serialiseDashboard(): string {
    return JSON.stringify(redactDeep(dashboardDocument({ result: this.result, loop: this.loop, history: this.entries, historyWarnings: this.historyWarnings })));
  }
}

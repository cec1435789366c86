import type { LedgerEntry } from '../engine/history.js';
import type { CycleLayer, CycleResult } from '../engine/watch/cycle.js';
import type { StatusLayer } from '../engine/status-schema.js';
import type { BoardChange, BoardLayer, DashboardDocument, LoopInfo, TimelineEntry } from './dashboard-model.js';

/** A page shows this many changes of a layer; the rest are counted (`blumeops plan LAYER` lists them all). */
export const MAX_CHANGES = 200;
/** One diff is cut here, and a layer's diffs stop once they add up to MAX_LAYER_DIFF. */
export const MAX_DIFF = 16 * 1024;
export const MAX_LAYER_DIFF = 256 * 1024;
/** The timeline shows the last applies. */
export const TIMELINE_LENGTH = 50;

export interface BoardInput {
  result: CycleResult | undefined;
  loop: LoopInfo;
  /** The ledger, newest first. */
  history: readonly LedgerEntry[];
  historyWarnings: readonly string[];
}

/** The page's document from the last cycle, the loop and the ledger: pure, and bounded in size whatever the plans hold. */
export function dashboardDocument(input: BoardInput, now: Date = new Date()): DashboardDocument {
  const { result, loop } = input;
  const extras = new Map((result?.layers ?? []).map((layer) => [layer.name, layer]));
  return {
    version: 1,
    generatedAt: now.toISOString(),
    repo: result ? { root: result.document.repo.root, head: result.document.repo.head } : null,
    loop,
    layers: (result?.rows ?? []).map((row) => boardLayer(row, extras.get(row.name), loop.applying.includes(row.name))),
    timeline: input.history.slice(0, TIMELINE_LENGTH).map(timelineEntry),
    warnings: [...(result?.document.warnings ?? []), ...input.historyWarnings],
  };
}

function boardLayer(row: StatusLayer, extra: CycleLayer | undefined, applying: boolean): BoardLayer {
  const plan = extra?.plan;
  return {
    name: row.name,
    kind: row.kind,
    needs: extra?.needs ?? [],
    state: applying ? 'applying' : row.state,
    detail: row.detail,
    hint: row.hint,
    manages: extra?.manages ? { summary: extra.manages.summary, facts: extra.manages.facts } : null,
    lastApply: row.lastApply,
    commitsSince: row.commitsSince,
    autoSync: row.autoSync,
    plan: {
      checked: row.drift.checked,
      status: row.drift.status,
      summary: row.drift.summary,
      ...boundedChanges(plan?.changes ?? []),
      warnings: row.drift.warnings,
      incomplete: plan?.incomplete ?? false,
      error: row.drift.error,
      durationMs: plan?.durationMs ?? null,
    },
  };
}

function boundedChanges(changes: NonNullable<CycleLayer['plan']>['changes']): { changes: BoardChange[]; omitted: number } {
  let budget = MAX_LAYER_DIFF;
  const shown = changes.slice(0, MAX_CHANGES).map((change): BoardChange => {
    let diff = change.diff ?? null;
    let diffCut = false;
    if (diff !== null) {
      const room = Math.min(MAX_DIFF, budget);
      if (diff.length > room) {
        diff = room > 0 ? diff.slice(0, room) : null;
        diffCut = true;
      }
      budget -= diff?.length ?? 0;
    }
    return { action: change.action, target: change.target, summary: change.summary, diff, diffCut };
  });
  return { changes: shown, omitted: changes.length - shown.length };
}

function timelineEntry(entry: LedgerEntry): TimelineEntry {
  return {
    layer: entry.layer,
    kind: entry.kind,
    commit: entry.commit,
    status: entry.status,
    startedAt: entry.startedAt,
    finishedAt: entry.finishedAt,
    message: entry.message ?? null,
    summary: entry.summary,
    error: entry.error,
    user: entry.user,
    rollbackOf: entry.rollbackOf,
  };
}

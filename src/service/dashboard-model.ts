/**
 * The page's document (`/api/v1/dashboard`, and the `cycle` event of `/api/v1/events`), version 1.
 * Plain types with no imports: the browser code (page/) uses them too. The zod schema that holds
 * them is in dashboard-schema.ts.
 */

/** A layer's state on the page: its status state, or `applying` while watch applies it. */
export type BoardState = 'in-sync' | 'drifted' | 'unapplied' | 'unknown' | 'error' | 'applying';
export const BOARD_STATES: readonly BoardState[] = ['in-sync', 'drifted', 'unapplied', 'unknown', 'error', 'applying'];

export type BoardAction = 'create' | 'update' | 'delete' | 'replace' | 'sync';
export type BoardSummary = Record<BoardAction, number>;

export interface BoardChange {
  action: BoardAction;
  target: string;
  summary: string;
  /** The change's diff, cut at a size a page can show (`diffCut` says so). */
  diff: string | null;
  diffCut: boolean;
}

export interface BoardLayer {
  name: string;
  kind: string;
  needs: string[];
  state: BoardState;
  detail: string;
  hint: string | null;
  /** What the layer manages, from its kind (null until known). */
  manages: { summary: string; facts: string[] } | null;
  lastApply: { commit: string | null; status: string; finishedAt: string; message: string | null } | null;
  commitsSince: { sha: string; subject: string }[];
  /** Units the tool syncs by itself (ArgoCD auto-sync): converging, in sync, or failing. */
  autoSync: { target: string; state: 'converging' | 'in-sync' | 'failing'; summary: string; mode: string }[];
  plan: {
    checked: boolean;
    status: string | null;
    summary: BoardSummary | null;
    /** The first changes (all of them up to a limit); `omitted` counts the rest. */
    changes: BoardChange[];
    omitted: number;
    warnings: string[];
    incomplete: boolean;
    error: string | null;
    durationMs: number | null;
  };
}

export interface TimelineEntry {
  layer: string;
  kind: string;
  commit: string | null;
  status: string;
  startedAt: string;
  finishedAt: string;
  message: string | null;
  summary: BoardSummary;
  error: string | null;
  user: string;
  rollbackOf: string | null;
}

export interface LoopInfo {
  /** starting: before the first cycle; running: a cycle is on; waiting: between cycles. */
  phase: 'starting' | 'running' | 'waiting' | 'stopped';
  intervalMs: number;
  /** Cycles started so far. */
  cycle: number;
  lastCycle: { cycle: number; finishedAt: string; durationMs: number; ok: boolean; summary: string } | null;
  nextCycleAt: string | null;
  lastError: { at: string; message: string } | null;
  consecutiveFailures: number;
  /** False after `unhealthyAfter` failed cycles in a row (then /healthz answers 503). */
  healthy: boolean;
  /** Layers being applied by watch right now. */
  applying: string[];
}

export interface DashboardDocument {
  version: 1;
  generatedAt: string;
  repo: { root: string; head: string | null } | null;
  loop: LoopInfo;
  layers: BoardLayer[];
  /** The last applies from the ledger, newest first. */
  timeline: TimelineEntry[];
  warnings: string[];
}

/** The `apply` event of /api/v1/events. */
export interface ApplyEvent {
  layer: string;
  phase: 'started' | 'finished';
  at: string;
  status: string | null;
  error: string | null;
}

import type { LayerOutcome, Phase } from './outcome.js';
import type { Reporter } from './reporter.js';

/** What a plan or apply was asked to do, whichever command (generic, a kind's verb, rollback, watch) asked. */
export interface RunRequest {
  /** The command name for JSON and the ledger: plan, apply, up, provision, rollback, watch… */
  command: string;
  /** The command line as typed, for the lock. */
  commandLine: string;
  /** Layers named by the operator (none: all). */
  layers: string[];
  repo?: string;
  /** Reconcile this revision through a temporary worktree instead of the work tree. */
  ref?: string;
  verbose: boolean;
  /** Layers planned (and applied) at once. */
  concurrency: number;
  /** Arguments after `--`, for the tool. */
  extraArgs: string[];
  /** Sub-units the operator named (ArgoCD apps). */
  targets: string[];
  kindOptions: Record<string, unknown>;
  /** Set by a kind's verb: the layer must be of this kind. */
  expect?: { kind: string; phase: Phase };
}

export interface PlanRequest extends RunRequest {
  /** Only the layers whose paths changed (since each one's last in-sync commit, or `since`). */
  changed?: boolean;
  since?: string;
}

export interface ApplyRequest extends RunRequest {
  /** Apply without asking. */
  yes: boolean;
  /** Apply although the layers' paths have uncommitted changes (recorded as dirty). */
  allowDirty: boolean;
  /** Why, for the ledger (default: the commit subject). */
  message?: string;
  /** Set by rollback: the commit rolled back from. */
  rollbackOf?: string;
}

/** How a transaction shows its progress through the face (a renderer). The engine never prints. */
export interface RunView extends Reporter {
  begin(layers: readonly { name: string; kind: string }[], phase: Phase): void;
  end(): Promise<void>;
  outcomes(outcomes: readonly LayerOutcome[], phase: Phase): void;
  say(text: string): void;
  warn(text: string): void;
}

/** Asks the operator; absent when there is no one to ask (no terminal). */
export type Confirm = (question: string) => Promise<boolean>;

/** What a plan or apply did: the face renders it and maps it to an exit code. */
export interface RunReport {
  command: string;
  runId: string;
  repo: { root: string; head: string | null; ref: string; commit: string | null };
  outcomes: LayerOutcome[];
  notices: string[];
  /** The plan or apply included uncommitted changes. */
  dirty: boolean;
  /** Layers chosen by --changed, with the reason (empty otherwise). */
  reasons: string[];
  /** Run-wide failures after which the run counts as failed (the ledger could not be written). */
  problems: string[];
  /** A Ctrl-C (or SIGTERM) stopped the run. */
  interrupted: boolean;
}

/** The report of a plan or apply over this workspace. */
export function runReport(workspace: { repo: { root: string; head: string | null }; ref: string; commit: string | null }, fields: Omit<RunReport, 'repo'>): RunReport {
  const { root, head } = workspace.repo;
  return { ...fields, repo: { root, head, ref: workspace.ref, commit: workspace.commit } };
}

/**
 * 130 interrupted, 1 a failure, else with --detailed-exitcode 2 when changes were planned (a plan) or
 * applied (an apply: a declined apply applied nothing), else 0.
 */
export function exitCodeFor(result: Pick<RunReport, 'outcomes' | 'problems' | 'interrupted'>, detailed: boolean, counts: 'planned' | 'applied'): number {
  const { outcomes } = result;
  if (result.interrupted || outcomes.some((outcome) => outcome.status === 'interrupted')) return 130;
  if (result.problems.length > 0 || outcomes.some((outcome) => outcome.status === 'failed')) return 1;
  const changed = outcomes.some((outcome) => (counts === 'planned' ? outcome.status === 'changes' : outcome.status === 'applied' && outcome.changes.length > 0));
  return detailed && changed ? 2 : 0;
}

import type { Change, ChangeSummary, Plan } from '../reconciler.js';
import type { BlindReason, ErrorLocation } from '../errors.js';

export type LayerStatus = 'in-sync' | 'changes' | 'applied' | 'failed' | 'skipped' | 'interrupted';
export type Phase = 'plan' | 'apply';

/** A layer's failure as a person (and the JSON document) sees it. */
export interface LayerError {
  message: string;
  hint?: string;
  tool?: string;
  exitCode?: number | null;
  log?: string;
  /** The last lines the tool printed. */
  tail?: string;
  location?: ErrorLocation;
  /** Set when the tool could not look (not signed in, missing, unreachable): status says `unknown`. */
  reason?: BlindReason;
}

/** What happened to one layer in one run. */
export interface LayerOutcome {
  name: string;
  kind: string;
  status: LayerStatus;
  summary: ChangeSummary;
  changes: Change[];
  warnings: string[];
  notes: string[];
  /** The plan could not see everything (apply still runs the tool). */
  incomplete: boolean;
  error: LayerError | null;
  durationMs: number;
  /** Why a layer was skipped. */
  reason?: string;
  /** The plan itself, kept for apply. */
  plan?: Plan;
  log?: string;
}

/** A plan that neither changes anything nor is blind to something: the tool need not run. */
export function isInSync(plan: Plan): boolean {
  return plan.changes.length === 0 && !plan.incomplete;
}

/** Pure: a run summary → the Plan (check mode) or the ApplyResult (provision). */
import type { ApplyResult, Plan } from '../../src/reconciler.js';
import { changeOf, targetOf, type TaskOutcome } from './changes.js';
import type { RunSummary } from './parse.js';

/** What apply needs from the plan (Plan.data): what check mode predicted, and what it could not. */
export interface PlanData {
  checked: boolean;
  /** Targets (`host:task`) predicted to change. */
  predicted: string[];
  /** Targets check mode could not run. */
  unpredictable: string[];
}

export const NOT_CHECKED =
  'check mode is off for this layer (check: false): nothing could be predicted; provision runs the playbook';

export function planFromRun(run: RunSummary, stderrWarnings: readonly string[] = []): Plan {
  const changes = run.outcomes.filter(isChange).map(changeOf);
  const skipped = run.outcomes.filter((outcome) => outcome.checkModeSkip);
  const warnings = [...run.warnings, ...stderrWarnings, ...toleratedProblems(run)];
  const tasks = unique(skipped.map((outcome) => outcome.task));
  if (tasks.length > 0) {
    warnings.push(`${count(tasks.length, 'task')} cannot be predicted in check mode: ${list(tasks)}`);
  }
  const hosts = Object.keys(run.stats ?? {});
  if (hosts.length === 0) warnings.push('no host was checked');
  const data: PlanData = {
    checked: true,
    predicted: changes.map((change) => change.target),
    unpredictable: unique(skipped.map(targetOf)),
  };
  const incomplete = tasks.length > 0 || hosts.length === 0 || run.unreachable.length > 0;
  return { changes, warnings, incomplete, data };
}

export function notCheckedPlan(): Plan {
  const data: PlanData = { checked: false, predicted: [], unpredictable: [] };
  return { changes: [], warnings: [NOT_CHECKED], incomplete: true, data };
}

export function applyFromRun(run: RunSummary, planData: PlanData | undefined, stderrWarnings: readonly string[] = []): ApplyResult {
  const changes = run.outcomes.filter(isChange).map(changeOf);
  const warnings = [...run.warnings, ...stderrWarnings, ...toleratedProblems(run)];
  if (planData?.checked) {
    const expected = new Set([...planData.predicted, ...planData.unpredictable]);
    const surprises = unique(changes.map((change) => change.target).filter((target) => !expected.has(target)));
    if (surprises.length > 0) {
      warnings.push(`${count(surprises.length, 'task')} changed that the plan did not predict: ${list(surprises)}`);
    }
    const done = new Set(changes.map((change) => change.target));
    const missed = unique(planData.predicted.filter((target) => !done.has(target)));
    if (missed.length > 0) {
      warnings.push(`${count(missed.length, 'predicted change')} did not happen: ${list(missed)}`);
    }
  }
  const notes = Object.entries(run.stats ?? {}).map(([host, stats]) => recapLine(host, stats));
  return { changes, warnings, notes };
}

/** `indri: ok=5 changed=2 failed=0 unreachable=0 skipped=1` */
export function recapLine(host: string, stats: { ok: number; changed: number; failures: number; unreachable: number; skipped: number }): string {
  return `${host}: ok=${stats.ok} changed=${stats.changed} failed=${stats.failures} unreachable=${stats.unreachable} skipped=${stats.skipped}`;
}

/** Plan.data back from unknown (the engine carries it opaquely); undefined when it is not ours. */
export function readPlanData(data: unknown): PlanData | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  const { checked, predicted, unpredictable } = data as Record<string, unknown>;
  if (typeof checked !== 'boolean' || !isStringArray(predicted) || !isStringArray(unpredictable)) return undefined;
  return { checked, predicted, unpredictable };
}

function isChange(outcome: TaskOutcome): boolean {
  return outcome.status === 'changed';
}

/** Failures at exit 0 were rescued by a block, unreachable hosts ignored (ignore_unreachable). */
function toleratedProblems(run: RunSummary): string[] {
  return [
    ...run.failed.map((failure) => `${failure.host}: task "${failure.task}" failed (rescued): ${failure.message}`),
    ...run.unreachable.map((failure) => `${failure.host}: unreachable (ignored) in task "${failure.task}": ${failure.message}`),
  ];
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

function list(values: readonly string[], max = 5): string {
  const shown = values.slice(0, max).join(', ');
  return values.length > max ? `${shown}, … (${values.length - max} more)` : shown;
}

/**
 * Pure functions from pulumi's output to blumeops data: the preview digest → a Plan, the up event
 * stream → applied changes (events.ts), and planned vs applied → warnings.
 */
import { BlumeopsError } from '../../src/errors.js';
import type { Change, ChangeAction, Plan } from '../../src/reconciler.js';
import { splitDiagnostics } from './diagnostics.js';
import { PreviewDigest } from './schema.js';
import { foldSteps, fromPreviewStep, isUnknownOp } from './steps.js';
import { resourceLabel } from './urn.js';

export { finishUpStream, parseUpEvents, readUpLine, startUpStream } from './events.js';
export type { UpFailure, UpOutcome, UpStream, UpSummary } from './events.js';

export interface ParsedPreview {
  plan: Plan;
  /** Error diagnostics: the preview failed, and the caller throws a layer error naming them. */
  errors: string[];
  /** Pulumi's own count per op, e.g. `{ same: 3, update: 1 }`. */
  changeSummary: Record<string, number>;
}

export const NOT_A_DIGEST = 'pulumi printed output that is not a preview JSON document';

/** The one document; stray lines around it (a banner, a notice) are tolerated. */
function readDocument(stdout: string): unknown {
  if (stdout.trim() === '') throw new BlumeopsError(`${NOT_A_DIGEST}: its stdout was empty`);
  try {
    return JSON.parse(stdout);
  } catch (error) {
    const lines = stdout.split(/\r?\n/).map((line) => line.trimEnd());
    const start = lines.indexOf('{');
    const end = lines.lastIndexOf('}');
    if (start >= 0 && end > start) {
      try {
        return JSON.parse(lines.slice(start, end + 1).join('\n'));
      } catch {
        // fall through to the error about the whole output
      }
    }
    throw new BlumeopsError(NOT_A_DIGEST, { cause: error });
  }
}

/** `pulumi preview --json` stdout (docs/tools/pulumi.md) → the layer's plan, plus any error diagnostics. */
export function parsePreview(stdout: string): ParsedPreview {
  const parsed = PreviewDigest.safeParse(readDocument(stdout));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length > 0 ? ` (at ${issue.path.join('.')}: ${issue.message})` : '';
    throw new BlumeopsError(`${NOT_A_DIGEST}${where}`, { cause: parsed.error });
  }
  const digest = parsed.data;
  const steps = (digest.steps ?? []).map(fromPreviewStep);
  const { warnings, errors } = splitDiagnostics(digest.diagnostics ?? []);
  for (const step of steps) {
    if (isUnknownOp(step.op)) warnings.push(`pulumi step "${step.op}" on ${resourceLabel(step.urn, step.type)} is unknown to blumeops; not counted as a change`);
  }
  if (digest.maybeCorrupt) warnings.push('pulumi says the stack state may be corrupt (maybeCorrupt)');
  return { plan: { changes: foldSteps(steps), warnings }, errors, changeSummary: digest.changeSummary ?? {} };
}

const PAST: Record<ChangeAction, string> = { create: 'created', update: 'updated', delete: 'deleted', replace: 'replaced', sync: 'synced' };

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/**
 * Warnings when what was applied differs from what was planned, compared by target (URN):
 * `applied 3 changes, planned 2: tailscale:index/dnsRecord:DnsRecord home extra (not in plan)`.
 */
export function comparePlanned(planned: readonly Change[], applied: readonly Change[]): string[] {
  const plannedByTarget = new Map(planned.map((change) => [change.target, change]));
  const appliedTargets = new Set(applied.map((change) => change.target));
  const differences: string[] = [];
  for (const change of applied) {
    const plan = plannedByTarget.get(change.target);
    const label = resourceLabel(change.target);
    if (!plan) differences.push(`${label} extra (not in plan)`);
    else if (plan.action !== change.action) differences.push(`${label} ${PAST[change.action]}, planned ${plan.action}`);
  }
  for (const change of planned) {
    if (!appliedTargets.has(change.target)) differences.push(`${resourceLabel(change.target)} not ${PAST[change.action]} (planned ${change.action}, not applied)`);
  }
  const counts = `applied ${plural(applied.length, 'change')}, planned ${planned.length}`;
  return differences.map((difference) => `${counts}: ${difference}`);
}

/**
 * `blumeops up <layer>`: `pulumi up --yes --skip-preview --json`, read as it streams so each
 * resource shows as it starts and ends. The plan was shown already, so pulumi's own preview is
 * skipped; what was applied is compared with what was planned.
 */
import { InterruptedError } from '../../src/errors.js';
import type { ApplyResult, LayerContext, Plan } from '../../src/reconciler.js';
import { describeFailure, EXPLAINED_EXIT_CODES, genericFailure, knownFailure, toolError } from './failure.js';
import { comparePlanned, finishUpStream, readUpLine, startUpStream, type UpOutcome } from './parse.js';
import { prepareProject } from './prepare.js';
import { commonArgs, projectDir, PULUMI_ENV } from './project.js';
import type { PulumiConfig } from './schema.js';

/** Pulumi's op counts in the order a person reads them; replacement parts are inside `replace`. */
const COUNT_WORDS: [string, string][] = [
  ['create', 'created'],
  ['update', 'updated'],
  ['replace', 'replaced'],
  ['delete', 'deleted'],
  ['import', 'imported'],
  ['same', 'unchanged'],
];
const HIDDEN_COUNTS = new Set(['create-replacement', 'delete-replaced', 'import-replacement']);

/** `resources: 1 created, 1 updated, 3 unchanged` from the summaryEvent's resourceChanges. */
export function resourceCountsNote(counts: Record<string, number>): string | undefined {
  const known = new Map(COUNT_WORDS);
  const parts = COUNT_WORDS.filter(([op]) => (counts[op] ?? 0) > 0).map(([op, word]) => `${counts[op]} ${word}`);
  for (const [op, count] of Object.entries(counts)) {
    if (!known.has(op) && !HIDDEN_COUNTS.has(op) && count > 0) parts.push(`${count} ${op}`);
  }
  return parts.length > 0 ? `resources: ${parts.join(', ')}` : undefined;
}

function failureHint(outcome: UpOutcome): string | undefined {
  const count = outcome.changes.length;
  if (count === 0) return undefined;
  return `${count} change${count === 1 ? ' was' : 's were'} applied before the failure and saved in the stack's state; fix the error and run up again`;
}

export async function applyPulumi(ctx: LayerContext<PulumiConfig>, plan: Plan): Promise<ApplyResult> {
  const cwd = await projectDir(ctx);
  await prepareProject(ctx, cwd);
  const stream = startUpStream();
  let linesRead = 0;
  ctx.emit({ type: 'progress', message: 'updating' });
  const args = ['up', '--yes', '--skip-preview', '--json', ...commonArgs(ctx.config, cwd), ...ctx.extraArgs];
  const result = await ctx.run('pulumi', args, {
    env: PULUMI_ENV,
    okExitCodes: EXPLAINED_EXIT_CODES,
    onLine(line, source) {
      if (source !== 'stdout') return;
      linesRead += 1;
      const notice = readUpLine(stream, line);
      if (notice) ctx.emit(notice);
    },
  });
  // A gateway that gave no lines as they came still returns the whole stdout.
  if (linesRead === 0) for (const line of result.stdout.split('\n')) readUpLine(stream, line);
  const outcome = finishUpStream(stream);

  if (outcome.cancelled) throw new InterruptedError('update cancelled');
  const failed = result.exitCode !== 0 || outcome.failures.length > 0 || outcome.summary?.result === 'failed';
  if (failed) {
    const known = result.exitCode !== 0 ? knownFailure(result, 'update', ctx.config.stack, cwd) : undefined;
    if (known) throw known;
    if (ctx.signal.aborted) throw new InterruptedError('update cancelled');
    const lines = [...outcome.failures.map((failure) => failure.message), ...outcome.errors.map((error) => `error: ${error}`)];
    if (lines.length === 0) throw genericFailure(result, 'up');
    throw toolError(result, describeFailure('pulumi up failed', lines), failureHint(outcome));
  }

  const warnings = [...outcome.warnings, ...comparePlanned(plan.changes, outcome.changes)];
  if (!outcome.summary && !outcome.ended) warnings.push("pulumi's event stream ended without a summary; the changes listed may be incomplete");
  const note = outcome.summary ? resourceCountsNote(outcome.summary.resourceChanges) : undefined;
  return { changes: outcome.changes, warnings, notes: note ? [note] : [] };
}

import type { LayerOutcome, Phase } from '../engine/outcome.js';
import { ACTION_SIGNS, totalLine } from '../engine/summary.js';
import type { AutoSyncUnit, Change } from '../reconciler.js';
import type { Paint } from './paint.js';

export { ACTION_SIGNS, totalLine };

/** The units a plan found the tool syncing by itself (none once applied: the plan is stale then). */
export function autoSyncOf(outcome: LayerOutcome): AutoSyncUnit[] {
  return outcome.status === 'in-sync' || outcome.status === 'changes' ? (outcome.plan?.autoSync ?? []) : [];
}

/** `2 auto-sync failing`: what blumeops does not fix but a person must know. */
function failingNote(outcome: LayerOutcome): string {
  const failing = autoSyncOf(outcome).filter((unit) => unit.state === 'failing').length;
  return failing > 0 ? `; ${failing} auto-sync failing` : '';
}

/** The one-line state of a layer. */
export function headline(outcome: LayerOutcome, paint: Paint): string {
  switch (outcome.status) {
    case 'in-sync':
      return failingNote(outcome) ? paint.warn(`nothing to apply${failingNote(outcome)}`) : paint.ok('in sync');
    case 'changes':
      return outcome.changes.length > 0 ? `${totalLine(outcome.summary)}${failingNote(outcome)}` : paint.warn('cannot be fully predicted; apply will run the tool');
    case 'applied':
      return paint.ok(outcome.changes.length > 0 ? `applied: ${totalLine(outcome.summary, true)}` : 'applied');
    case 'failed':
      return paint.error('failed');
    case 'skipped':
      return paint.dim(`skipped${outcome.reason ? `: ${outcome.reason}` : ''}`);
    case 'interrupted':
      return paint.warn('interrupted');
  }
}

export function changeLine(change: Change, paint: Paint): string {
  return `${paint[change.action](ACTION_SIGNS[change.action])} ${change.summary}`;
}

/**
 * The body of a layer under its headline: changes (grouped), diffs when verbose, warnings, notes,
 * error. After an apply the plan was shown already: only changes that differ from it are listed.
 */
export function layerBody(outcome: LayerOutcome, paint: Paint, verbose: boolean, phase: Phase = 'plan'): string[] {
  const lines: string[] = [];
  const changes = phase === 'apply' && outcome.plan ? differences(outcome.plan.changes, outcome.changes) : outcome.changes.map((change) => ({ change, note: '' }));
  const groups = new Map<string, { change: Change; note: string }[]>();
  for (const item of changes) {
    const key = item.change.group ?? '';
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  for (const [group, items] of groups) {
    const indent = group ? '  ' : '';
    if (group) lines.push(paint.bold(`${group}:`));
    for (const { change, note } of items) {
      lines.push(indent + changeLine(change, paint) + (note ? paint.dim(` (${note})`) : ''));
      if (verbose && change.diff) lines.push(...change.diff.replace(/\n$/, '').split('\n').map((line) => `${indent}    ${colorDiffLine(line, paint)}`));
    }
  }
  // What the tool converges on by itself is not a change; a failing unit is a problem (verbose: all).
  for (const unit of autoSyncOf(outcome)) {
    if (unit.state === 'failing') lines.push(paint.error(`problem: ${unit.summary}`));
    else if (unit.state === 'converging' || verbose) lines.push(paint.dim(`${unit.state}: ${unit.summary}`));
  }
  for (const warning of outcome.warnings) lines.push(paint.warn(`warning: ${warning}`));
  for (const note of outcome.notes) lines.push(paint.dim(note));
  if (outcome.error) {
    lines.push(paint.error(`error: ${outcome.error.message}`));
    if (outcome.error.tail) lines.push(...outcome.error.tail.split('\n').map((line) => paint.dim(`│ ${line}`)));
    if (outcome.error.hint) lines.push(`hint: ${outcome.error.hint}`);
    if (outcome.error.log && !outcome.error.hint?.includes(outcome.error.log)) lines.push(paint.dim(`log: ${outcome.error.log}`));
  }
  // One element per line, so renderers can prefix every line (multi-line messages included).
  return lines.flatMap((line) => line.split('\n'));
}

/** What the apply did that the plan did not say, and what the plan said that did not happen. */
function differences(planned: readonly Change[], applied: readonly Change[]): { change: Change; note: string }[] {
  const key = (change: Change) => `${change.action}\u0000${change.target}`;
  const plannedKeys = new Set(planned.map(key));
  const appliedKeys = new Set(applied.map(key));
  return [
    ...applied.filter((change) => !plannedKeys.has(key(change))).map((change) => ({ change, note: 'not in the plan' })),
    ...planned.filter((change) => !appliedKeys.has(key(change))).map((change) => ({ change, note: 'planned, not applied' })),
  ];
}

function colorDiffLine(line: string, paint: Paint): string {
  if (line.startsWith('+') && !line.startsWith('+++')) return paint.create(line);
  if (line.startsWith('-') && !line.startsWith('---')) return paint.delete(line);
  if (line.startsWith('>')) return paint.create(line);
  if (line.startsWith('<')) return paint.delete(line);
  return paint.dim(line);
}

/** `3 layers: 1 with changes, 2 in sync` — the last line of a plan. */
export function runTotal(outcomes: readonly LayerOutcome[]): string {
  const counts = new Map<string, number>();
  for (const outcome of outcomes) counts.set(outcome.status, (counts.get(outcome.status) ?? 0) + 1);
  const words: Record<string, string> = { changes: 'with changes', 'in-sync': 'in sync', applied: 'applied', failed: 'failed', skipped: 'skipped', interrupted: 'interrupted' };
  const parts = [...counts].map(([status, count]) => `${count} ${words[status] ?? status}`);
  return `${outcomes.length} layer${outcomes.length === 1 ? '' : 's'}: ${parts.join(', ')}`;
}

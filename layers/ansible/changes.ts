/** Pure: one task's result on one host (with its diffs) → a Change. */
import type { Change, ChangeAction } from '../../src/reconciler.js';
import type { DiffEntry, DiffEvent, ResultStatus } from './schema.js';

/** What the run reported for one task on one host (loops folded into one). */
export interface TaskOutcome {
  host: string;
  task: string;
  /** The module, e.g. `ansible.builtin.copy`. */
  action: string;
  uuid: string;
  status: ResultStatus;
  handler: boolean;
  /** Non-empty diffs reported for this task on this host, in order (one per loop item at most). */
  diffs: DiffEvent[];
  /** Check mode could not run it (or some of its loop items). */
  checkModeSkip: boolean;
  msg?: string;
  /** 1 for the first task of this name on this host in the run, 2 for the next one of the same name, … */
  occurrence?: number;
}

/**
 * `host:task name`: the target of a change, and how apply matches what plan predicted. A second
 * task of the same name on the same host is `host:task name #2`: plan and apply run the tasks in
 * the same order, so the numbers match between them.
 */
export function targetOf(outcome: Pick<TaskOutcome, 'host' | 'task' | 'occurrence'>): string {
  const suffix = outcome.occurrence !== undefined && outcome.occurrence > 1 ? ` #${outcome.occurrence}` : '';
  return `${outcome.host}:${outcome.task}${suffix}`;
}

/** `copy` for `ansible.builtin.copy`; other collections keep their full name. */
export function moduleName(action: string): string {
  return action.replace(/^ansible\.(?:builtin|legacy)\./, '');
}

export function changeOf(outcome: TaskOutcome): Change {
  const change: Change = {
    action: actionOf(outcome.diffs),
    target: targetOf(outcome),
    summary: `${outcome.host}: ${outcome.task} (${moduleName(outcome.action)})`,
  };
  const diff = outcome.diffs.map((event) => stripAnsi(event.rendered).replace(/\s+$/, '')).join('\n');
  if (diff) change.diff = `${diff}\n`;
  return change;
}

/**
 * create when nothing was there before (a file module's `state: absent` → present; copy/template
 * with an empty before and no before_header, which they set only when the file existed;
 * lineinfile/blockinfile's empty `(content)`), delete when the after state is absent, else update.
 */
export function actionOf(diffs: readonly DiffEvent[]): ChangeAction {
  const kinds = diffs.flatMap((event) => event.diff).map(entryAction).filter((kind) => kind !== undefined);
  if (kinds.length > 0 && kinds.every((kind) => kind === 'create')) return 'create';
  if (kinds.length > 0 && kinds.every((kind) => kind === 'delete')) return 'delete';
  return 'update';
}

function entryAction(entry: DiffEntry): ChangeAction | undefined {
  if (!('before' in entry) || !('after' in entry)) return undefined; // file attributes only
  const before = stateOf(entry.before);
  const after = stateOf(entry.after);
  if (before === 'absent' && after !== 'absent') return 'create';
  if (after === 'absent' && before !== 'absent') return 'delete';
  if (isEmptyText(entry.before) && !isEmptyText(entry.after)) {
    const header = entry.before_header;
    return header === undefined || header.endsWith(' (content)') ? 'create' : 'update';
  }
  return 'update';
}

function stateOf(side: unknown): string | undefined {
  if (typeof side !== 'object' || side === null) return undefined;
  const state = (side as Record<string, unknown>).state;
  return typeof state === 'string' ? state : undefined;
}

function isEmptyText(side: unknown): boolean {
  return side === '' || side === null || side === undefined;
}

function stripAnsi(text: string): string {
  return text.replace(/\x1b\[[0-9;]*m/g, '');
}

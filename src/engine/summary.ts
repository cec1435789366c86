import type { ChangeAction, ChangeSummary } from '../reconciler.js';

/** The sign of each action in every listing: `+` create, `~` update, `-` delete, `±` replace, `↻` sync. */
export const ACTION_SIGNS: Record<ChangeAction, string> = { create: '+', update: '~', delete: '-', replace: '±', sync: '↻' };
const ACTION_WORDS: Record<ChangeAction, string> = { create: 'to create', update: 'to update', delete: 'to delete', replace: 'to replace', sync: 'to sync' };
const DONE_WORDS: Record<ChangeAction, string> = { create: 'created', update: 'updated', delete: 'deleted', replace: 'replaced', sync: 'synced' };

/** `1 to create, 2 to update`, or `created 1, updated 2` once applied. */
export function totalLine(summary: ChangeSummary, applied = false): string {
  const parts = (Object.keys(summary) as ChangeAction[])
    .filter((action) => summary[action] > 0)
    .map((action) => (applied ? `${DONE_WORDS[action]} ${summary[action]}` : `${summary[action]} ${ACTION_WORDS[action]}`));
  return parts.join(', ');
}

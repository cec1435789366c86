import { createTwoFilesPatch } from 'diff';
import type { FileChange } from './wrappers.js';

/** A unified diff of one change, as `git diff` shows it (a new file diffs against /dev/null). */
export function unifiedDiff(change: FileChange): string {
  const patch = createTwoFilesPatch(change.before === undefined ? '/dev/null' : `a/${change.file}`, `b/${change.file}`, change.before ?? '', change.after, '', '', { context: 3 });
  // The `===` banner line is jsdiff's own; git's diffs start at `---`.
  return patch.replace(/^=+\n/, '');
}

import { BlumeopsError } from '../errors.js';
import { openRepo } from './workspace.js';
import { printJson } from '../output/json.js';
import { createPaint } from '../output/paint.js';
import { readLedger } from '../state/ledger.js';
import { age } from './age.js';

/** `blumeops history [layer]`: the ledger, newest first. */
export async function historyCommand(layer: string | undefined, flags: { repo?: string; json: boolean; color: boolean; limit?: number }): Promise<number> {
  const repo = await openRepo(flags.repo);
  const { entries, warnings } = readLedger(repo.gitDir);
  let selected = entries.filter((entry) => !layer || entry.layer === layer).reverse();
  if (layer && selected.length === 0 && !entries.some((entry) => entry.layer === layer)) {
    throw new BlumeopsError(`no applies recorded for layer "${layer}"`, { hint: 'see `blumeops history` for every layer' });
  }
  if (flags.limit) selected = selected.slice(0, flags.limit);
  for (const warning of warnings) process.stderr.write(`warning: ${warning}\n`);
  if (flags.json) {
    printJson({ version: 1, entries: selected });
    return 0;
  }
  if (selected.length === 0) {
    process.stdout.write('No applies recorded yet. Run `blumeops apply` to make the first.\n');
    return 0;
  }
  const paint = createPaint(flags.color && Boolean(process.stdout.isTTY));
  const colour: Record<string, (text: string) => string> = { applied: paint.ok, 'in-sync': paint.dim, failed: paint.error, interrupted: paint.warn, skipped: paint.dim };
  const lines = selected.map((entry) => {
    const counts = Object.entries(entry.summary).filter(([, n]) => n > 0).map(([action, n]) => `${action} ${n}`).join(', ');
    const when = `${entry.finishedAt.slice(0, 16).replace('T', ' ')} (${age(entry.finishedAt)})`;
    const extras = [counts, entry.dirty ? 'dirty' : '', entry.rollbackOf ? `rollback from ${entry.rollbackOf.slice(0, 7)}` : '', firstLine(entry.error)].filter(Boolean).join('; ');
    const message = entry.message ? `  ${paint.dim(`"${entry.message}"${entry.messageSource === 'commit' ? ' (commit subject)' : ''}`)}` : '';
    return `${when.padEnd(28)} ${entry.layer.padEnd(10)} ${(entry.commit ?? 'no commit').slice(0, 7)}  ${colour[entry.status](entry.status.padEnd(11))} ${extras}${message}`;
  });
  process.stdout.write(`${lines.join('\n')}\n`);
  return 0;
}

/** A multi-line error would break the table: its first line, and a marker that there is more. */
function firstLine(text: string | null): string {
  if (!text) return '';
  const [first, ...rest] = text.split('\n');
  return rest.length > 0 ? `${first} (…)` : first;
}

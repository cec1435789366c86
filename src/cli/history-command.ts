import { readHistory, type LedgerEntry } from '../engine/history.js';
import { age } from '../output/age.js';
import { printJson } from '../output/json.js';
import { createPaint } from '../output/paint.js';
import { table } from '../output/table.js';
import { printNote, terminal } from '../output/terminal.js';

/** `blumeops history [layer]`: the ledger, newest first. */
export async function historyCommand(layer: string | undefined, flags: { repo?: string; json: boolean; color: boolean; limit?: number }): Promise<number> {
  const { entries, warnings } = await readHistory(flags.repo, layer, flags.limit);
  const out = terminal({ document: flags.json, color: flags.color });
  for (const warning of warnings) printNote(`warning: ${warning}`);
  if (flags.json) {
    printJson({ version: 1, entries });
    return 0;
  }
  if (entries.length === 0) {
    out.write('No applies recorded yet. Run `blumeops apply` to make the first.\n');
    return 0;
  }
  out.write(`${historyTable(entries, createPaint(out.color))}\n`);
  return 0;
}

function historyTable(entries: readonly LedgerEntry[], paint: ReturnType<typeof createPaint>): string {
  const colour: Record<string, (text: string) => string> = { applied: paint.ok, 'in-sync': paint.dim, failed: paint.error, interrupted: paint.warn, skipped: paint.dim };
  const rows = entries.map((entry) => {
    const counts = Object.entries(entry.summary).filter(([, n]) => n > 0).map(([action, n]) => `${action} ${n}`).join(', ');
    const when = `${entry.finishedAt.slice(0, 16).replace('T', ' ')} (${age(entry.finishedAt)})`;
    const extras = [counts, entry.dirty ? 'dirty' : '', entry.rollbackOf ? `rollback from ${entry.rollbackOf.slice(0, 7)}` : '', firstLine(entry.error)].filter(Boolean).join('; ');
    const message = entry.message ? paint.dim(`"${entry.message}"${entry.messageSource === 'commit' ? ' (commit subject)' : ''}`) : '';
    return { cells: [when, entry.layer, (entry.commit ?? 'no commit').slice(0, 7), colour[entry.status](entry.status), extras, message] };
  });
  return table(['WHEN', 'LAYER', 'COMMIT', 'RESULT', 'DETAIL', 'WHY'], rows);
}

/** A multi-line error would break the table: its first line, and a marker that there is more. */
function firstLine(text: string | null): string {
  if (!text) return '';
  const [first, ...rest] = text.split('\n');
  return rest.length > 0 ? `${first} (…)` : first;
}

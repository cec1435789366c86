import type { StatusLayer } from '../status-schema.js';
import type { Notification } from './notify.js';

/** What the watch remembers of a layer between cycles, to say each piece of news once. */
export type Seen = Map<string, { state: StatusLayer['state']; detail: string }>;

export interface ApplyNews {
  layer: string;
  ok: boolean;
  detail: string;
}

/** The news of this cycle against the last: new drift, drift resolved, errors, applies. Empty when nothing changed. */
export function newsSince(seen: Seen, rows: readonly StatusLayer[], applies: readonly ApplyNews[]): Notification[] {
  const news: Notification[] = [];
  for (const apply of applies) {
    news.push(
      apply.ok
        ? { title: `blumeops: ${apply.layer} applied`, body: `${apply.layer}: applied automatically after a pull. ${apply.detail}`, priority: 3, tags: ['white_check_mark'] }
        : { title: `blumeops: applying ${apply.layer} failed`, body: `${apply.layer}: the automatic apply failed: ${apply.detail}`, priority: 5, tags: ['rotating_light'] },
    );
  }
  for (const row of rows) {
    const before = seen.get(row.name);
    const same = before && before.state === row.state && before.detail === row.detail;
    if (same || (!before && row.state === 'in-sync')) continue;
    if (row.state === 'in-sync') news.push({ title: `blumeops: ${row.name} back in sync`, body: `${row.name} (${row.kind}): in sync with Git again (was ${before?.state}).`, priority: 2, tags: ['white_check_mark'] });
    else if (row.state === 'drifted') news.push({ title: `blumeops: ${row.name} ${row.autoSync.some((unit) => unit.state === 'failing') ? 'auto-sync failing' : 'drifted'}`, body: `${row.name} (${row.kind}): ${row.detail}. Run: blumeops plan ${row.name}`, priority: 4, tags: ['warning'] });
    else if (row.state === 'unapplied') news.push({ title: `blumeops: ${row.name} not applied`, body: `${row.name} (${row.kind}): ${row.detail}.`, priority: 3, tags: ['hourglass'] });
    else news.push({ title: `blumeops: ${row.name} ${row.state}`, body: `${row.name} (${row.kind}): ${row.detail}`, priority: row.state === 'error' ? 5 : 3, tags: ['x'] });
  }
  seen.clear();
  for (const row of rows) seen.set(row.name, { state: row.state, detail: row.detail });
  return news;
}

/** Longest wait between cycles when errors keep coming. */
const MAX_BACKOFF_MS = 3_600_000;

/** The wait after `errors` failed cycles in a row: the interval, doubled per error, at most an hour. */
export function backoff(intervalMs: number, errors: number): number {
  return Math.min(MAX_BACKOFF_MS, intervalMs * 2 ** errors);
}

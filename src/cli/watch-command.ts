import path from 'node:path';
import { BlumeopsError } from '../errors.js';
import { parseDuration, isDuration, formatDuration } from '../duration.js';
import { RunLog } from '../exec/log.js';
import { stateDir } from '../state/paths.js';
import type { CommonFlags } from './flags.js';
import { backoff, newsSince, type Seen } from './watch/changes.js';
import { runCycle } from './watch/cycle.js';
import { notify, type NotifyTarget } from './watch/notify.js';
import { openWorkspace } from './workspace.js';

export interface WatchFlags extends CommonFlags {
  interval: string;
  apply: string[];
  notify?: string;
  notifyFormat: 'text' | 'json';
  /** Stop after this many cycles (for scripts and tests); default: until Ctrl-C. */
  cycles?: number;
}

/**
 * `blumeops watch`: a reconciliation loop. Every interval: fetch, plan, auto-apply the opted-in layers,
 * and notify when a layer's state changes — never the same news twice, never two cycles at once.
 */
export async function watchCommand(flags: WatchFlags): Promise<number> {
  if (!isDuration(flags.interval)) throw new BlumeopsError(`--interval takes a duration such as 30s, 10m or 1h, got "${flags.interval}"`);
  const intervalMs = parseDuration(flags.interval);
  const workspace = await openWorkspace(flags);
  const known = workspace.config.layers.map((layer) => layer.name);
  for (const name of flags.apply) {
    if (!known.includes(name)) throw new BlumeopsError(`--apply names an unknown layer "${name}"`, { hint: `layers: ${known.join(', ')}` });
  }
  const log = new RunLog(path.join(stateDir(workspace.repo.gitDir), 'watch.log'));
  await workspace.close();
  const target: NotifyTarget | undefined = flags.notify ? { url: flags.notify, format: flags.notifyFormat } : undefined;

  const stop = new AbortController();
  const onSignal = () => stop.abort();
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  const say = (text: string) => {
    const line = `${new Date().toISOString()} ${text}`;
    log.line('', line);
    if (!flags.quiet || /error|failed/.test(text)) process.stdout.write(`${line}\n`);
  };

  const seen: Seen = new Map();
  let errors = 0;
  let cycle = 0;
  say(`watching every ${formatDuration(intervalMs)}${flags.apply.length ? `, auto-applying ${flags.apply.join(', ')}` : ''}${target ? `, notifying ${target.url}` : ''}`);
  try {
    while (!stop.signal.aborted && (flags.cycles === undefined || cycle < flags.cycles)) {
      cycle++;
      let wait = intervalMs;
      try {
        const result = await runCycle(flags);
        errors = 0;
        say(`cycle ${cycle}: ${result.summary}`);
        for (const news of newsSince(seen, result.rows, result.applies)) {
          say(`news: ${news.title}`);
          const failure = target ? await notify(target, news, result.document) : undefined;
          if (failure) say(`error: ${failure}`);
        }
      } catch (error) {
        errors++;
        wait = backoff(intervalMs, errors);
        say(`cycle ${cycle} error: ${error instanceof Error ? error.message : String(error)} (next try in ${formatDuration(wait)})`);
      }
      if (flags.cycles !== undefined && cycle >= flags.cycles) break;
      await sleep(wait, stop.signal);
    }
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    say(stop.signal.aborted ? 'stopped (Ctrl-C)' : 'stopped');
    log.close();
  }
  return stop.signal.aborted ? 130 : 0;
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
  });
}

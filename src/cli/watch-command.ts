import { runWatch } from '../engine/watch/loop.js';
import { terminal } from '../output/terminal.js';
import { APPLY_CONCURRENCY, type CommonFlags } from './flags.js';

export interface WatchFlags extends CommonFlags {
  /** Milliseconds between cycles (parsed and checked by the flag). */
  interval: number;
  apply: string[];
  notify?: string;
  notifyFormat: 'text' | 'json';
  /** Stop after this many cycles (for scripts and tests); default: until Ctrl-C. */
  cycles?: number;
}

/**
 * `blumeops watch`: the engine's reconciliation loop; each line it logs is printed (only errors with
 * --quiet). Exit 130 after Ctrl-C.
 */
export async function watchCommand(flags: WatchFlags): Promise<number> {
  const out = terminal({ document: false, color: flags.color });
  return runWatch(
    {
      repo: flags.repo,
      intervalMs: flags.interval,
      apply: flags.apply,
      concurrency: flags.concurrency,
      applyConcurrency: APPLY_CONCURRENCY,
      notify: flags.notify ? { url: flags.notify, format: flags.notifyFormat } : undefined,
      cycles: flags.cycles,
    },
    { line: (text, important) => (!flags.quiet || important ? out.write(`${text}\n`) : undefined) },
  );
}

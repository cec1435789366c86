import { BlumeopsError } from '../errors.js';
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
  /** HOST:PORT of the status page, API and metrics (off when absent). */
  listen?: string;
  tokenFile?: string;
  /** Failed cycles in a row after which /healthz answers 503. */
  unhealthyAfter: number;
}

/**
 * `blumeops watch`: the engine's reconciliation loop; each line it logs is printed (only errors with
 * --quiet). With --listen, the status page and metrics are served from the loop's results (the
 * service is loaded only then). Exit 130 after Ctrl-C.
 */
export async function watchCommand(flags: WatchFlags): Promise<number> {
  const out = terminal({ document: false, color: flags.color });
  if (!flags.listen && flags.tokenFile) throw new BlumeopsError('--token-file is for --listen', { hint: 'e.g. blumeops watch --listen 0.0.0.0:9387 --token-file /etc/blumeops/token' });
  const service = flags.listen
    ? await (await import('../service/service.js')).startService({
        listen: flags.listen,
        tokenFile: flags.tokenFile,
        env: process.env,
        repo: flags.repo,
        intervalMs: flags.interval,
        unhealthyAfter: flags.unhealthyAfter,
        onFailure: (message) => out.write(`${new Date().toISOString()} error: ${message}\n`),
      })
    : undefined;
  if (service) out.write(`serving the status page on ${service.url}${service.tokenRequired ? ' (token required)' : ''}; metrics on ${service.url}metrics\n`);
  try {
    return await runWatch(
      {
        repo: flags.repo,
      intervalMs: flags.interval,
      apply: flags.apply,
      concurrency: flags.concurrency,
      applyConcurrency: APPLY_CONCURRENCY,
        notify: flags.notify ? { url: flags.notify, format: flags.notifyFormat } : undefined,
        cycles: flags.cycles,
        describe: service !== undefined,
      },
      {
        line: (text, important) => (!flags.quiet || important ? out.write(`${text}\n`) : undefined),
        cycle: service?.cycle,
        event: service?.event,
      },
    );
  } finally {
    await service?.close();
  }
}

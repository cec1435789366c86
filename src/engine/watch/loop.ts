import { BlumeopsError } from '../../errors.js';
import { formatDuration } from '../../duration.js';
import { RunLog } from '../../exec/log.js';
import { ensureStateDir, watchLogPath } from '../../state/paths.js';
import { withInterrupts } from '../interrupts.js';
import type { LayerStatus } from '../outcome.js';
import { silentView } from '../reporter.js';
import type { RunView } from '../request.js';
import { openWorkspace } from '../workspace.js';
import { runCycle, type CycleRequest, type CycleResult } from './cycle.js';
import { backoff, newsSince, type Seen } from './news.js';
import { notify, type NotifyTarget } from './notify.js';

export interface WatchRequest extends CycleRequest {
  intervalMs: number;
  notify?: NotifyTarget;
  /** Stop after this many cycles (for scripts and tests); default: until Ctrl-C. */
  cycles?: number;
}

/** What happens in the loop besides a cycle's result: for a live page and its metrics. */
export type WatchEvent =
  | { type: 'cycle-started'; cycle: number; at: string }
  | { type: 'cycle-finished'; cycle: number; at: string; durationMs: number }
  | { type: 'cycle-failed'; cycle: number; at: string; durationMs: number; error: string }
  /** The loop sleeps until `nextAt` (after a success, or backing off after errors). */
  | { type: 'waiting'; nextAt: string }
  | { type: 'layer-applying'; layer: string; at: string }
  | { type: 'layer-applied'; layer: string; at: string; status: LayerStatus; error: string | null }
  | { type: 'stopped'; at: string };

/** What the watch tells the face: each line it logs, each cycle's result and the loop's events (for a live page). */
export interface WatchView {
  line(text: string, important: boolean): void;
  cycle?(result: CycleResult): void;
  event?(event: WatchEvent): void;
}

/** The longest single timer Node can hold; longer waits are made of several. */
const MAX_TIMER_MS = 2_147_483_647;

/**
 * The reconciliation loop: every interval fetch, plan, auto-apply the opted-in layers, and notify
 * when a layer's state changes — never the same news twice, never two cycles at once. Returns 130
 * after a Ctrl-C, else 0.
 */
export async function runWatch(request: WatchRequest, view: WatchView): Promise<number> {
  const workspace = await openWorkspace(request);
  const known = workspace.config.layers.map((layer) => layer.name);
  await workspace.close();
  for (const name of request.apply) {
    if (!known.includes(name)) throw new BlumeopsError(`--apply names an unknown layer "${name}"`, { hint: `layers: ${known.join(', ')}` });
  }
  ensureStateDir(workspace.repo.gitDir);
  const log = new RunLog(watchLogPath(workspace.repo.gitDir));
  const say = (text: string) => {
    const line = `${new Date().toISOString()} ${text}`;
    log.line('', line);
    log.flush();
    view.line(line, /error|failed/.test(text));
  };
  const target = request.notify;
  const seen: Seen = new Map();
  let errors = 0;
  let cycle = 0;
  const tell = (event: WatchEvent) => view.event?.(event);
  const applyView = applyEvents(tell);
  say(`watching every ${formatDuration(request.intervalMs)}${request.apply.length ? `, auto-applying ${request.apply.join(', ')}` : ''}${target ? `, notifying ${target.url}` : ''}`);
  try {
    return await withInterrupts(
      (message) => say(message),
      async (interrupts) => {
        while (!interrupts.interrupted && (request.cycles === undefined || cycle < request.cycles)) {
          cycle++;
          let wait = request.intervalMs;
          const started = Date.now();
          tell({ type: 'cycle-started', cycle, at: new Date(started).toISOString() });
          try {
            const result = await runCycle(request, interrupts, applyView);
            errors = 0;
            say(`cycle ${cycle}: ${result.summary}`);
            tell({ type: 'cycle-finished', cycle, at: new Date().toISOString(), durationMs: Date.now() - started });
            view.cycle?.(result);
            for (const news of newsSince(seen, result.rows, result.applies)) {
              say(`news: ${news.title}`);
              const failure = target ? await notify(target, news, result.document) : undefined;
              if (failure) say(`error: ${failure}`);
            }
          } catch (error) {
            if (interrupts.interrupted) break;
            errors++;
            wait = backoff(request.intervalMs, errors);
            const message = error instanceof Error ? error.message : String(error);
            say(`cycle ${cycle} error: ${message} (next try in ${formatDuration(wait)})`);
            tell({ type: 'cycle-failed', cycle, at: new Date().toISOString(), durationMs: Date.now() - started, error: message });
          }
          if (request.cycles !== undefined && cycle >= request.cycles) break;
          tell({ type: 'waiting', nextAt: new Date(Date.now() + wait).toISOString() });
          await sleep(wait, interrupts.signal);
        }
        say(interrupts.interrupted ? 'stopped (Ctrl-C)' : 'stopped');
        tell({ type: 'stopped', at: new Date().toISOString() });
        return interrupts.interrupted ? 130 : 0;
      },
    );
  } finally {
    log.close();
  }
}

/** The automatic applies' view: silent, but each layer's start and end become events. */
function applyEvents(tell: (event: WatchEvent) => void): RunView {
  return {
    ...silentView,
    layerStarted: (layer, phase) => (phase === 'apply' ? tell({ type: 'layer-applying', layer, at: new Date().toISOString() }) : undefined),
    layerFinished: (outcome, phase) =>
      phase === 'apply' ? tell({ type: 'layer-applied', layer: outcome.name, at: new Date().toISOString(), status: outcome.status, error: outcome.error?.message ?? null }) : undefined,
  };
}

/** Waits `ms` (in timer-sized steps), or until the signal aborts. */
export async function sleep(ms: number, signal: AbortSignal): Promise<void> {
  let left = ms;
  while (left > 0 && !signal.aborted) {
    const step = Math.min(left, MAX_TIMER_MS);
    // The listener goes when the timer fires: a loop of months must not pile one up per cycle.
    await new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        signal.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, step);
      signal.addEventListener('abort', done, { once: true });
    });
    left -= step;
  }
}
